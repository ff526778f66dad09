import type { Rng } from '../../random/rng';
import { makeTarget } from '../presets/pointwise';
import type { Target } from '../types';
import { checkCount, checkDim, checkPair, rowsOf } from './dims';
import type { TargetNd } from './types';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Axis-aligned Gaussian N(0, diag(s_k^2)), normalised:
 * log pi = -0.5 sum_k (x_k / s_k)^2 - sum_k log s_k - (d / 2) log(2 pi).
 */
export function createDiagonalGaussian(name: string, stdIn: ArrayLike<number>): TargetNd {
  const std = Float64Array.from(stdIn); // a copy: the caller's array may change later
  const d = checkDim(std.length);
  for (let k = 0; k < d; k++) {
    if (!(std[k] > 0) || !Number.isFinite(std[k])) throw new Error(`invalid std of coordinate ${k}: ${std[k]} (must be finite and > 0)`);
  }
  const inv = Float64Array.from(std, (s) => 1 / (s * s));
  let logZ = -0.5 * d * LOG_2PI;
  for (let k = 0; k < d; k++) logZ -= Math.log(std[k]);
  const variance = Float64Array.from(std, (s) => s * s);

  return {
    name,
    dim: d,
    mean: new Float64Array(d),
    variance,
    logDensity(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let q = 0;
        for (let k = 0, o = i * d; k < d; k++) q += points[o + k] * points[o + k] * inv[k];
        res[i] = logZ - 0.5 * q;
      }
      return res;
    },
    score(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n * d);
      for (let i = 0; i < n; i++) for (let k = 0, o = i * d; k < d; k++) res[o + k] = -points[o + k] * inv[k];
      return res;
    },
    sample(n: number, rng: Rng): Float64Array {
      const res = new Float64Array(checkCount(n) * d);
      for (let i = 0; i < n; i++) for (let k = 0, o = i * d; k < d; k++) res[o + k] = std[k] * rng.normal();
      return res;
    },
    marginal2d(i: number, j: number): Target {
      checkPair(d, i, j);
      return gaussianPair(`${name} (x${i}, x${j})`, std[i], std[j]);
    },
  };
}

/** The independent 2D Gaussian N(0, diag(sx^2, sy^2)), on the box +-4 std. */
function gaussianPair(name: string, sx: number, sy: number): Target {
  const logZ = -LOG_2PI - Math.log(sx) - Math.log(sy);
  const ix = 1 / (sx * sx);
  const iy = 1 / (sy * sy);
  return makeTarget({
    name,
    box: { xmin: -4 * sx, xmax: 4 * sx, ymin: -4 * sy, ymax: 4 * sy },
    logp: (x, y) => logZ - 0.5 * (x * x * ix + y * y * iy),
    grad: (x, y, out, k) => {
      out[k] = -x * ix;
      out[k + 1] = -y * iy;
    },
  });
}

/** iso-gaussian: N(0, I_d). */
export function createIsoGaussian(d: number): TargetNd {
  return createDiagonalGaussian('iso-gaussian', new Float64Array(checkDim(d)).fill(1));
}

/** aniso-gaussian: N(0, diag(s_k^2)), s_k log-spaced from s_1 = 0.1 to s_d = 1 (condition number 100). */
export function createAnisoGaussian(d: number): TargetNd {
  checkDim(d);
  const std = Float64Array.from({ length: d }, (_, k) => 0.1 * Math.pow(10, k / (d - 1)));
  return createDiagonalGaussian('aniso-gaussian', std);
}
