/**
 * Held-out predictive quality of particles w_1..w_N for logistic regression, on rows (x_r, y_r):
 * the posterior predictive p(y = 1 | x) = (1/N) sum_i sigmoid(w_i . x), averaged over particles.
 */
import { logSigmoid } from '../presets/stable';

export interface Predictive {
  /** Fraction of rows whose label is the predictive's more likely class (p > 1/2 predicts 1). */
  readonly accuracy: number;
  /** Mean over rows of log p(y_r | x_r) under the predictive (nats per row; 0 is perfect, log 1/2 is a coin). */
  readonly logPredictive: number;
}

/**
 * Predictive accuracy and log predictive density of particles w: (N, d) on rows x: (n, d),
 * y: (n). log p(y | x) = LSE_i log sigmoid(+-z_i) - log N, so confident wrong particles give a
 * finite value. Non-finite particles must be removed first.
 */
export function predictive(w: Float64Array, d: number, x: Float64Array, y: Uint8Array): Predictive {
  const n = y.length;
  const m = Math.floor(w.length / d);
  if (m === 0 || n === 0) return { accuracy: NaN, logPredictive: NaN };
  const logN = Math.log(m);
  const l1 = new Float64Array(m); // log p(y = 1 | x, w_i)
  const l0 = new Float64Array(m);
  let correct = 0;
  let lpd = 0;
  for (let r = 0; r < n; r++) {
    let max1 = -Infinity;
    let max0 = -Infinity;
    for (let i = 0; i < m; i++) {
      let z = 0;
      for (let k = 0, o = i * d, q = r * d; k < d; k++) z += w[o + k] * x[q + k];
      l1[i] = logSigmoid(z);
      l0[i] = logSigmoid(-z);
      if (l1[i] > max1) max1 = l1[i];
      if (l0[i] > max0) max0 = l0[i];
    }
    let s1 = 0;
    let s0 = 0;
    for (let i = 0; i < m; i++) {
      s1 += Math.exp(l1[i] - max1);
      s0 += Math.exp(l0[i] - max0);
    }
    const lp1 = max1 + Math.log(s1) - logN;
    const lp0 = max0 + Math.log(s0) - logN;
    if ((lp1 > lp0 ? 1 : 0) === y[r]) correct++;
    lpd += y[r] ? lp1 : lp0;
  }
  return { accuracy: correct / n, logPredictive: lpd / n };
}
