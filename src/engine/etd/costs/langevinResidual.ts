import type { CostFn } from './types';

/**
 * Langevin-residual cost C_ij = ||y_j - x_i - eps s_i||^2 / (4 eps): how unlikely y_j is as one
 * Langevin move of step eps from x_i. With LRET-B's alpha = eps the shift is the proposal mean.
 */
export const langevinResidualCost: CostFn = ({ x, scores, eps }) => {
  const z = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) z[k] = x[k] + eps * scores[k];
  return { z, coef: 1 / (4 * eps) };
};
