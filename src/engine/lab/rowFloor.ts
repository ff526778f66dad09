/**
 * How close a learned conditional can be expected to come to Sinkhorn's plan row, for scale
 * beside the energy distance ED(samples, row) of src/engine/lab/weightedEnergy.ts.
 *
 * A plan row w (weights on the target points y_j, sum 1) is itself an estimate from a finite
 * target cloud: it puts its mass on the few points near where pi(. | x) lives (an effective
 * number 1 / sum w_j^2 of them, ~100 at eps = 0.1 on 1000 Swiss-roll points, ~15 at eps = 0.01).
 * Its **sampling floor** is the energy distance between two halves of it: the target points are
 * split at random into two halves A and B (each point into A with probability 1/2), the row is
 * restricted to each half and renormalised, and
 *   floor = mean over `splits` random splits of ED(w_A, w_B),  ED(a, b) = -sum_jk (a - b)_j (a - b)_k ||y_j - y_k||,
 * the energy distance between the two weighted half-rows. It is how far two Sinkhorn rows of the
 * same point are from each other when each sees half the target, so it grows as the row's
 * effective number of points falls. (To first order a half-row is twice as far from the row's
 * limit as the whole row, so the whole row is about floor / 4 from it.)
 *
 * Beside it, the **resampling** term: the expected ED between n exact draws from the row and the
 * row, exactly D / n with D = sum_jk w_j w_k ||y_j - y_k|| (the V-statistic's own bias); n
 * samples of a perfect model carry it on top of everything else.
 */
import { Rng } from '../random/rng';

/** Row entries below this fraction of the row's largest are left out (their pairs change ED by < 1e-9). */
const NEGLIGIBLE = 1e-12;

export interface RowFloor {
  /** Mean ED between two random halves of the row (see above). */
  readonly floor: number;
  /** Standard deviation of that ED over the splits. */
  readonly floorSd: number;
  readonly splits: number;
  /** Effective number of target points of the row: 1 / sum w_j^2. */
  readonly effectivePoints: number;
  /** D = sum_jk w_j w_k ||y_j - y_k||: the expected ED of n exact draws from the row is D / n. */
  readonly meanPairDistance: number;
}

/** The row's support (weights above NEGLIGIBLE of the largest): indices and the pairwise distances (s, s). */
function support(target: Float64Array, row: Float64Array): { idx: number[]; dist: Float64Array } {
  let top = 0;
  for (const v of row) top = Math.max(top, v);
  const idx: number[] = [];
  for (let j = 0; j < row.length; j++) if (row[j] > NEGLIGIBLE * top) idx.push(j);
  const s = idx.length;
  const dist = new Float64Array(s * s);
  for (let a = 0; a < s; a++)
    for (let b = a + 1; b < s; b++) {
      const ja = idx[a], jb = idx[b];
      dist[a * s + b] = dist[b * s + a] = Math.hypot(target[2 * ja] - target[2 * jb], target[2 * ja + 1] - target[2 * jb + 1]);
    }
  return { idx, dist };
}

/** -d^T D d for a signed measure d on the support (the energy distance when d = a - b, sum 0). */
function quadratic(d: Float64Array, dist: Float64Array): number {
  const s = d.length;
  let q = 0;
  for (let a = 0; a < s; a++) {
    if (d[a] === 0) continue;
    let inner = 0;
    for (let b = 0; b < s; b++) inner += dist[a * s + b] * d[b];
    q += d[a] * inner;
  }
  return -q;
}

/**
 * The row's sampling floor: `splits` random halvings from Rng(seed, 31) (the same row and seed
 * give the same floor). target: (M, 2); row: (M), sum 1.
 */
export function rowFloor(target: Float64Array, row: Float64Array, seed: number, splits = 64): RowFloor {
  const { idx, dist } = support(target, row);
  const s = idx.length;
  const w = Float64Array.from(idx, (j) => row[j]);
  let sumW = 0, sumW2 = 0;
  for (const v of w) { sumW += v; sumW2 += v * v; }
  for (let a = 0; a < s; a++) w[a] /= sumW;
  const D = -quadratic(w, dist); // w^T dist w
  const effectivePoints = (sumW * sumW) / sumW2;
  // one point carries the row: no half can differ from the other
  if (s < 2) return { floor: 0, floorSd: 0, splits: 0, effectivePoints, meanPairDistance: 0 };
  const rng = new Rng(seed, 31);
  const eds: number[] = [];
  const d = new Float64Array(s);
  const inA = new Uint8Array(s);
  while (eds.length < splits) {
    let ma = 0, mb = 0;
    for (let a = 0; a < s; a++) {
      inA[a] = rng.uniform() < 0.5 ? 1 : 0;
      if (inA[a]) ma += w[a];
      else mb += w[a];
    }
    if (ma === 0 || mb === 0) continue; // a half without mass: draw again (likely only for rows on a few points)
    for (let a = 0; a < s; a++) d[a] = inA[a] ? w[a] / ma : -w[a] / mb;
    eds.push(Math.max(0, quadratic(d, dist)));
  }
  const floor = eds.reduce((t, v) => t + v, 0) / eds.length;
  const sd = Math.sqrt(eds.reduce((t, v) => t + (v - floor) ** 2, 0) / Math.max(1, eds.length - 1));
  return { floor, floorSd: sd, splits, effectivePoints, meanPairDistance: D };
}

/** count draws (count, 2) of the row's target points with probability w_j each: "Sinkhorn's samples". */
export function rowDraws(target: Float64Array, row: Float64Array, count: number, rng: Rng): Float64Array {
  const m = row.length;
  const cum = new Float64Array(m);
  let t = 0;
  for (let j = 0; j < m; j++) cum[j] = t += row[j];
  const out = new Float64Array(2 * count);
  for (let c = 0; c < count; c++) {
    const u = rng.uniform() * t;
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out[2 * c] = target[2 * lo];
    out[2 * c + 1] = target[2 * lo + 1];
  }
  return out;
}
