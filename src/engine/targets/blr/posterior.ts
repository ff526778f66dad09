/**
 * The BLR posterior over the weights (docs/algorithms.md §5, docs/posteriors.md), on the training rows:
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

/**
 * log pi at each row of w: (m, d). Returns (m). Four weight vectors share each pass over a data
 * row (each row is read once per four points: about twice as fast); every point's sum is
 * accumulated in the same order as logLikelihood, so the result is the same to the last bit.
 */
export function blrLogDensity(p: BlrProblem, w: Float64Array, out?: Float64Array): Float64Array {
  const d = p.dim;
  const m = rowsOf(w, d);
  const res = out ?? new Float64Array(m);
  const x = p.xTrain;
  const y = p.yTrain;
  const n = y.length;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let r = 0; r < n; r++) {
      const q = r * d;
      let z0 = 0, z1 = 0, z2 = 0, z3 = 0;
      for (let k = 0; k < d; k++) {
        const xv = x[q + k];
        z0 += xv * w[o0 + k];
        z1 += xv * w[o1 + k];
        z2 += xv * w[o2 + k];
        z3 += xv * w[o3 + k];
      }
      const yr = y[r];
      s0 += (yr ? z0 : 0) - softplus(z0);
      s1 += (yr ? z1 : 0) - softplus(z1);
      s2 += (yr ? z2 : 0) - softplus(z2);
      s3 += (yr ? z3 : 0) - softplus(z3);
    }
    res[i] = s0 - logPrior(p, w, o0);
    res[i + 1] = s1 - logPrior(p, w, o1);
    res[i + 2] = s2 - logPrior(p, w, o2);
    res[i + 3] = s3 - logPrior(p, w, o3);
  }
  for (; i < m; i++) res[i] = logLikelihood(x, y, d, w, i * d) - logPrior(p, w, i * d);
  return res;
}

/** ||w||^2 / (2 s^2) for the weight vector at offset o. */
function logPrior(p: BlrProblem, w: Float64Array, o: number): number {
  let sq = 0;
  for (let k = 0; k < p.dim; k++) sq += w[o + k] * w[o + k];
  const inv = 1 / (p.priorSd * p.priorSd);
  return 0.5 * sq * inv;
}

/** grad log pi at each row of w: (m, d). Returns (m, d). Four points per pass over the data, as blrLogDensity. */
export function blrScore(p: BlrProblem, w: Float64Array, out?: Float64Array): Float64Array {
  const d = p.dim;
  const m = rowsOf(w, d);
  const res = out ?? new Float64Array(m * d);
  const inv = 1 / (p.priorSd * p.priorSd);
  const x = p.xTrain;
  const y = p.yTrain;
  const n = y.length;
  for (let t = 0; t < m * d; t++) res[t] = -w[t] * inv;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    for (let r = 0; r < n; r++) {
      const q = r * d;
      let z0 = 0, z1 = 0, z2 = 0, z3 = 0;
      for (let k = 0; k < d; k++) {
        const xv = x[q + k];
        z0 += xv * w[o0 + k];
        z1 += xv * w[o1 + k];
        z2 += xv * w[o2 + k];
        z3 += xv * w[o3 + k];
      }
      const e0 = y[r] - sigmoid(z0);
      const e1 = y[r] - sigmoid(z1);
      const e2 = y[r] - sigmoid(z2);
      const e3 = y[r] - sigmoid(z3);
      for (let k = 0; k < d; k++) {
        const xv = x[q + k];
        res[o0 + k] += e0 * xv;
        res[o1 + k] += e1 * xv;
        res[o2 + k] += e2 * xv;
        res[o3 + k] += e3 * xv;
      }
    }
  }
  for (; i < m; i++) {
    const o = i * d;
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
