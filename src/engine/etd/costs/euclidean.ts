import type { CostFn } from './types';

/** C_ij = 0.5 ||x_i - y_j||^2. */
export const euclideanCost: CostFn = ({ x }) => ({ z: x, coef: 0.5 });
