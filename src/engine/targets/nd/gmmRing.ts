import type { Target } from '../types';
import { checkDim, checkPair } from './dims';
import { projectedMixture } from './gmm';
import { unitMixture } from './unitMixture';
import type { NdMode, TargetNd } from './types';

/** The ETD authors' high-dimensional GMM (vpacelli/etd, configs gmm/10d_5 and 20d_5): modes, ring radius, std. */
export const GMM_RING_MODES = 5;
export const GMM_RING_RADIUS = 3;


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
  // Exact moments: the mean of the mode centres, and 1 + their spread on the first two axes.
  const mean = new Float64Array(d);
  const variance = new Float64Array(d).fill(1);
  for (let t = 0; t < 2; t++) {
    const m = cs.reduce((s, c) => s + c[t], 0) / K;
    mean[t] = m;
    variance[t] = 1 + cs.reduce((s, c) => s + (c[t] - m) ** 2, 0) / K;
  }
  const mixture = unitMixture(d, cs.map(([a, b]) => [[0, a], [1, b]] as const), R * R);

  return {
    name: 'gmm-ring-d',
    dim: d,
    mean,
    variance,
    modes,
    ...mixture,
    marginal2d(i: number, j: number): Target {
      checkPair(d, i, j);
      return projectedMixture(`gmm-ring-d (x${i}, x${j})`, modes, i, j);
    },
  };
}
