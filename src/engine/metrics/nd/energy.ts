import { sqDist } from '../../etd/sqDist';

/**
 * Energy distance in d dimensions (V-statistic, docs/algorithms.md §3):
 * 2 E||X - Y|| - E||X - X'|| - E||Y - Y'||, each mean over all ordered pairs, diagonal included.
 * O(N M d) time and O(1) extra memory: distances are summed as they are computed.
 */

/** Mean of ||x_i - y_j|| over all N * M pairs. x: (N, d), y: (M, d) */
export function meanCrossDistanceNd(x: Float64Array, y: Float64Array, d: number): number {
  const n = Math.floor(x.length / d);
  const m = Math.floor(y.length / d);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < m; j++) {
      row += Math.sqrt(sqDist(x, i, y, j, d));
    }
    sum += row;
  }
  return sum / (n * m);
}

/** Mean of ||x_i - x_j|| over all N^2 ordered pairs, diagonal included. x: (N, d) */
export function meanSelfDistanceNd(x: Float64Array, d: number): number {
  const n = Math.floor(x.length / d);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = i + 1; j < n; j++) {
      row += Math.sqrt(sqDist(x, i, x, j, d));
    }
    sum += row;
  }
  return (2 * sum) / (n * n);
}

/**
 * Energy distance between x: (N, d) and y: (M, d). Pass `selfY` = meanSelfDistanceNd(y, d) when y
 * is a fixed reference set, to skip its M^2 / 2 pairs. Tiny negative rounding is clamped to 0.
 */
export function energyDistanceNd(x: Float64Array, y: Float64Array, d: number, selfY?: number): number {
  if (x.length < d || y.length < d) return NaN;
  const e = 2 * meanCrossDistanceNd(x, y, d) - meanSelfDistanceNd(x, d) - (selfY ?? meanSelfDistanceNd(y, d));
  return Math.max(0, e);
}
