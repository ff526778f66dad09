/**
 * Energy distance (V-statistic, ALGORITHMS.md section 3):
 * 2 E||X - Y|| - E||X - X'|| - E||Y - Y'||, every mean over all ordered pairs
 * (the zero diagonal included). Zero iff the two empirical laws coincide.
 */

/** Mean of ||x_i - y_j|| over all N * M pairs. x: (N, 2), y: (M, 2) */
export function meanCrossDistance(x: Float64Array, y: Float64Array): number {
  const n = x.length >> 1;
  const m = y.length >> 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[2 * i], yi = x[2 * i + 1];
    let row = 0;
    for (let j = 0; j < m; j++) {
      const dx = xi - y[2 * j];
      const dy = yi - y[2 * j + 1];
      row += Math.sqrt(dx * dx + dy * dy);
    }
    sum += row;
  }
  return sum / (n * m);
}

/** Mean of ||x_i - x_j|| over all N^2 ordered pairs, diagonal included. x: (N, 2) */
export function meanSelfDistance(x: Float64Array): number {
  const n = x.length >> 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[2 * i], yi = x[2 * i + 1];
    let row = 0;
    for (let j = i + 1; j < n; j++) {
      const dx = xi - x[2 * j];
      const dy = yi - x[2 * j + 1];
      row += Math.sqrt(dx * dx + dy * dy);
    }
    sum += row;
  }
  return (2 * sum) / (n * n);
}

/**
 * Energy distance between samples x: (N, 2) and y: (M, 2). Pass `selfY` = meanSelfDistance(y)
 * when y is a fixed reference set, to skip its M^2 / 2 pairs. Tiny negative rounding is clamped to 0.
 */
export function energyDistance(x: Float64Array, y: Float64Array, selfY?: number): number {
  if (x.length < 2 || y.length < 2) return NaN;
  const e = 2 * meanCrossDistance(x, y) - meanSelfDistance(x) - (selfY ?? meanSelfDistance(y));
  return Math.max(0, e);
}
