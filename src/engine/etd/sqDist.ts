/**
 * ||a_i - b_j||^2 between row i of a (., d) and row j of b (., d), both row-major. The sum
 * starts from 0 and runs k = 0..d-1, so for d = 2 it gives the same doubles as the 2D code's
 * dx * dx + dy * dy. Every reduction over (i, j) pairs calls this per pair: no (N, P, d) array.
 */
export function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  const oa = i * d, ob = j * d;
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = a[oa + k] - b[ob + k];
    s += t * t;
  }
  return s;
}
