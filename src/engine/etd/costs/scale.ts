import { sqDist } from '../sqDist';
import type { CostScaleFn } from './types';

const SUBSAMPLE = 2048;

/** Median of C over a strided subsample of about 2048 (i, j) pairs. */
export const medianCostScale: CostScaleFn = ({ z, coef }, y, d = 2) => {
  const p = y.length / d;
  const total = (z.length / d) * p;
  const stride = Math.max(1, Math.floor(total / SUBSAMPLE));
  // An odd offset into a prime-ish stride keeps the subsample from aliasing with row length.
  const vals: number[] = [];
  for (let k = (stride >> 1); k < total; k += stride) {
    const i = Math.floor(k / p);
    const j = k - i * p;
    vals.push(coef * sqDist(z, i, y, j, d));
  }
  vals.sort((a, b) => a - b);
  const m = vals.length;
  return m % 2 ? vals[(m - 1) / 2] : 0.5 * (vals[m / 2 - 1] + vals[m / 2]);
};

/** Per-coordinate means and the mean squared norm of the rows of a (., d). */
function moments(a: Float64Array, d: number): { mean: Float64Array; sq: number } {
  const n = a.length / d;
  const sum = new Float64Array(d);
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let k = 0; k < d; k++) {
      const u = a[d * i + k];
      sum[k] += u;
      q += u * u;
    }
    s2 += q;
  }
  for (let k = 0; k < d; k++) sum[k] /= n;
  return { mean: sum, sq: s2 / n };
}

/** Exact mean of C over all pairs in O(N + P): mean|z|^2 + mean|y|^2 - 2 mean(z).mean(y). */
export const meanCostScale: CostScaleFn = ({ z, coef }, y, d = 2) => {
  const mz = moments(z, d);
  const my = moments(y, d);
  let dot = 0;
  for (let k = 0; k < d; k++) dot += mz.mean[k] * my.mean[k];
  return coef * Math.max(0, mz.sq + my.sq - 2 * dot);
};

/** Floor from the spec: C <- C / max(stat(C), 1e-8). */
export const COST_SCALE_FLOOR = 1e-8;
