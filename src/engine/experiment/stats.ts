/** Mean and sample standard deviation of the finite values (NaN when there are none). */
export function meanSd(values: readonly number[]): { mean: number; sd: number; count: number } {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return { mean: NaN, sd: NaN, count: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd, count: v.length };
}
