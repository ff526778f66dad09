/** Small dense linear algebra for d <= 100 (row-major Float64Arrays), float64 throughout. */

/**
 * Lower Cholesky factor L of a symmetric positive-definite a: (d, d), a = L L^T. Returns (d, d),
 * or throws when a is not positive definite (a pivot <= 0 or not finite).
 */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) throw new Error(`matrix is not positive definite (pivot ${s} at ${i})`);
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j];
    }
  }
  return l;
}

/** Solves L L^T x = b for x given the Cholesky factor l: (d, d). b: (d). Returns a new (d). */
export function choleskySolve(l: Float64Array, d: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from({ length: d }, (_, i) => b[i]);
  for (let i = 0; i < d; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * x[k];
    x[i] = s / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
    x[i] = s / l[i * d + i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix from its Cholesky factor l: (d, d). Returns (d, d). */
export function choleskyInverse(l: Float64Array, d: number): Float64Array {
  const inv = new Float64Array(d * d);
  const e = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, d, e);
    for (let i = 0; i < d; i++) inv[i * d + j] = col[i];
  }
  return inv;
}

/** out = L z for a lower-triangular l: (d, d) and z: (d) at offset o. out: (d) at offset oo. */
export function lowerTimes(l: Float64Array, d: number, z: ArrayLike<number>, o: number, out: Float64Array, oo: number): void {
  for (let i = d - 1; i >= 0; i--) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * d + k] * z[o + k];
    out[oo + i] = s;
  }
}
