import { colLse, rowLseEss } from './kernel';
import { problemSize, type CouplingFn } from './problem';

/**
 * Gibbs coupling in closed form: log gamma_ij = log a_i + log softmax_j(log K_ij + log b_j),
 * i.e. G = log b and F_i = log a_i - LSE_j(log K_ij + log b_j). No iterations; the row
 * marginal is exact by construction (residual 0: the target marginal is free) and the column
 * pass is only for the diagnostic.
 */
export const semiRelaxedCoupling: CouplingFn = (pb) => {
  const { n, p } = problemSize(pb);
  const G = Float64Array.from(pb.logB);
  const rowLse = new Float64Array(n);
  const rowEss = new Float64Array(n);
  rowLseEss(pb, G, rowLse, rowEss, new Float64Array(p));
  const F = new Float64Array(n);
  for (let i = 0; i < n; i++) F[i] = pb.logA[i] - rowLse[i];
  const colLseF = new Float64Array(p);
  colLse(pb, F, colLseF, new Float64Array(n));
  let colError = 0;
  for (let j = 0; j < p; j++) colError += Math.abs(Math.exp(G[j] + colLseF[j]) - Math.exp(pb.logB[j]));
  return { F, G, rowLse, rowEss, iterations: 0, converged: true, rowError: 0, colError, residual: 0, omega: 1 };
};
