import { malaMove } from '../mcmc/mala';
import { resolveParams, type ParamValues } from '../params/declare';
import type { SamplerInit } from '../samplers/etdSampler';
import type { Diagnostics } from '../samplers/types';
import { LANGEVIN_STEP, SCORE_CLIP } from './langevin/params';
import { tallyNonFinite } from './nonFinite';
import { BaselineSampler } from './baseSampler';

/** Metropolis-adjusted Langevin algorithm (docs/algorithms.md §2). */
export const MALA_PARAMS = {
  h: LANGEVIN_STEP,
  clip: SCORE_CLIP,
} as const;

export type MalaParams = ParamValues<typeof MALA_PARAMS>;

export const doc =
  'Metropolis-adjusted Langevin: a Langevin step proposed for each particle is accepted or rejected so that the chain targets pi exactly, at the price of rejections when h is large.';

/** One malaMove per step; clipping keeps it exact because q uses the same clipped drift both ways. */
export class MalaSampler extends BaselineSampler {
  readonly params: MalaParams;
  private readonly counted: ReturnType<typeof tallyNonFinite>;
  private accepted = 0;
  private proposed = 0;

  constructor(init: SamplerInit) {
    super('mala', init);
    this.params = resolveParams(MALA_PARAMS, init.params);
    this.counted = tallyNonFinite(this.target);
  }

  protected advance(): Diagnostics {
    const tally = this.counted.tally;
    tally.density = 0;
    tally.scores = 0;
    const acc = malaMove(this.counted.target, this.x, this.params.h, this.params.clip, this.rng);
    this.accepted += acc;
    this.proposed += this.n;
    return {
      acceptance: acc / this.n,
      acceptanceMean: this.accepted / this.proposed,
      nonFiniteScores: tally.scores,
      nonFiniteDensity: tally.density,
    };
  }
}
