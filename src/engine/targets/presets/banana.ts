import type { Target } from '../types';
import { makeTarget, squareBox } from './pointwise';

/**
 * Banana: y = (z1/2, 2 z2 + 0.4 (z1^2 + 4)) ~ N((0, 4), [[1, 0.5], [0.5, 1]]).
 * The map z -> y has Jacobian determinant (1/2)(2) = 1, so log pi(z) = log N(y) with no
 * correction. Box [-6, 6]^2, no shift: numerically (grid integration) 99.63% of the mass
 * lies inside the box; the z2 mean is 0.4, 0.13% lies beyond each of z1 = +-6 (the 3-sigma
 * tails of z1 ~ N(0, 4), which no z2 shift would fix), 0.31% below z2 = -6, ~0 above z2 = 6.
 */
export function createBanana(): Target {
  // Precision matrix of [[1, 0.5], [0.5, 1]] (det 0.75).
  const p11 = 1 / 0.75;
  const p12 = -0.5 / 0.75;
  return makeTarget({
    name: 'banana',
    box: squareBox(6),
    logp: (x, y) => {
      const y1 = x / 2;
      const y2 = 2 * y + 0.4 * (x * x + 4) - 4;
      return -0.5 * (p11 * y1 * y1 + 2 * p12 * y1 * y2 + p11 * y2 * y2);
    },
    grad: (x, y, out, k) => {
      const y1 = x / 2;
      const y2 = 2 * y + 0.4 * (x * x + 4) - 4;
      const g1 = -(p11 * y1 + p12 * y2);
      const g2 = -(p12 * y1 + p11 * y2);
      // Chain rule through dy1/dz1 = 1/2, dy2/dz1 = 0.8 z1, dy2/dz2 = 2.
      out[k] = 0.5 * g1 + 0.8 * x * g2;
      out[k + 1] = 2 * g2;
    },
  });
}
