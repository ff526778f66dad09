/** Test data for the logistic-regression page tests. */

/** A small separable-ish CSV: 3 features, 60 rows, label from a noisy linear rule. */
export function smallCsv(rows = 60): string {
  let s = 12345;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['a,b,c,label'];
  for (let r = 0; r < rows; r++) {
    const a = u() * 2 - 1;
    const b = u() * 2 - 1;
    const c = u() * 2 - 1;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${a + 0.5 * b + 0.6 * (u() - 0.5) > 0 ? 1 : 0}`);
  }
  return lines.join('\n');
}
