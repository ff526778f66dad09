import type { PointGrad, PointLogp } from './pointwise';

/** Spec defaults: the Rezende box half-width and the soft wall's length scale. */
export const CONFINE_HALF_WIDTH = 4;
export const CONFINE_SCALE = 0.2;

/**
 * Soft box U_box(z) = 0.5 * sum_k max(0, |z_k| - h)^2 / s^2: zero inside [-h, h]^2,
 * a quadratic wall outside. It makes targets that do not confine z1 (U2-U4) proper.
 */
export function boxPotential(x: number, y: number, h = CONFINE_HALF_WIDTH, s = CONFINE_SCALE): number {
  const ex = Math.max(0, Math.abs(x) - h);
  const ey = Math.max(0, Math.abs(y) - h);
  return (0.5 * (ex * ex + ey * ey)) / (s * s);
}

/** Adds grad(-U_box) to out[k], out[k + 1]. */
export function addBoxScore(
  x: number,
  y: number,
  out: Float64Array,
  k: number,
  h = CONFINE_HALF_WIDTH,
  s = CONFINE_SCALE,
): void {
  const inv = 1 / (s * s);
  const ex = Math.max(0, Math.abs(x) - h);
  const ey = Math.max(0, Math.abs(y) - h);
  out[k] -= Math.sign(x) * ex * inv;
  out[k + 1] -= Math.sign(y) * ey * inv;
}

/** Wraps (logp, grad) so log pi gets -U_box and the score its gradient. */
export function confine(
  logp: PointLogp,
  grad: PointGrad,
  h = CONFINE_HALF_WIDTH,
  s = CONFINE_SCALE,
): { logp: PointLogp; grad: PointGrad } {
  return {
    logp: (x, y) => logp(x, y) - boxPotential(x, y, h, s),
    grad: (x, y, out, k) => {
      grad(x, y, out, k);
      addBoxScore(x, y, out, k, h, s);
    },
  };
}
