import type { Sampler } from '../../src/engine/samplers/types';
import { GaussianViSampler } from '../../src/engine/vi/viSampler';
import type { GaussianOverlay, ViParameters } from '../samplerApi';
import type { Projection } from './projection';

/**
 * q's components on the drawn pair (i, j), for a variational sampler (null for any other): the
 * marginal of N(mu, S S^T) on two coordinates is N(mu_(i,j), (S S^T)_(i,j),(i,j)), so a d > 2
 * panel draws the exact law of what its dots show.
 */
export function gaussianOverlay(sampler: Sampler, projection: Projection): GaussianOverlay | null {
  if (!(sampler instanceof GaussianViSampler)) return null;
  const q = sampler.mixture();
  const { c: C, d } = q;
  const [i, j] = projection.dim === 2 ? [0, 1] : projection.axes;
  const means = new Float32Array(2 * C);
  const covariances = new Float32Array(3 * C);
  for (let c = 0; c < C; c++) {
    means[2 * c] = q.mu[c * d + i];
    means[2 * c + 1] = q.mu[c * d + j];
    let xx = 0, xy = 0, yy = 0;
    for (let k = 0; k < d; k++) {
      const a = q.scale[c * d * d + i * d + k];
      const b = q.scale[c * d * d + j * d + k];
      xx += a * a;
      xy += a * b;
      yy += b * b;
    }
    covariances.set([xx, xy, yy], 3 * c);
  }
  return { means, covariances };
}

/** q of a variational sampler in all d coordinates (weights 1/C, means, covariances S S^T), or null for any other. */
export function viParameters(sampler: Sampler): Pick<ViParameters, 'dim' | 'components'> | null {
  if (!(sampler instanceof GaussianViSampler)) return null;
  const q = sampler.mixture();
  const { c: C, d } = q;
  const components = Array.from({ length: C }, (_, c) => {
    const S = q.scale.subarray(c * d * d, (c + 1) * d * d); // (d, d)
    const covariance = Array.from({ length: d }, (_, a) =>
      Array.from({ length: d }, (_, b) => {
        let v = 0;
        for (let k = 0; k < d; k++) v += S[a * d + k] * S[b * d + k];
        return v;
      }),
    );
    return { weight: 1 / C, mean: Array.from(q.mu.subarray(c * d, (c + 1) * d)), covariance };
  });
  return { dim: d, components };
}

/** A variational sampler (its q has an ELBO and parameters to export). */
export const isVariational = (sampler: Sampler): boolean => sampler instanceof GaussianViSampler;
