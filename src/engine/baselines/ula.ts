import { pointwiseStepMs } from '../samplers/stepCost';
import { resolveParams, type ParamValues } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
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

/** ULA, whole: what the catalog lists (docs/algorithms.md §2). */
export const ula: SamplerModule<typeof ULA_PARAMS> = baselineSampler({
  name: 'ula',
  label: 'ULA',
  doc,
  params: ULA_PARAMS,
  create: (init) => new UlaSampler(init),
  stepMs: (n) => pointwiseStepMs(n),
  card: {
    does: 'The unadjusted Langevin algorithm: each particle steps along the clipped score and adds Gaussian noise, with no accept/reject; the particles do not interact.',
    rule: String.raw`x \leftarrow x + h\, s(x) + \sqrt{2h}\,\xi,\qquad \xi \sim \mathcal N(0, I)`,
    where: 's(x) = ∇ log π(x), shortened to the clip length when longer.',
    weaknesses: [
      'A finite step h leaves a bias of order h: the cloud is slightly too wide.',
      'Crossing between separated modes takes exponentially long.',
    ],
  },
  words: { h: 'Langevin step size h', clip: 'Longest score allowed (longer ones are shortened)' },
});
