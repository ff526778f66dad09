/**
 * Reference posteriors of BLR problems: long-run MCMC draws with their mean, variances and
 * diagnostics. The vendored sets' references are fixtures made by
 * scripts/reference/blr_reference.py (data/reference/<set>.json); buildBlrReference makes one in
 * the engine (for a user's CSV), in chunks so a worker can report progress and stop.
 */
import type { BlrProblem } from './problem';

export interface BlrReferenceDiagnostics {
  /** Largest split R-hat over the coordinates. */
  readonly maxRhat: number;
  /** Smallest effective sample size over the coordinates. */
  readonly minEss: number;
  /** Mean acceptance rate of the sampler after warm-up. */
  readonly acceptance: number;
}

export interface BlrReference {
  readonly dataSet: string;
  readonly dim: number;
  /** Posterior mean of all kept draws. (d) */
  readonly mean: Float64Array;
  /** Posterior variance (divide by the number of draws) of all kept draws. (d) */
  readonly variance: Float64Array;
  /** Thinned draws for the distance metrics. (R, d) */
  readonly draws: Float64Array;
  /** Test rows of the split the reference was made on, ascending. */
  readonly testRows: Int32Array;
  readonly diagnostics: BlrReferenceDiagnostics;
  /** One line: how the reference was made. */
  readonly source: string;
  /** log pi (unnormalised, as blrLogDensity computes it) at the mean, when the maker recorded it. */
  readonly logDensityAtMean?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: unknown, what: string, len?: number): Float64Array => {
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'number' && Number.isFinite(t)) || (len !== undefined && v.length !== len))
    throw new Error(`invalid reference: ${what} must be a list of ${len ?? ''} finite numbers`.replace('  ', ' '));
  return Float64Array.from(v as number[]);
};

/** A reference fixture (the JSON blr_reference.py writes), checked field by field. */
export function parseBlrReference(json: unknown): BlrReference {
  if (!isRecord(json)) throw new Error('invalid reference: must be a JSON object');
  const d = json.dim;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) throw new Error('invalid reference: dim must be a positive integer');
  const mean = numbers(json.mean, 'mean', d);
  const variance = numbers(json.variance, 'variance', d);
  if (!Array.isArray(json.draws) || json.draws.length < 2) throw new Error('invalid reference: draws must be a list of at least 2 draws');
  const draws = new Float64Array(json.draws.length * d);
  json.draws.forEach((row, i) => draws.set(numbers(row, `draw ${i}`, d), i * d));
  const split = isRecord(json.split) ? json.split : {};
  const testRows = Int32Array.from(numbers(split.testRows, 'split.testRows'));
  const diag = isRecord(json.diagnostics) ? json.diagnostics : {};
  const settings = isRecord(json.settings) ? json.settings : {};
  const check = isRecord(json.check) ? json.check : {};
  return {
    dataSet: String(json.dataSet ?? ''),
    dim: d,
    mean,
    variance,
    draws,
    testRows,
    diagnostics: {
      maxRhat: Number(diag.maxRhat),
      minEss: Number(diag.minEssBulk ?? diag.minEss),
      acceptance: Number(diag.acceptance),
    },
    source: `${String(settings.sampler ?? 'MCMC')}: ${String(settings.chains)} chains x ${String(settings.samples)} draws after ${String(settings.warmup)} warm-up, seed ${String(settings.seed)}`,
    ...(typeof check.logDensityAtMean === 'number' ? { logDensityAtMean: check.logDensityAtMean } : {}),
  };
}

/** Null when the reference belongs to the problem (same dimension, same test rows), else why not. */
export function referenceMismatch(ref: BlrReference, p: BlrProblem): string | null {
  if (ref.dim !== p.dim) return `the reference has dimension ${ref.dim}, the data set ${p.dim}`;
  const a = ref.testRows;
  const b = p.testRows;
  if (a.length !== b.length || a.some((v, i) => v !== b[i])) return 'the reference was made on another train/test split';
  return null;
}
