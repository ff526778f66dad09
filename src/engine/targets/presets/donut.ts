import type { Target } from '../types';
import { makeTarget, squareBox } from './pointwise';

/** Donut: log pi = -(||z|| - 2.6)^2 / 0.033, a thin ring of radius 2.6. */
export function createDonut(): Target {
  return makeTarget({
    name: 'donut',
    box: squareBox(4),
    logp: (x, y) => -((Math.hypot(x, y) - 2.6) ** 2) / 0.033,
    grad: (x, y, out, k) => {
      const r = Math.hypot(x, y);
      // The density has a cusp at the origin; use 0 there.
      const c = r > 0 ? (-2 * (r - 2.6)) / (0.033 * r) : 0;
      out[k] = c * x;
      out[k + 1] = c * y;
    },
  });
}
