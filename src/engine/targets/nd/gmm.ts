import type { Rng } from '../../random/rng';
import { createMixture } from '../presets/gmm';
import { logSumExp } from '../presets/stable';
import type { Mode, Target } from '../types';
import { checkCount, checkDim, checkPair, rowsOf } from './dims';
import type { NdMode, TargetNd } from './types';

/** Distance of each gmm-d mode from the origin, and the cap on the number of modes. */
export const GMM_D_SEPARATION = 5;
export const GMM_D_MAX_MODES = 10;

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * gmm-d: K = min(d, 10) equal-weight modes N(5 e_k, I_d), k = 1..K. Since
 * ||x - 5 e_k||^2 = ||x||^2 - 10 x_k + 25, the normalised density is
 * log pi = -0.5 ||x||^2 - 12.5 + LSE_k(5 x_k) - log K - (d / 2) log(2 pi),
 * and the score is -x + 5 r, with r = softmax(5 x_1..K) on the first K coordinates:
 * O(d) per point, and the log-sum-exp keeps far points finite.
 */
export function createGmmD(d: number): TargetNd {
  checkDim(d);
  const K = Math.min(d, GMM_D_MAX_MODES);
  const c = GMM_D_SEPARATION;
  const logZ = -0.5 * c * c - Math.log(K) - 0.5 * d * LOG_2PI;
  const modes: NdMode[] = Array.from({ length: K }, (_, k) => {
    const center = new Float64Array(d);
    center[k] = c;
    return { center, std: 1, weight: 1 / K };
  });
  // Coordinate k < K is c * Bernoulli(1 / K) plus independent N(0, 1) noise.
  const p = 1 / K;
  const mean = Float64Array.from({ length: d }, (_, k) => (k < K ? c * p : 0));
  const variance = Float64Array.from({ length: d }, (_, k) => (k < K ? 1 + c * c * p * (1 - p) : 1));
  const terms = new Float64Array(K); // scratch; evaluation is synchronous, so sharing is safe

  return {
    name: 'gmm-d',
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
        for (let k = 0; k < K; k++) terms[k] = c * points[o + k];
        res[i] = logZ - 0.5 * sq + logSumExp(terms, K);
      }
      return res;
    },
    score(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < K; k++) terms[k] = c * points[o + k];
        const lse = logSumExp(terms, K);
        for (let k = 0; k < d; k++) res[o + k] = -points[o + k];
        for (let k = 0; k < K; k++) res[o + k] += c * Math.exp(terms[k] - lse);
      }
      return res;
    },
    sample(n: number, rng: Rng): Float64Array {
      const res = new Float64Array(checkCount(n) * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < d; k++) res[o + k] = rng.normal();
        const m = Math.min(K - 1, Math.floor(rng.uniform() * K));
        res[o + m] += c;
      }
      return res;
    },
    marginal2d(i: number, j: number): Target {
      checkPair(d, i, j);
      return projectedMixture(`gmm-d (x${i}, x${j})`, modes, i, j);
    },
  };
}

/**
 * The exact (i, j) marginal of a mixture of identity-covariance modes: the mixture of the
 * projected components. Components that project to the same point (all but at most two of
 * gmm-d's land on the origin) are merged into one mode carrying their summed weight.
 */
export function projectedMixture(name: string, modes: readonly NdMode[], i: number, j: number): Target {
  const merged: Mode[] = [];
  for (const m of modes) {
    const x = m.center[i], y = m.center[j];
    const k = merged.findIndex((q) => q.center[0] === x && q.center[1] === y && q.std === m.std);
    if (k < 0) merged.push({ center: [x, y], std: m.std, weight: m.weight });
    else merged[k] = { ...merged[k], weight: merged[k].weight + m.weight };
  }
  // Hold every mode out to 4 of its standard deviations.
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const m of merged) {
    xmin = Math.min(xmin, m.center[0] - 4 * m.std);
    xmax = Math.max(xmax, m.center[0] + 4 * m.std);
    ymin = Math.min(ymin, m.center[1] - 4 * m.std);
    ymax = Math.max(ymax, m.center[1] + 4 * m.std);
  }
  return createMixture(name, { xmin, xmax, ymin, ymax }, merged);
}
