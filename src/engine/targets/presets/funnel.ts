import type { Target } from '../types';
import { makeTarget } from './pointwise';

/**
 * Neal's funnel: z2 ~ N(0, 3^2), z1 | z2 ~ N(0, exp(z2)).
 * log pi = -z2^2/18 - 0.5 z1^2 exp(-z2) - 0.5 z2 (the last term is the conditional's
 * normaliser, which depends on z2 and so must stay). z1^2 exp(-z2) is formed as
 * exp(2 log|z1| - z2) so z1 = 0 deep in the neck gives 0, not 0 * Infinity = NaN.
 * Beyond double range (z2 < about -700) log pi is honestly -Infinity.
 */
export function createFunnel(): Target {
  return makeTarget({
    name: 'funnel',
    box: { xmin: -10, xmax: 10, ymin: -8, ymax: 8 },
    logp: (x, y) => -(y * y) / 18 - 0.5 * Math.exp(2 * Math.log(Math.abs(x)) - y) - 0.5 * y,
    grad: (x, y, out, k) => {
      const la = Math.log(Math.abs(x));
      out[k] = -Math.sign(x) * Math.exp(la - y); // -z1 exp(-z2)
      out[k + 1] = -y / 9 + 0.5 * Math.exp(2 * la - y) - 0.5;
    },
  });
}
