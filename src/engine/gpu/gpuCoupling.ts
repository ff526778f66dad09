import { completeCoupling } from '../etd/coupling/sinkhorn';
import type { AsyncCouplingFn } from '../etd/coupling/problem';
import type { GpuSinkhorn } from './sinkhornGpu';

/** Iterations between convergence read-backs: each read-back is a GPU round trip. */
const CHECK_EVERY = 5;

/**
 * The ETD coupling on the fused GPU kernels: Sinkhorn iterations on the GPU (with opts.relax),
 * then one CPU pass for row normalisers, ESS, marginal errors and the float64 residual that
 * decides "converged" (which the update needs anyway).
 * lamB = 1 is balanced; rho / (1 + rho) the unbalanced coupling (semi-relaxed needs no loop).
 */
export function gpuCoupling(gpu: GpuSinkhorn, lamB: number): AsyncCouplingFn {
  return async (pb, warm, opts) => {
    const r = await gpu.solve(pb, warm, {
      maxIter: opts.maxIter,
      tol: opts.tol,
      relax: opts.relax,
      lamA: 1,
      lamB,
      checkEvery: Math.max(1, Math.min(CHECK_EVERY, opts.maxIter)),
    });
    return completeCoupling(pb, r.F, r.G, r.iterations, { lamA: 1, lamB }, opts.tol, r.omega);
  };
}
