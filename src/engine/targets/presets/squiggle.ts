import type { Target } from '../types';
import { makeTarget } from './pointwise';

/**
 * Squiggle: (z1, z2 + sin(5 z1)) ~ N(0, [[2, 0.25], [0.25, 0.5]]).
 * The shear has Jacobian determinant 1, so no correction term.
 */
export function createSquiggle(): Target {
  // Precision matrix of [[2, 0.25], [0.25, 0.5]] (det 0.9375).
  const det = 2 * 0.5 - 0.25 * 0.25;
  const p11 = 0.5 / det;
  const p12 = -0.25 / det;
  const p22 = 2 / det;
  return makeTarget({
    name: 'squiggle',
    box: { xmin: -5, xmax: 5, ymin: -3, ymax: 3 },
    logp: (x, y) => {
      const v = y + Math.sin(5 * x);
      return -0.5 * (p11 * x * x + 2 * p12 * x * v + p22 * v * v);
    },
    grad: (x, y, out, k) => {
      const v = y + Math.sin(5 * x);
      const g1 = -(p11 * x + p12 * v);
      const g2 = -(p12 * x + p22 * v);
      out[k] = g1 + 5 * Math.cos(5 * x) * g2;
      out[k + 1] = g2;
    },
  });
}
