import { absorbedLse } from './absorbedLse';
import { colLse, rowLseEss } from './kernel';
import type { LseOpsFactory } from './lseOps';
import { onlineLse } from './onlineLse';
import type { CouplingProblem, CouplingResult, SinkhornOptions } from './problem';

/**
 * Largest N * P for which the float32 kernel is held in memory: 2^25 entries covers N = 1000,
 * M = 25 (100 MB, held once); up to 2^23 it is also held transposed (see absorbedLse).
 */
export const KERNEL_BUDGET = 1 << 25;

/** Materialised stabilised kernel when it fits the budget, otherwise recompute on the fly. */
export const defaultLseOps = (n: number, p: number): LseOpsFactory => (n * p <= KERNEL_BUDGET ? absorbedLse : onlineLse);

/**
 * Log-domain Sinkhorn with damped exponents (the generalised scaling of Chizat et al.):
 *   F_i = lamA (log a_i - LSE_j(log K_ij + G_j)),  G_j = lamB (log b_j - LSE_i(log K_ij + F_i)).
 * lamA = lamB = 1 is balanced; lamB = rho / (1 + rho) relaxes the target marginal (KL strength
 * tau = rho eps); lamA = lamB = tau / (tau + eps) is POT's symmetric unbalanced problem.
 */
export function sinkhornScaling(
  pb: CouplingProblem,
  warm: { F: Float64Array; G: Float64Array } | null,
  opts: SinkhornOptions,
  lamA: number,
  lamB: number,
  ops: LseOpsFactory = defaultLseOps(pb.z.length >> 1, pb.y.length >> 1),
): CouplingResult {
  const n = pb.z.length >> 1;
  const p = pb.y.length >> 1;
  const F = warm && warm.F.length === n ? Float64Array.from(warm.F) : new Float64Array(n);
  const G = warm && warm.G.length === p ? Float64Array.from(warm.G) : new Float64Array(p);
  const lse = ops(pb, F, G);
  const rowBuf = new Float64Array(n);
  const colBuf = new Float64Array(p);
  let iterations = 0;
  let converged = false;
  while (iterations < opts.maxIter) {
    lse.rows(G, rowBuf);
    let delta = 0;
    for (let i = 0; i < n; i++) {
      const f = lamA * (pb.logA[i] - rowBuf[i]);
      const d = Math.abs(f - F[i]);
      if (!(d <= delta)) delta = d; // NaN propagates into delta and blocks convergence
      F[i] = f;
    }
    lse.cols(F, colBuf);
    for (let j = 0; j < p; j++) G[j] = lamB * (pb.logB[j] - colBuf[j]);
    iterations++;
    if (pb.eps * delta < opts.tol) {
      converged = true;
      break;
    }
  }
  if (iterations === 0) lse.cols(F, colBuf);
  return finish(pb, F, G, colBuf, iterations, converged);
}

/**
 * Complete potentials computed elsewhere (e.g. on the GPU) into a CouplingResult: row
 * normalisers, ESS and marginal errors, with one row pass and one column pass on the CPU.
 */
export function completeCoupling(pb: CouplingProblem, F: Float64Array, G: Float64Array, iterations: number, converged: boolean): CouplingResult {
  const colLseF = new Float64Array(G.length);
  colLse(pb, F, colLseF, new Float64Array(F.length));
  return finish(pb, F, G, colLseF, iterations, converged);
}

/** Row normalisers, ESS and marginal errors of gamma = exp(log K + F + G). colLseF: LSE_i(log K + F). */
function finish(
  pb: CouplingProblem,
  F: Float64Array,
  G: Float64Array,
  colLseF: Float64Array,
  iterations: number,
  converged: boolean,
): CouplingResult {
  const n = F.length;
  const p = G.length;
  const rowLseOut = new Float64Array(n);
  const rowEss = new Float64Array(n);
  rowLseEss(pb, G, rowLseOut, rowEss, new Float64Array(p));
  let rowError = 0;
  for (let i = 0; i < n; i++) rowError += Math.abs(Math.exp(F[i] + rowLseOut[i]) - Math.exp(pb.logA[i]));
  let colError = 0;
  for (let j = 0; j < p; j++) colError += Math.abs(Math.exp(G[j] + colLseF[j]) - Math.exp(pb.logB[j]));
  return { F, G, rowLse: rowLseOut, rowEss, iterations, converged, rowError, colError };
}

