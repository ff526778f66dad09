/**
 * Kernel Stein discrepancy with the IMQ kernel k(x, y) = (1 + ||x - y||^2)^(-1/2)
 * (c = 1, beta = -1/2), V-statistic (docs/algorithms.md §3). With r = x - y, u = 1 + ||r||^2, d = 2:
 *   k_p(x, y) = s_x.s_y / u^(1/2) + (d + (s_x - s_y).r) / u^(3/2) - 3 ||r||^2 / u^(5/2).
 * Reported as sqrt(mean of k_p over all N^2 ordered pairs, diagonal included).
 */

const D = 2;

/** KSD of particles x: (N, 2) with their target scores s = grad log pi(x): (N, 2). */
export function ksd(x: Float64Array, scores: Float64Array): number {
  const n = x.length >> 1;
  if (n === 0) return NaN;
  if (scores.length < 2 * n) throw new Error(`ksd: scores has length ${scores.length}, expected ${2 * n}`);
  // Diagonal: r = 0, u = 1, so k_p(x, x) = ||s_x||^2 + d.
  let diag = 0;
  for (let i = 0; i < n; i++) {
    const sx = scores[2 * i], sy = scores[2 * i + 1];
    diag += sx * sx + sy * sy + D;
  }
  // Off-diagonal: k_p is symmetric, so sum i < j and double.
  let off = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[2 * i], yi = x[2 * i + 1];
    const si = scores[2 * i], ti = scores[2 * i + 1];
    let row = 0;
    for (let j = i + 1; j < n; j++) {
      const rx = xi - x[2 * j];
      const ry = yi - x[2 * j + 1];
      const sj = scores[2 * j], tj = scores[2 * j + 1];
      const r2 = rx * rx + ry * ry;
      const u = 1 + r2;
      const a = 1 / Math.sqrt(u); // u^(-1/2)
      const a3 = a / u; // u^(-3/2)
      const a5 = a3 / u; // u^(-5/2)
      row += (si * sj + ti * tj) * a + (D + (si - sj) * rx + (ti - tj) * ry) * a3 - 3 * r2 * a5;
    }
    off += row;
  }
  const mean = (diag + 2 * off) / (n * n);
  return Math.sqrt(Math.max(0, mean));
}
