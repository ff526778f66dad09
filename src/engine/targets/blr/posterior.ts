/**
 * The BLR posterior over the weights (ALGORITHMS.md section 5), on the training rows:
 *   log pi(w) = sum_n [ y_n z_n - softplus(z_n) ] - ||w||^2 / (2 s^2),   z_n = w . x_n,
 *   grad log pi(w) = sum_n (y_n - sigmoid(z_n)) x_n - w / s^2,
 * up to the constant (the normaliser is unknown). softplus(z) = log(1 + exp z) and sigmoid are
 * evaluated without overflow (presets/stable.ts), so log pi is finite for every finite w.
 */
import { sigmoid, softplus } from '../presets/stable';
import { rowsOf } from '../nd/dims';
import type { BlrProblem } from './problem';

/** Log-likelihood sum_n [y_n z_n - softplus(z_n)] of one weight vector w (offset o in ws) on rows x: (n, d), y: (n). */
export function logLikelihood(x: Float64Array, y: Uint8Array, d: number, ws: Float64Array, o = 0): number {
  const n = y.length;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    let z = 0;
    for (let k = 0, q = r * d; k < d; k++) z += x[q + k] * ws[o + k];
    sum += (y[r] ? z : 0) - softplus(z);
  }
  return sum;
}

/** log pi at each row of w: (m, d). Returns (m). */
export function blrLogDensity(p: BlrProblem, w: Float64Array, out?: Float64Array): Float64Array {
  const d = p.dim;
  const m = rowsOf(w, d);
  const res = out ?? new Float64Array(m);
  const inv = 1 / (p.priorSd * p.priorSd);
  for (let i = 0; i < m; i++) {
    let sq = 0;
    for (let k = 0, o = i * d; k < d; k++) sq += w[o + k] * w[o + k];
    res[i] = logLikelihood(p.xTrain, p.yTrain, d, w, i * d) - 0.5 * sq * inv;
  }
  return res;
}

/** grad log pi at each row of w: (m, d). Returns (m, d). */
export function blrScore(p: BlrProblem, w: Float64Array, out?: Float64Array): Float64Array {
  const d = p.dim;
  const m = rowsOf(w, d);
  const res = out ?? new Float64Array(m * d);
  const inv = 1 / (p.priorSd * p.priorSd);
  const x = p.xTrain;
  const y = p.yTrain;
  const n = y.length;
  for (let i = 0; i < m; i++) {
    const o = i * d;
    for (let k = 0; k < d; k++) res[o + k] = -w[o + k] * inv;
    for (let r = 0; r < n; r++) {
      const q = r * d;
      let z = 0;
      for (let k = 0; k < d; k++) z += x[q + k] * w[o + k];
      const e = y[r] - sigmoid(z);
      for (let k = 0; k < d; k++) res[o + k] += e * x[q + k];
    }
  }
  return res;
}

/**
 * Hessian of -log pi at one weight vector w: (d): sum_n s_n (1 - s_n) x_n x_n^T + I / s^2
 * (positive definite). Returns (d, d) row-major.
 */
export function blrNegHessian(p: BlrProblem, w: ArrayLike<number>): Float64Array {
  const d = p.dim;
  const h = new Float64Array(d * d);
  const x = p.xTrain;
  for (let r = 0; r < p.yTrain.length; r++) {
    const q = r * d;
    let z = 0;
    for (let k = 0; k < d; k++) z += x[q + k] * w[k];
    const s = sigmoid(z);
    const c = s * (1 - s);
    if (c === 0) continue;
    for (let a = 0; a < d; a++) {
      const ca = c * x[q + a];
      for (let b = a; b < d; b++) h[a * d + b] += ca * x[q + b];
    }
  }
  const inv = 1 / (p.priorSd * p.priorSd);
  for (let a = 0; a < d; a++) {
    h[a * d + a] += inv;
    for (let b = 0; b < a; b++) h[a * d + b] = h[b * d + a];
  }
  return h;
}
