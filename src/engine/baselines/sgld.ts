import { pointwiseStepMs } from '../samplers/stepCost';
import { num, resolveParams, type ParamValues } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { langevinMove } from './langevin/move';
import { SCORE_CLIP } from './langevin/params';
import { BaselineSampler } from './baseSampler';

/** Stochastic gradient Langevin dynamics (Welling & Teh 2011; docs/algorithms.md §2). */
export const SGLD_PARAMS = {
  e0: num(0.02, 0, 10, 'First step size e_0 of the decaying schedule e_t = e_0 (b / (b + t))^gamma.', { minExclusive: true, log: true }),
  b: num(100, 0, 1e6, 'Schedule offset b: the step has shrunk by 2^gamma after b steps.', { minExclusive: true, log: true }),
  gamma: num(0.55, 0, 1, 'Schedule decay exponent (the paper uses 0.5 < gamma <= 1; 0 keeps the step constant).'),
  clip: SCORE_CLIP,
  tau: num(0, 0, 100, 'Standard deviation of Gaussian noise added to the clipped score, standing in for minibatch gradient noise.'),
} as const;

export type SgldParams = ParamValues<typeof SGLD_PARAMS>;

export const doc =
  'Stochastic gradient Langevin dynamics: Langevin steps whose size decays over time, with optional noise on the gradient as if it came from minibatches.';

/** e_t = e_0 (b / (b + t))^gamma, t = 0 at the first step. */
export function sgldStepSize(p: Pick<SgldParams, 'e0' | 'b' | 'gamma'>, t: number): number {
  return p.e0 * Math.pow(p.b / (p.b + t), p.gamma);
}

/** x <- x + (e_t / 2) s_hat(x) + N(0, e_t I), s_hat = clip(s) + N(0, tau^2 I). */
export class SgldSampler extends BaselineSampler {
  readonly params: SgldParams;
  private readonly s: Float64Array; // (N, d) scores

  constructor(init: SamplerInit) {
    super('sgld', init);
    this.params = resolveParams(SGLD_PARAMS, init.params);
    this.s = new Float64Array(this.d * this.n);
  }

  protected advance(t: number): Diagnostics {
    const e = sgldStepSize(this.params, t);
    const { clip, tau } = this.params;
    const nonFiniteScores = langevinMove(this.target, this.x, this.s, { drift: e / 2, noiseVar: e, clip, gradNoise: tau }, this.rng);
    return { stepSize: e, nonFiniteScores };
  }
}

/** SGLD, whole: what the catalog lists (docs/algorithms.md §2). */
export const sgld: SamplerModule<typeof SGLD_PARAMS> = baselineSampler({
  name: 'sgld',
  label: 'SGLD',
  doc,
  params: SGLD_PARAMS,
  create: (init) => new SgldSampler(init),
  stepMs: (n) => pointwiseStepMs(n),
  card: {
    does: 'Stochastic gradient Langevin dynamics: each particle takes a Langevin step (half the step along the score, plus Gaussian noise of that variance) with a step that shrinks over time; the particles do not interact.',
    rule: String.raw`x \leftarrow x + \frac{\epsilon_t}{2}\,\hat s(x) + \sqrt{\epsilon_t}\,\xi,\qquad \epsilon_t = \epsilon_0 \Big(\frac{b}{b+t}\Big)^{\gamma}`,
    where: 'ŝ is the clipped score (plus optional noise standing in for minibatches), ξ ~ N(0, I).',
    weaknesses: [
      'The shrinking step slows mixing: particles rarely cross between modes, so mode shares keep their starting proportions.',
      'Biased at any finite step size; the bias fades only as the step decays.',
    ],
  },
  words: { e0: 'First step size ε₀', b: 'Step-decay offset b', gamma: 'Step-decay power γ', clip: 'Longest score allowed (longer ones are shortened)', tau: 'Gradient noise τ (minibatch stand-in)' },
});
