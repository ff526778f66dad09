import type { CostScaleFn } from './types';

const SUBSAMPLE = 2048;

/** Median of C over a strided subsample of about 2048 (i, j) pairs. */
export const medianCostScale: CostScaleFn = ({ z, coef }, y) => {
  const n = z.length / 2;
  const p = y.length / 2;
  const total = n * p;
  const stride = Math.max(1, Math.floor(total / SUBSAMPLE));
  // An odd offset into a prime-ish stride keeps the subsample from aliasing with row length.
  const vals: number[] = [];
  for (let k = (stride >> 1); k < total; k += stride) {
    const i = Math.floor(k / p);
    const j = k - i * p;
    const dx = z[2 * i] - y[2 * j];
    const dy = z[2 * i + 1] - y[2 * j + 1];
    vals.push(coef * (dx * dx + dy * dy));
  }
  vals.sort((a, b) => a - b);
  const m = vals.length;
  return m % 2 ? vals[(m - 1) / 2] : 0.5 * (vals[m / 2 - 1] + vals[m / 2]);
};

/** Exact mean of C over all pairs in O(N + P): mean|z|^2 + mean|y|^2 - 2 mean(z).mean(y). */
export const meanCostScale: CostScaleFn = ({ z, coef }, y) => {
  const moments = (a: Float64Array) => {
    let sx = 0, sy = 0, s2 = 0;
    const n = a.length / 2;
    for (let i = 0; i < n; i++) {
      const u = a[2 * i], v = a[2 * i + 1];
      sx += u; sy += v; s2 += u * u + v * v;
    }
    return [sx / n, sy / n, s2 / n] as const;
  };
  const [zx, zy, z2] = moments(z);
  const [yx, yy, y2] = moments(y);
  return coef * Math.max(0, z2 + y2 - 2 * (zx * yx + zy * yy));
};

/** Floor from the spec: C <- C / max(stat(C), 1e-8). */
export const COST_SCALE_FLOOR = 1e-8;
