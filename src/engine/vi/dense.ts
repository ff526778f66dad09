/**
 * Inverse and log |det| of a small dense square matrix by LU with partial pivoting: the scale
 * matrices S of Gaussian VI are general (the BBVI step does not keep them triangular).
 */
export interface Inverted {
  /** (d, d) row-major A^-1. */
  readonly inverse: Float64Array;
  /** log |det A|. */
  readonly logAbsDet: number;
}

/** A^-1 and log |det A| for a: (d, d) row-major; null when A is singular or not finite. */
export function invert(a: Float64Array, d: number): Inverted | null {
  const lu = Float64Array.from(a);
  const perm = Int32Array.from({ length: d }, (_, i) => i);
  let logAbsDet = 0;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(lu[r * d + col]) > Math.abs(lu[pivot * d + col])) pivot = r;
    const p = lu[pivot * d + col];
    if (!(Math.abs(p) > 0) || !Number.isFinite(p)) return null;
    if (pivot !== col) {
      for (let k = 0; k < d; k++) {
        const t = lu[col * d + k];
        lu[col * d + k] = lu[pivot * d + k];
        lu[pivot * d + k] = t;
      }
      const t = perm[col];
      perm[col] = perm[pivot];
      perm[pivot] = t;
    }
    logAbsDet += Math.log(Math.abs(p));
    for (let r = col + 1; r < d; r++) {
      const f = (lu[r * d + col] /= p);
      if (f !== 0) for (let k = col + 1; k < d; k++) lu[r * d + k] -= f * lu[col * d + k];
    }
  }
  // Solve L U x = e_perm(c) column by column.
  const inverse = new Float64Array(d * d);
  const x = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    for (let r = 0; r < d; r++) {
      let s = perm[r] === c ? 1 : 0;
      for (let k = 0; k < r; k++) s -= lu[r * d + k] * x[k];
      x[r] = s;
    }
    for (let r = d - 1; r >= 0; r--) {
      let s = x[r];
      for (let k = r + 1; k < d; k++) s -= lu[r * d + k] * x[k];
      x[r] = s / lu[r * d + r];
    }
    for (let r = 0; r < d; r++) inverse[r * d + c] = x[r];
  }
  for (let k = 0; k < d * d; k++) if (!Number.isFinite(inverse[k])) return null;
  return { inverse, logAbsDet };
}
