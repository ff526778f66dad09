import { resolveParams, type ParamValues } from '../params/declare';
import type { SamplerInit } from '../samplers/etdSampler';
import type { Diagnostics } from '../samplers/types';
import { langevinMove } from './langevin/move';
import { LANGEVIN_STEP, SCORE_CLIP } from './langevin/params';
import { BaselineSampler } from './baseSampler';

/** Unadjusted Langevin algorithm (docs/algorithms.md §2). */
export const ULA_PARAMS = {
  h: LANGEVIN_STEP,
  clip: SCORE_CLIP,
} as const;

export type UlaParams = ParamValues<typeof ULA_PARAMS>;

export const doc =
  'Unadjusted Langevin: each particle steps along the (clipped) score plus Gaussian noise, with no accept/reject, so a finite step h leaves a small bias.';

/** x <- x + h clip(s(x)) + sqrt(2h) xi. */
export class UlaSampler extends BaselineSampler {
  readonly params: UlaParams;
  private readonly s: Float64Array; // (N, d) scores

  constructor(init: SamplerInit) {
    super('ula', init);
    this.params = resolveParams(ULA_PARAMS, init.params);
    this.s = new Float64Array(this.d * this.n);
  }

  protected advance(): Diagnostics {
    const { h, clip } = this.params;
    const nonFiniteScores = langevinMove(this.target, this.x, this.s, { drift: h, noiseVar: 2 * h, clip, gradNoise: 0 }, this.rng);
    return { nonFiniteScores };
  }
}
