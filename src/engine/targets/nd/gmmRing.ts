import type { Rng } from '../../random/rng';
import { logSumExp } from '../presets/stable';
import type { Target } from '../types';
import { checkCount, checkDim, checkPair, rowsOf } from './dims';
import { projectedMixture } from './gmm';
import type { NdMode, TargetNd } from './types';

/** The ETD authors' high-dimensional GMM (vpacelli/etd, configs gmm/10d_5 and 20d_5): modes, ring radius, std. */
export const GMM_RING_MODES = 5;
export const GMM_RING_RADIUS = 3;

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * gmm-ring-d: the authors' GMM in d dimensions, K = 5 equal-weight modes N(m_k, I_d) with
 * m_k = 3 (cos(2 pi k / 5), sin(2 pi k / 5), 0, ..., 0) (their "ring" arrangement, separation 6,
 * component std 1). Since ||x - m_k||^2 = ||x||^2 - 2 x.m_k + 9,
 * log pi = -0.5 ||x||^2 - 4.5 + LSE_k(x.m_k) - log K - (d / 2) log(2 pi), score -x + sum_k r_k m_k.
 */
export function createGmmRingD(d: number): TargetNd {
  checkDim(d);
  const K = GMM_RING_MODES;
  const R = GMM_RING_RADIUS;
  const cs = Array.from({ length: K }, (_, k) => [R * Math.cos((2 * Math.PI * k) / K), R * Math.sin((2 * Math.PI * k) / K)] as const);
  const modes: NdMode[] = cs.map(([a, b]) => {
    const center = new Float64Array(d);
    center[0] = a;
    center[1] = b;
    return { center, std: 1, weight: 1 / K };
  });
  const logZ = -0.5 * R * R - Math.log(K) - 0.5 * d * LOG_2PI;
  // Exact moments: the mean of the mode centres, and 1 + their spread on the first two axes.
  const mean = new Float64Array(d);
  const variance = new Float64Array(d).fill(1);
  for (let t = 0; t < 2; t++) {
    const m = cs.reduce((s, c) => s + c[t], 0) / K;
    mean[t] = m;
    variance[t] = 1 + cs.reduce((s, c) => s + (c[t] - m) ** 2, 0) / K;
  }
  const terms = new Float64Array(K); // scratch; evaluation is synchronous

  return {
    name: 'gmm-ring-d',
    dim: d,
    mean,
    variance,
    modes,
    logDensity(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        let sq = 0;
        for (let k = 0; k < d; k++) sq += points[o + k] * points[o + k];
        for (let k = 0; k < K; k++) terms[k] = cs[k][0] * points[o] + cs[k][1] * points[o + 1];
        res[i] = logZ - 0.5 * sq + logSumExp(terms, K);
      }
      return res;
    },
    score(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < K; k++) terms[k] = cs[k][0] * points[o] + cs[k][1] * points[o + 1];
        const lse = logSumExp(terms, K);
        for (let k = 0; k < d; k++) res[o + k] = -points[o + k];
        for (let k = 0; k < K; k++) {
          const r = Math.exp(terms[k] - lse);
          res[o] += r * cs[k][0];
          res[o + 1] += r * cs[k][1];
        }
      }
      return res;
    },
    sample(n: number, rng: Rng): Float64Array {
      const res = new Float64Array(checkCount(n) * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < d; k++) res[o + k] = rng.normal();
        const m = Math.min(K - 1, Math.floor(rng.uniform() * K));
        res[o] += cs[m][0];
        res[o + 1] += cs[m][1];
      }
      return res;
    },
    marginal2d(i: number, j: number): Target {
      checkPair(d, i, j);
      return projectedMixture(`gmm-ring-d (x${i}, x${j})`, modes, i, j);
    },
  };
}
