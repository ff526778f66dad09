import { problemDim, proposalPositions } from '../coupling/problem';
import { sqDist } from '../sqDist';
import type { UpdateFn } from './types';

/** x_i <- (1 - eta) x_i + eta sum_j gbar_ij y_j: averages across modes, so it collapses variance. */
export const barycentricUpdate: UpdateFn = (pb, plan, x, eta, _rng, trace) => {
  const { z, y, kappa } = pb;
  const d = problemDim(pb);
  const n = x.length / d;
  const p = y.length / d;
  const { G, rowLse, held } = plan;
  const dest = proposalPositions(pb); // y itself unless the cost was whitened
  const b = new Float64Array(d); // sum_j w_ij y_j of the current row
  // Held rows' sums at once where the solver offers it (2D, and only of y itself: a whitened
  // problem's means would be in the whitened coordinates).
  const fast = held?.means && d === 2 && dest === y ? { total: new Float64Array(n), means: new Float64Array(2 * n) } : null;
  if (fast) held!.means!(fast.total, fast.means);
  for (let i = 0; i < n; i++) {
    b.fill(0);
    let total = 0;
    if (fast && held!.rowSum[i] > 0) {
      total = fast.total[i];
      b[0] = fast.means[2 * i];
      b[1] = fast.means[2 * i + 1];
    } else if (held && held.rowSum[i] > 0) {
      // The solver's held row: weights kt_ij v_j, normalised by their total below.
      const { kt, v } = held;
      const row = i * held.stride;
      for (let j = 0; j < p; j++) {
        const w = kt[row + j] * v[j];
        for (let k = 0; k < d; k++) b[k] += w * dest[d * j + k];
        total += w;
      }
    } else {
      const norm = rowLse[i];
      for (let j = 0; j < p; j++) {
        const w = Math.exp(G[j] - kappa * sqDist(z, i, y, j, d) - norm);
        for (let k = 0; k < d; k++) b[k] += w * dest[d * j + k];
        total += w;
      }
    }
    if (trace?.means) {
      for (let k = 0; k < d; k++) trace.means[d * i + k] = total > 0 ? b[k] / total : NaN;
    }
    if (!(total > 0)) continue;
    for (let k = 0; k < d; k++) x[d * i + k] = (1 - eta) * x[d * i + k] + (eta * b[k]) / total;
  }
};
