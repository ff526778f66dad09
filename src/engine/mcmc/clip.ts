/**
 * Euclidean norm of the d numbers of v from off. 2D keeps Math.hypot (the 2D runs' doubles);
 * above, the largest entry is factored out so huge scores neither overflow nor underflow.
 */
export function rowNorm(v: Float64Array, off: number, d: number): number {
  if (d === 2) return Math.hypot(v[off], v[off + 1]);
  let big = 0;
  for (let k = 0; k < d; k++) {
    const a = Math.abs(v[off + k]);
    if (a > big || Number.isNaN(a)) big = a;
  }
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = v[off + k] / big;
    s += t * t;
  }
  return big * Math.sqrt(s);
}

/** Scale every row of v (n, d) longer than c down to norm c, in place; d defaults to 2. */
export function clipRows(v: Float64Array, c: number, d = 2): void {
  for (let k = 0; k < v.length; k += d) {
    const norm = rowNorm(v, k, d);
    if (norm > c) {
      for (let t = 0; t < d; t++) v[k + t] *= c / norm;
    }
  }
}
