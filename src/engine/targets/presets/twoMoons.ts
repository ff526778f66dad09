import type { Target } from '../types';
import { makeTarget, squareBox } from './pointwise';
import { sigmoid, softplus } from './stable';

/**
 * Two moons, exactly the spec's formula:
 * log pi = -0.5((||z|| - 2)/0.2)^2 - 0.5((|z1| - 2)/0.3)^2 + log(1 + exp(-4|z1|/0.09)),
 * the last term as softplus so it never overflows. Cusps at the origin and on z1 = 0: gradient
 * uses sign(0) = 0 there.
 */
export function createTwoMoons(): Target {
  const c = 4 / 0.09;
  return makeTarget({
    name: 'two-moons',
    box: squareBox(4),
    logp: (x, y) => {
      const r = Math.hypot(x, y);
      const a = Math.abs(x);
      return -0.5 * ((r - 2) / 0.2) ** 2 - 0.5 * ((a - 2) / 0.3) ** 2 + softplus(-c * a);
    },
    grad: (x, y, out, k) => {
      const r = Math.hypot(x, y);
      const a = Math.abs(x);
      const cr = r > 0 ? -(r - 2) / (0.04 * r) : 0;
      // d/d|z1| of the two |z1| terms; d softplus(u)/du = sigmoid(u).
      const da = -(a - 2) / 0.09 - c * sigmoid(-c * a);
      out[k] = cr * x + Math.sign(x) * da;
      out[k + 1] = cr * y;
    },
  });
}
