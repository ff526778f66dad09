/** Scale every (x, y) vector of v (n, 2) longer than c down to norm c, in place. */
export function clipRows(v: Float64Array, c: number): void {
  for (let k = 0; k < v.length; k += 2) {
    const norm = Math.hypot(v[k], v[k + 1]);
    if (norm > c) {
      v[k] *= c / norm;
      v[k + 1] *= c / norm;
    }
  }
}
