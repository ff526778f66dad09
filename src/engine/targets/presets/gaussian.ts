import type { Target } from '../types';
import { makeTarget, squareBox } from './pointwise';

/** Correlated Gaussian N(0, [[1, 0.9], [0.9, 1]]), normalised exactly (a reference for tests). */
export function createGaussian(): Target {
  const rho = 0.9;
  const det = 1 - rho * rho;
  const logZ = -Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  return makeTarget({
    name: 'gaussian',
    box: squareBox(4),
    logp: (x, y) => logZ - (0.5 * (x * x - 2 * rho * x * y + y * y)) / det,
    grad: (x, y, out, k) => {
      out[k] = -(x - rho * y) / det;
      out[k + 1] = -(y - rho * x) / det;
    },
  });
}
