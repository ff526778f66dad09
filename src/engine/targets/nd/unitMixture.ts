import type { Rng } from '../../random/rng';
import { logSumExp } from '../presets/stable';
import { checkCount, rowsOf } from './dims';

const LOG_2PI = Math.log(2 * Math.PI);

/** A mode's centre by its non-zero coordinates: (index, value) pairs. */
export type SparseCentre = readonly (readonly [number, number])[];

/** log pi, its score and exact draws of an equal-weight mixture of identity-covariance modes. */
export interface UnitMixture {
  logDensity(points: Float64Array, out?: Float64Array): Float64Array;
  score(points: Float64Array, out?: Float64Array): Float64Array;
  sample(n: number, rng: Rng): Float64Array;
}

/**
 * The mixture (1/K) sum_k N(m_k, I_d) with centres of equal squared norm |m|^2 = norm2, each given by its few
 * non-zero coordinates. Since ||x - m_k||^2 = ||x||^2 - 2 x.m_k + |m|^2,
 * log pi = -0.5 ||x||^2 - 0.5 |m|^2 + LSE_k(x.m_k) - log K - (d / 2) log(2 pi) and the score is
 * -x + sum_k r_k m_k with r = softmax(x.m_k): O(d + nnz) per point; the log-sum-exp keeps far
 * points finite. (gmm-d and gmm-ring-d are two placements of the centres.)
 */
export function unitMixture(d: number, centres: readonly SparseCentre[], norm2: number): UnitMixture {
  const K = centres.length;
  for (const c of centres)
    if (Math.abs(c.reduce((s, [, v]) => s + v * v, 0) - norm2) > 1e-9 * norm2) throw new Error(`unitMixture: every centre must have squared norm ${norm2}`);
  const logZ = -0.5 * norm2 - Math.log(K) - 0.5 * d * LOG_2PI;
  const terms = new Float64Array(K); // scratch; evaluation is synchronous, so sharing is safe
  const dots = (points: Float64Array, o: number) => {
    for (let k = 0; k < K; k++) {
      let t = 0;
      for (const [j, v] of centres[k]) t += v * points[o + j];
      terms[k] = t;
    }
  };
  return {
    logDensity(points, out) {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        let sq = 0;
        for (let k = 0; k < d; k++) sq += points[o + k] * points[o + k];
        dots(points, o);
        res[i] = logZ - 0.5 * sq + logSumExp(terms, K);
      }
      return res;
    },
    score(points, out) {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        dots(points, o);
        const lse = logSumExp(terms, K);
        for (let k = 0; k < d; k++) res[o + k] = -points[o + k];
        for (let k = 0; k < K; k++) {
          const r = Math.exp(terms[k] - lse);
          for (const [j, v] of centres[k]) res[o + j] += r * v;
        }
      }
      return res;
    },
    sample(n, rng) {
      const res = new Float64Array(checkCount(n) * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < d; k++) res[o + k] = rng.normal();
        const m = Math.min(K - 1, Math.floor(rng.uniform() * K));
        for (const [j, v] of centres[m]) res[o + j] += v;
      }
      return res;
    },
  };
}
