import type { UnaryFn } from './ast';
import { sigmoid } from './compileBatch';

/*
 * Derivative rules of forward-mode (dual number) differentiation, shared by the batch gradient
 * evaluator and its tests. Conventions that keep scores finite where the gradient is:
 * - mul0: a chain-rule product is 0 when either factor is 0, so an infinite slope times a zero
 *   tangent (sqrt(x^2 + y^2) at the origin) or an underflowed slope times an overflowed tangent
 *   (tanh(exp(100 x))) gives 0 instead of NaN;
 * - ties of min / max split the derivative evenly (what a central difference sees at |x| = max(x, -x));
 * - slopes are written in forms that do not cancel or overflow (sech^2 = 1 / cosh^2,
 *   sigmoid' = sigmoid(a) sigmoid(-a), softplus' = sigmoid).
 */

/** s * t, but 0 when either is 0 (so 0 * Infinity = 0 in the chain rule). */
export const mul0 = (s: number, t: number): number => (s === 0 || t === 0 ? 0 : s * t);

/** f'(a) of each unary function, given a and v = f(a). */
export const UNARY_SLOPE: Readonly<Record<UnaryFn, (a: number, v: number) => number>> = {
  exp: (_a, v) => v,
  log: (a) => 1 / a,
  sqrt: (_a, v) => 0.5 / v,
  abs: (a) => (a > 0 ? 1 : a < 0 ? -1 : 0),
  sin: (a) => Math.cos(a),
  cos: (a) => -Math.sin(a),
  tan: (_a, v) => 1 + v * v,
  tanh: (a) => {
    const c = Math.cosh(a);
    return 1 / (c * c);
  },
  sigmoid: (a) => sigmoid(a) * sigmoid(-a),
  softplus: (a) => sigmoid(a),
};

/** d(a^b)/da = b a^(b-1); 0 for b = 0 (a^0 = 1 everywhere). */
export const powSlopeBase = (a: number, b: number): number => (b === 0 ? 0 : b * Math.pow(a, b - 1));

/** d(a^b)/db = a^b log a, given v = a^b; 0 where a^b = 0 (its limit as a -> 0+). */
export const powSlopeExponent = (a: number, v: number): number => (v === 0 ? 0 : v * Math.log(a));

/** Share of d min(a, b) that goes to a (the rest goes to b). */
export const minShare = (a: number, b: number): number => (a < b ? 1 : a > b ? 0 : 0.5);

/** Share of d max(a, b) that goes to a (the rest goes to b). */
export const maxShare = (a: number, b: number): number => (a > b ? 1 : a < b ? 0 : 0.5);
