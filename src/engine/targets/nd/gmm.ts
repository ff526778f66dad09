import { createMixture } from '../presets/gmm';
import type { Mode, Target } from '../types';
import { checkDim, checkPair } from './dims';
import { unitMixture } from './unitMixture';
import type { NdMode, TargetNd } from './types';

/** Distance of each gmm-d mode from the origin, and the cap on the number of modes. */
export const GMM_D_SEPARATION = 5;
export const GMM_D_MAX_MODES = 10;


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
  const modes: NdMode[] = Array.from({ length: K }, (_, k) => {
    const center = new Float64Array(d);
    center[k] = c;
    return { center, std: 1, weight: 1 / K };
  });
  // Coordinate k < K is c * Bernoulli(1 / K) plus independent N(0, 1) noise.
  const p = 1 / K;
  const mean = Float64Array.from({ length: d }, (_, k) => (k < K ? c * p : 0));
  const variance = Float64Array.from({ length: d }, (_, k) => (k < K ? 1 + c * c * p * (1 - p) : 1));
  const mixture = unitMixture(d, Array.from({ length: K }, (_, k) => [[k, c] as const]), c * c);

  return {
    name: 'gmm-d',
    dim: d,
    mean,
    variance,
    modes,
    ...mixture,
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
