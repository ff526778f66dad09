import { dimOf, type Target } from '../../targets/types';
import { proposalLogDensity } from './mixture';
import type { StepShape } from '../preconditioner/types';
import type { StageClock } from '../stageClock';

/** Weights never fall below max - 30 nats, so no proposal is exactly impossible. */
export const LOG_WEIGHT_FLOOR = 30;

/**
 * Importance-corrected target weights log b_j = log pi(y_j) - log q(y_j), with q the pooled
 * proposal mixture (1/N) sum_i N(y; mu_i, sigma^2 I_d); floored and normalised to LSE = 0.
 * Without the correction the stationary law is pi convolved with the proposal noise.
 * Reports proposals whose log pi was NaN or +Infinity (they get the floor), and whether no
 * proposal had positive density at all (then the weights fall back to uniform).
 * With a preconditioner's shape B the mixture's components are N(mu_i, sigma^2 B B^T): q is
 * evaluated on the whitened points B^-1 y, B^-1 mu (the same kernels) less log |det B|.
 */
export function importanceWeights(
  target: Target,
  y: Float64Array, // (P, d), d = dimOf(target)
  mu: Float64Array, // (N, d)
  sigma: number,
  logB: Float64Array, // (P) out
  scratchN: Float64Array, // (N)
  clock?: StageClock,
  shape?: StepShape,
  yWhite?: Float64Array, // (P, d) shape.whiten(y), when the caller has it already
): { nonFinite: number; degenerate: boolean } {
  const d = dimOf(target);
  const p = y.length / d;
  target.logDensity(y, logB);
  clock?.mark('target density');
  const logQ = shape ? whitenedLogDensity(yWhite ?? shape.whiten(y), mu, sigma, scratchN, shape) : proposalLogDensity(y, mu, sigma, scratchN, d);
  let bad = 0;
  let max = -Infinity;
  for (let j = 0; j < p; j++) {
    const lp = logB[j];
    // +Infinity density is as unusable as NaN: both mean the target is broken there.
    const v = Number.isFinite(lp) ? lp - logQ(j) : lp === -Infinity ? -Infinity : NaN;
    if (Number.isNaN(v)) bad++;
    logB[j] = v;
    if (v > max) max = v;
  }
  clock?.mark('mixture density');
  if (max === -Infinity) {
    // No proposal has positive finite density: fall back to uniform weights (reported by caller).
    logB.fill(-Math.log(p));
    return { nonFinite: bad, degenerate: true };
  }
  const floor = max - LOG_WEIGHT_FLOOR;
  let s = 0;
  for (let j = 0; j < p; j++) {
    const v = logB[j];
    const w = Number.isNaN(v) || v < floor ? floor : v;
    logB[j] = w;
    s += Math.exp(w - max);
  }
  const lse = max + Math.log(s);
  for (let j = 0; j < p; j++) logB[j] -= lse;
  return { nonFinite: bad, degenerate: false };
}

/** log q(y_j) for components N(mu_i, sigma^2 B B^T): the isotropic mixture of the whitened points, less log |det B|. */
function whitenedLogDensity(
  yWhite: Float64Array, // (P, d) B^-1 y
  mu: Float64Array, // (N, d)
  sigma: number,
  scratchN: Float64Array, // (N)
  shape: StepShape,
): (j: number) => number {
  const inner = proposalLogDensity(yWhite, shape.whiten(mu), sigma, scratchN, shape.d);
  const logDet = shape.logDet;
  return (j) => inner(j) - logDet;
}
