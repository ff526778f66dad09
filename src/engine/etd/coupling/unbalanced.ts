import type { CouplingFn } from './problem';
import { sinkhornScaling } from './sinkhorn';

/**
 * Source marginal exact, target marginal soft with strength rho = tau / eps:
 * g_j = eps lambda (log b_j - LSE_i(...)), lambda = rho / (1 + rho).
 * rho -> infinity recovers balanced; rho -> 0 leaves the target marginal free.
 */
export const unbalancedCoupling = (rho: number): CouplingFn => {
  if (!(rho > 0)) throw new Error(`invalid rho: ${rho} (must be > 0)`);
  const lambda = rho / (1 + rho);
  return (pb, warm, opts) => sinkhornScaling(pb, warm, opts, 1, lambda);
};
