import { absorbedLse, wideKernel } from './absorbedLse';
import { colLse, rowLseEss } from './kernel';
import type { LseOps, LseOpsFactory } from './lseOps';
import { onlineLse } from './onlineLse';
import { problemSize, type CouplingProblem, type CouplingResult, type SinkhornOptions } from './problem';
import { checkedStep, halfStep, marginalResidual, Relaxer } from './relaxation';

export { marginalResidual };
import { SimdKernel } from './simdKernel';
import { SimdOnline } from './simdOnline';
import { simd } from '../../wasm/simd';

/**
 * Largest N * P for which the float32 kernel is held in memory: 2^25 entries covers N = 1000,
 * M = 25 (100 MB, held once); up to 2^23 it is also held transposed (see absorbedLse).
 */
export const KERNEL_BUDGET = 1 << 25;

/**
 * With d > 2 (no SIMD kernel: those read 2D points), the float64 held kernel up to this many
 * entries (the same 128 MB as KERNEL_BUDGET's float32). Held once, row-major: a transposed copy
 * made the build slower and the iterations no faster (measured at N = 200, P = 5000, d = 10).
 */
export const WIDE_KERNEL_BUDGET = 1 << 24;

/**
 * Materialised stabilised kernel when it fits the budget, otherwise recompute on the fly. With
 * d > 2 the typed-array paths run: the float64 held kernel, or the log-domain passes.
 */
export const defaultLseOps = (n: number, p: number, d = 2): LseOpsFactory => {
  if (d !== 2) return n * p <= WIDE_KERNEL_BUDGET ? wideKernel(0) : onlineLse;
  return n * p <= KERNEL_BUDGET ? heldLse() : onTheFlyLse();
};

/** Above the budget: the on-the-fly reductions on the SIMD kernels, else on typed arrays. */
function onTheFlyLse(): LseOpsFactory {
  const s = simd();
  return s ? (pb) => new SimdOnline(s.exports, s.arena, pb, s.runner) : onlineLse;
}

/** The held kernel on the SIMD kernels where WebAssembly SIMD runs, else on typed arrays. */
function heldLse(): LseOpsFactory {
  const s = simd();
  return s ? (pb, _F, G) => new SimdKernel(s.exports, s.arena, pb, G, s.runner) : absorbedLse;
}

/** The damped exponents of a coupling: lamA = lamB = 1 is balanced. */
export interface Exponents {
  readonly lamA: number;
  readonly lamB: number;
}

/**
 * Log-domain Sinkhorn with damped exponents (the generalised scaling of Chizat et al.):
 *   F_i = lamA (log a_i - LSE_j(log K_ij + G_j)),  G_j = lamB (log b_j - LSE_i(log K_ij + F_i)).
 * lamA = lamB = 1 is balanced; lamB = rho / (1 + rho) relaxes the target marginal (KL strength
 * tau = rho eps); lamA = lamB = tau / (tau + eps) is POT's symmetric unbalanced problem.
 * Stops when the marginal residual of the current plan is at most tol (docs/algorithms.md §1.5);
 * with relax = 'adaptive' each half-step is over-relaxed.
 */
