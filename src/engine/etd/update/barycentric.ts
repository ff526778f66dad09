import type { UpdateFn } from './types';

/** x_i <- (1 - eta) x_i + eta sum_j gbar_ij y_j: averages across modes, so it collapses variance. */
export const barycentricUpdate: UpdateFn = (pb, plan, x, eta) => {
  const { z, y, kappa } = pb;
  const n = x.length >> 1;
  const p = y.length >> 1;
  const { G, rowLse } = plan;
  for (let i = 0; i < n; i++) {
    const zx = z[2 * i], zy = z[2 * i + 1];
    const norm = rowLse[i];
    let bx = 0, by = 0, total = 0;
    for (let j = 0; j < p; j++) {
      const dx = zx - y[2 * j], dy = zy - y[2 * j + 1];
      const w = Math.exp(G[j] - kappa * (dx * dx + dy * dy) - norm);
      bx += w * y[2 * j];
      by += w * y[2 * j + 1];
      total += w;
    }
    if (!(total > 0)) continue;
    x[2 * i] = (1 - eta) * x[2 * i] + (eta * bx) / total;
    x[2 * i + 1] = (1 - eta) * x[2 * i + 1] + (eta * by) / total;
  }
};
