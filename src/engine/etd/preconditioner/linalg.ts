/**
 * The small dense linear algebra of the preconditioner, in float64 on row-major (d, d) arrays.
 * d is at most 100, so everything here is O(d^3) per step at most and allocation-light.
 */

/** Sample covariance of the rows of x (N, d), divided by N - 1 (N = 1 gives NaN). Returns (d, d). */
export function sampleCovariance(
  x: Float64Array, // (N, d)
  d: number,
): Float64Array {
  const n = x.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += x[i * d + k];
  for (let k = 0; k < d; k++) mean[k] /= n;
  const S = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) c[k] = x[i * d + k] - mean[k];
    for (let a = 0; a < d; a++) {
      const ca = c[a];
      for (let b = 0; b <= a; b++) S[a * d + b] += ca * c[b];
    }
  }
  const inv = 1 / (n - 1);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const v = S[a * d + b] * inv;
      S[a * d + b] = v;
      S[b * d + a] = v;
    }
  }
  return S;
}

/**
 * The lower-triangular Cholesky factor L of a symmetric (d, d) matrix S = L L^T, or null when S is
 * not (numerically) positive definite or holds a non-finite number. Only S's lower triangle is read.
 */
export function cholesky(
  S: Float64Array, // (d, d)
  d: number,
): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = S[j * d + j];
    for (let k = 0; k < j; k++) s -= L[j * d + k] * L[j * d + k];
    if (!(s > 0) || !Number.isFinite(s)) return null;
    const ljj = Math.sqrt(s);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = S[i * d + j];
      for (let k = 0; k < j; k++) t -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = t / ljj;
    }
  }
  return L;
}

/** L L^T of a lower-triangular (d, d) L. Returns (d, d). */
export function gram(
  L: Float64Array, // (d, d)
  d: number,
): Float64Array {
  const S = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let k = 0; k <= b; k++) s += L[a * d + k] * L[b * d + k];
      S[a * d + b] = s;
      S[b * d + a] = s;
    }
  }
  return S;
}

/** out[oo..oo+d) = L v[vo..vo+d) for a lower-triangular (d, d) L. out must not alias v. */
export function lowerTimes(L: Float64Array, v: ArrayLike<number>, vo: number, out: Float64Array, oo: number, d: number): void {
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let k = 0; k <= a; k++) s += L[a * d + k] * v[vo + k];
    out[oo + a] = s;
  }
}

/** out[oo..oo+d) = L^T v[vo..vo+d) for a lower-triangular (d, d) L. out must not alias v. */
export function lowerTransposeTimes(L: Float64Array, v: ArrayLike<number>, vo: number, out: Float64Array, oo: number, d: number): void {
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let k = a; k < d; k++) s += L[k * d + a] * v[vo + k];
    out[oo + a] = s;
  }
}

/** out[oo..oo+d) = L^-1 v[vo..vo+d) by forward substitution (L lower-triangular with a positive diagonal). May alias v. */
export function forwardSolve(L: Float64Array, v: ArrayLike<number>, vo: number, out: Float64Array, oo: number, d: number): void {
  for (let a = 0; a < d; a++) {
    let s = v[vo + a];
    for (let k = 0; k < a; k++) s -= L[a * d + k] * out[oo + k];
    out[oo + a] = s / L[a * d + a];
  }
}
