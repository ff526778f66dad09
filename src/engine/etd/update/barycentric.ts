import type { UpdateFn } from './types';

/** x_i <- (1 - eta) x_i + eta sum_j gbar_ij y_j: averages across modes, so it collapses variance. */
export const barycentricUpdate: UpdateFn = (pb, plan, x, eta, _rng, trace) => {
  const { z, y, kappa } = pb;
  const n = x.length >> 1;
  const p = y.length >> 1;
  const { G, rowLse, held } = plan;
  for (let i = 0; i < n; i++) {
    let bx = 0, by = 0, total = 0;
    if (held && held.rowSum[i] > 0) {
      // The solver's held row: weights kt_ij v_j, normalised by their total below.
      const { kt, v } = held;
      const row = i * held.stride;
      for (let j = 0; j < p; j++) {
        const w = kt[row + j] * v[j];
        bx += w * y[2 * j];
        by += w * y[2 * j + 1];
        total += w;
      }
    } else {
      const zx = z[2 * i], zy = z[2 * i + 1];
      const norm = rowLse[i];
      for (let j = 0; j < p; j++) {
        const dx = zx - y[2 * j], dy = zy - y[2 * j + 1];
        const w = Math.exp(G[j] - kappa * (dx * dx + dy * dy) - norm);
        bx += w * y[2 * j];
        by += w * y[2 * j + 1];
        total += w;
      }
    }
    if (trace?.means) {
      trace.means[2 * i] = total > 0 ? bx / total : NaN;
      trace.means[2 * i + 1] = total > 0 ? by / total : NaN;
    }
    if (!(total > 0)) continue;
    x[2 * i] = (1 - eta) * x[2 * i] + (eta * bx) / total;
    x[2 * i + 1] = (1 - eta) * x[2 * i + 1] + (eta * by) / total;
  }
};
