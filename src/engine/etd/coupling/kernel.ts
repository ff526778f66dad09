import { sqDist } from '../sqDist';
import { problemDim, type CouplingProblem } from './problem';

/*
 * The Sinkhorn reductions on typed arrays in the log domain, with log K recomputed from the
 * d coordinates of each (i, j) pair, so no N x P (or N x P x d) array is held. These are the
 * exact references of the SIMD and GPU paths, and the only path for d > 2. Two passes per line (max, then sum) are faster here
 * than an online rescaling LSE.
 */

/** scratch_j = log K_ij + G_j = G_j - kappa ||y_j - z_i||^2 for row i; returns their maximum. */
function rowLogits(pb: CouplingProblem, G: Float64Array, i: number, scratch: Float64Array): number {
  const { z, y, kappa } = pb;
  const d = problemDim(pb);
  const p = y.length / d;
  let m = -Infinity;
  for (let j = 0; j < p; j++) {
    const v = G[j] - kappa * sqDist(z, i, y, j, d);
    scratch[j] = v;
    if (v > m) m = v;
  }
  return m;
}

/** LSE_j(-kappa ||y_j - z_i||^2 + G_j) for one row i. scratch: (P). */
export function rowLseOne(pb: CouplingProblem, G: Float64Array, i: number, scratch: Float64Array): number {
  const p = pb.y.length / problemDim(pb);
  const m = rowLogits(pb, G, i, scratch);
  if (!(m > -Infinity)) return m; // -Infinity, or NaN from a broken input
  let s = 0;
  for (let j = 0; j < p; j++) s += Math.exp(scratch[j] - m);
  return m + Math.log(s);
}

/** LSE_i(-kappa ||y_j - z_i||^2 + F_i) for one column j. scratch: (N). */
export function colLseOne(pb: CouplingProblem, F: Float64Array, j: number, scratch: Float64Array): number {
  const { z, y, kappa } = pb;
  const d = problemDim(pb);
  const n = z.length / d;
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = F[i] - kappa * sqDist(z, i, y, j, d);
    scratch[i] = v;
    if (v > m) m = v;
  }
  if (!(m > -Infinity)) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(scratch[i] - m);
  return m + Math.log(s);
}

/** out_i = LSE_j(log K_ij + G_j) for every row. */
export function rowLse(pb: CouplingProblem, G: Float64Array, out: Float64Array, scratch: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = rowLseOne(pb, G, i, scratch);
}

/** out_j = LSE_i(log K_ij + F_i) for every column. */
export function colLse(pb: CouplingProblem, F: Float64Array, out: Float64Array, scratch: Float64Array): void {
  for (let j = 0; j < out.length; j++) out[j] = colLseOne(pb, F, j, scratch);
}

/**
 * Final row pass for one row: LSE_j(log K_ij + G_j) and the ESS of the normalised row,
 * 1 / sum_j gbar_ij^2 = (sum_j e^(v_j - m))^2 / sum_j e^(2 (v_j - m)). Writes lse[i], ess[i].
 */
export function rowLseEssOne(
  pb: CouplingProblem,
  G: Float64Array,
  i: number,
  lse: Float64Array, // (N) out
  ess: Float64Array, // (N) out
  scratch: Float64Array, // (P)
): void {
  const p = pb.y.length / problemDim(pb);
  const m = rowLogits(pb, G, i, scratch);
  if (!(m > -Infinity)) {
    lse[i] = m;
    ess[i] = 0;
    return;
  }
  let s1 = 0, s2 = 0;
  for (let j = 0; j < p; j++) {
    const e = Math.exp(scratch[j] - m);
    s1 += e;
    s2 += e * e;
  }
  lse[i] = m + Math.log(s1);
  ess[i] = (s1 * s1) / s2;
}

/** The final row pass over every row (rowLse plus ESS). */
export function rowLseEss(
  pb: CouplingProblem,
  G: Float64Array,
  lse: Float64Array, // (N) out
  ess: Float64Array, // (N) out
  scratch: Float64Array, // (P)
): void {
  for (let i = 0; i < lse.length; i++) rowLseEssOne(pb, G, i, lse, ess, scratch);
}
