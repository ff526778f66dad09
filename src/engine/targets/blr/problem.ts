/**
 * A Bayesian logistic regression problem (docs/algorithms.md §5, docs/posteriors.md): a labelled table split into
 * training and test rows, features standardised, no intercept, prior w ~ N(0, 5^2 I).
 */
import type { LabelledTable } from './csv';
import { BLR_SPLIT, stratifiedSplit } from './split';

/** Prior standard deviation of every weight. */
export const BLR_PRIOR_SD = 5;

export interface BlrProblem {
  /** Data set name (a vendored key, or a file name). */
  readonly name: string;
  /** Number of weights: the kept feature columns. */
  readonly dim: number;
  /** Names of the kept feature columns. (dim) */
  readonly features: readonly string[];
  /** Feature columns left out because they are constant on the training rows (no information, cannot be standardised). */
  readonly dropped: readonly string[];
  /** Standardised training features, row-major. (nTrain, dim) */
  readonly xTrain: Float64Array;
  /** (nTrain) */
  readonly yTrain: Uint8Array;
  /** Test features, standardised with the training rows' mean and sd. (nTest, dim) */
  readonly xTest: Float64Array;
  /** (nTest) */
  readonly yTest: Uint8Array;
  /** Row indices (0-based, among the data rows) of the test part, ascending. */
  readonly testRows: Int32Array;
  /** Mean and population sd of each kept column on the training rows. (dim) */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  readonly priorSd: number;
  /** How the table was read (label coding, dropped columns), for the user. */
  readonly notes: readonly string[];
}

/** A column whose training sd is below this (relative to 1 + |mean|) is constant. */
const CONSTANT_SD = 1e-10;

/**
 * The problem of a table: the stratified seeded split (split.ts), then every feature standardised
 * with the mean and population standard deviation (divide by n) of the training rows; columns
 * constant on the training rows are dropped (the ETD authors drop Ionosphere's constant column the
 * same way) and listed. Fewer than two kept columns is an error.
 */
export function createBlrProblem(
  name: string,
  table: LabelledTable,
  opts: { testFraction?: number; seed?: number; priorSd?: number } = {},
): BlrProblem {
  const { train, test } = stratifiedSplit(table.y, opts.testFraction ?? BLR_SPLIT.testFraction, opts.seed ?? BLR_SPLIT.seed);
  const d0 = table.dim;
  const x = table.x;
  const keep: number[] = [];
  const center: number[] = [];
  const scale: number[] = [];
  const dropped: string[] = [];
  for (let k = 0; k < d0; k++) {
    let m = 0;
    for (const i of train) m += x[i * d0 + k];
    m /= train.length;
    let v = 0;
    for (const i of train) v += (x[i * d0 + k] - m) ** 2;
    const sd = Math.sqrt(v / train.length);
    if (!(sd > CONSTANT_SD * (1 + Math.abs(m)))) {
      dropped.push(table.features[k]);
      continue;
    }
    keep.push(k);
    center.push(m);
    scale.push(sd);
  }
  const d = keep.length;
  if (d < 2)
    throw new Error(`${name}: ${d} feature column${d === 1 ? ' varies' : 's vary'} on the training rows (at least 2 are needed; constant: ${dropped.join(', ')})`);
  const take = (rows: Int32Array) => {
    const out = new Float64Array(rows.length * d);
    rows.forEach((i, r) => {
      for (let c = 0; c < d; c++) out[r * d + c] = (x[i * d0 + keep[c]] - center[c]) / scale[c];
    });
    return out;
  };
  const notes = [...table.notes];
  if (dropped.length) notes.push(`constant column${dropped.length > 1 ? 's' : ''} left out: ${dropped.join(', ')}`);
  return {
    name,
    dim: d,
    features: keep.map((k) => table.features[k]),
    dropped,
    xTrain: take(train),
    yTrain: Uint8Array.from(train, (i) => table.y[i]),
    xTest: take(test),
    yTest: Uint8Array.from(test, (i) => table.y[i]),
    testRows: test,
    center: Float64Array.from(center),
    scale: Float64Array.from(scale),
    priorSd: opts.priorSd ?? BLR_PRIOR_SD,
    notes,
  };
}
