/**
 * Energy distance between samples x (N, 2) with equal weights and atoms y (M, 2) with weights w
 * (sum 1): 2 E||X - Y|| - E||X - X'|| - E||Y - Y'||, the V-statistic of docs/algorithms.md
 * section 3 with Y weighted, so a Sinkhorn plan row can be compared with learned samples.
 */
import { meanSelfDistance } from '../metrics/energy';

export function weightedEnergyDistance(x: Float64Array, y: Float64Array, w: Float64Array): number {
  const n = x.length / 2, m = y.length / 2;
  let cross = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) cross += w[j] * Math.hypot(x[2 * i] - y[2 * j], x[2 * i + 1] - y[2 * j + 1]);
  cross /= n;
  let selfY = 0;
  for (let j = 0; j < m; j++) {
    if (w[j] === 0) continue;
    for (let k = j + 1; k < m; k++) selfY += 2 * w[j] * w[k] * Math.hypot(y[2 * j] - y[2 * k], y[2 * j + 1] - y[2 * k + 1]);
  }
  return Math.max(0, 2 * cross - meanSelfDistance(x) - selfY);
}
