import { guidedScores } from '../../etd/proposals/scores';
import type { Rng } from '../../random/rng';
import type { Target } from '../../targets/types';

export interface LangevinMoveOptions {
  /** Drift step a in x + a s_hat(x). */
  readonly drift: number;
  /** Noise variance v per coordinate: x + ... + sqrt(v) xi. */
  readonly noiseVar: number;
  /** Score clip norm. */
  readonly clip: number;
  /** Standard deviation of the gradient noise added after clipping (0: none, and no draws). */
  readonly gradNoise: number;
}

/**
 * One unadjusted Langevin move of every particle, in place, coordinate by coordinate (so any d):
 * x <- x + a s_hat(x) + sqrt(v) xi, s_hat = clip(s) + N(0, tau^2 I).
 * ULA is a = h, v = 2h; SGLD is a = e_t / 2, v = e_t. Non-finite scores are zeroed (the particle
 * just diffuses) and counted; returns that count.
 */
export function langevinMove(
  target: Target,
  x: Float64Array, // (N, d), d = dimOf(target), updated in place
  s: Float64Array, // (N, d) scratch for the scores
  o: LangevinMoveOptions,
  rng: Rng,
): number {
  const bad = guidedScores(target, x, o.clip, s);
  if (o.gradNoise > 0) for (let k = 0; k < s.length; k++) s[k] += o.gradNoise * rng.normal();
  const sd = Math.sqrt(o.noiseVar);
  for (let k = 0; k < x.length; k++) x[k] += o.drift * s[k] + sd * rng.normal();
  return bad;
}