export function sinkhornScaling(
  pb: CouplingProblem,
  warm: { F: Float64Array; G: Float64Array } | null,
  opts: SinkhornOptions,
  lamA: number,
  lamB: number,
  ops?: LseOpsFactory,
): CouplingResult {
  const { n, p, d } = problemSize(pb);
  const lseOps = ops ?? defaultLseOps(n, p, d);
  const F = warm && warm.F.length === n ? Float64Array.from(warm.F) : new Float64Array(n);
  const G = warm && warm.G.length === p ? Float64Array.from(warm.G) : new Float64Array(p);
  const lse = lseOps(pb, F, G);
  opts.clock?.mark('kernel build');
  const rowBuf = new Float64Array(n);
  const colBuf = new Float64Array(p);
  const relaxer = new Relaxer(opts.relax ?? 'off');
  const F0 = lse.sweep ? new Float64Array(n) : null;
  let colMass: Float64Array | null = null;
  let iterations = 0;
  while (iterations < opts.maxIter) {
    let rowAfter = NaN;
    if (F0 && lse.sweep) {
      // One pass over the held kernel for both reductions; the safeguard is checked afterwards.
      F0.set(F);
      if (lse.sweep(G, F, rowBuf, lamA, relaxer.omega, colBuf)) {
        rowAfter = checkedStep(F0, F, rowBuf, pb.logA, lamA, relaxer.omega);
        if (Number.isNaN(rowAfter)) F.set(F0);
      } else lse.rows(G, rowBuf);
    } else lse.rows(G, rowBuf);
    if (Number.isNaN(rowAfter)) {
      rowAfter = halfStep(F, rowBuf, pb.logA, lamA, relaxer.omega);
      lse.cols(F, colBuf);
    }
    // The residual of the plan (F new, G old), known without another pass.
    const colResidual = marginalResidual(G, colBuf, pb.logB, lamB);
    const residual = rowAfter + colResidual;
    iterations++;
    opts.onIteration?.({ iteration: iterations, residual, rowResidual: rowAfter, colResidual, F, G });
    if (residual <= opts.tol) {
      // A plain last column step: the returned plan's column residual is then exactly 0.
      halfStep(G, colBuf, pb.logB, lamB, 1);
      break;
    }
    // Over-relaxed: the safeguard needs b = exp(logB), made once; the residual after it is not read.
    if (relaxer.omega !== 1) colMass ??= Float64Array.from(pb.logB, (v) => Math.exp(v));
    halfStep(G, colBuf, pb.logB, lamB, relaxer.omega, { T: colMass ?? undefined, residual: false });
    relaxer.observe(residual);
  }
  if (iterations === 0) lse.cols(F, colBuf);
  opts.clock?.mark('sinkhorn iterations');
  const result = finish(pb, F, G, colBuf, iterations, { lamA, lamB }, opts.tol, relaxer.omega, lse);
  opts.clock?.mark('final row pass');
  return result;
}

/**
 * Complete potentials computed elsewhere (e.g. on the GPU) into a CouplingResult: row
 * normalisers, ESS, marginal errors and the residual, with one row and one column pass on the CPU.
 */
export function completeCoupling(
  pb: CouplingProblem,
  F: Float64Array,
  G: Float64Array,
  iterations: number,
  lam: Exponents,
  tol: number,
  omega = 1,
): CouplingResult {
  const colLseF = new Float64Array(G.length);
  colLse(pb, F, colLseF, new Float64Array(F.length));
  return finish(pb, F, G, colLseF, iterations, lam, tol, omega);
}

/** Row normalisers, ESS, marginal errors and residual of gamma = exp(log K + F + G). colLseF: LSE_i(log K + F). */
function finish(
  pb: CouplingProblem,
  F: Float64Array,
  G: Float64Array,
  colLseF: Float64Array,
  iterations: number,
  { lamA, lamB }: Exponents,
  tol: number,
  omega: number,
  lse?: LseOps,
): CouplingResult {
  const n = F.length;
  const p = G.length;
  const rowLseOut = new Float64Array(n);
  const rowEss = new Float64Array(n);
  const held = lse?.rowsEss ? lse.rowsEss(G, rowLseOut, rowEss) : null;
  if (!lse?.rowsEss) rowLseEss(pb, G, rowLseOut, rowEss, new Float64Array(p));
  let rowError = 0;
  for (let i = 0; i < n; i++) rowError += Math.abs(Math.exp(F[i] + rowLseOut[i]) - Math.exp(pb.logA[i]));
  let colError = 0;
  for (let j = 0; j < p; j++) colError += Math.abs(Math.exp(G[j] + colLseF[j]) - Math.exp(pb.logB[j]));
  const residual =
    (lamA === 1 ? rowError : marginalResidual(F, rowLseOut, pb.logA, lamA)) +
    (lamB === 1 ? colError : marginalResidual(G, colLseF, pb.logB, lamB));
  // NaN residual (a broken plan) is never converged.
  const converged = residual <= tol;
  return { F, G, rowLse: rowLseOut, rowEss, iterations, converged, rowError, colError, residual, omega, held };
}
