import { rwmMove } from '../mcmc/rwm';
import { int, num, resolveParams, type ParamValues } from '../params/declare';
import { pointwiseStepMs } from '../samplers/stepCost';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { tallyNonFinite } from './nonFinite';

/** Random-walk Metropolis (docs/algorithms.md §2): gradient-free, exact for every step size. */
export const RWM_PARAMS = {
  h: num(0.05, 0, 100, 'Step size h: proposals y = x + sqrt(2h) xi, the noise of a Langevin step h without its drift.', { minExclusive: true, log: true }),
  moves: int(1, 1, 100, 'Metropolis moves per particle per step.'),
} as const;

export type RwmParams = ParamValues<typeof RWM_PARAMS>;

export const doc =
  'Random-walk Metropolis: each particle proposes a Gaussian step and accepts it with probability min(1, pi(y) / pi(x)); only values of the density are used, and each chain targets pi exactly.';

/** Independent random-walk Metropolis chains, one per particle (the move ETD's rwm mutation uses). */
export class RwmSampler extends BaselineSampler {
  readonly params: RwmParams;
  private readonly counted: ReturnType<typeof tallyNonFinite>;
  private accepted = 0;
  private proposed = 0;

  constructor(init: SamplerInit) {
    super('rwm', init);
    this.params = resolveParams(RWM_PARAMS, init.params);
    this.counted = tallyNonFinite(this.target);
  }

  protected advance(): Diagnostics {
    const tally = this.counted.tally;
    tally.density = 0;
    let acc = 0;
    for (let k = 0; k < this.params.moves; k++) acc += rwmMove(this.counted.target, this.x, this.params.h, this.rng);
    const tried = this.n * this.params.moves;
    this.accepted += acc;
    this.proposed += tried;
    return { acceptance: acc / tried, acceptanceMean: this.accepted / this.proposed, nonFiniteDensity: tally.density };
  }
}

/** Random-walk Metropolis, whole: what the catalog lists. */
export const rwm: SamplerModule<typeof RWM_PARAMS> = baselineSampler({
  name: 'rwm',
  label: 'RWM',
  doc,
  params: RWM_PARAMS,
  create: (init) => new RwmSampler(init),
  stepMs: (n, params) => pointwiseStepMs(n) * (typeof params.moves === 'number' ? params.moves : RWM_PARAMS.moves.default),
  card: {
    does: 'Random-walk Metropolis: every particle runs its own Markov chain, proposing a Gaussian step around itself and accepting it by the Metropolis rule, so each chain targets π exactly using only values of the density, never its gradient.',
    rule: String.raw`y = x + \sqrt{2h}\,\xi,\qquad \text{accept with } \min\!\Big(1, \frac{\pi(y)}{\pi(x)}\Big)`,
    where: 'ξ ~ N(0, I); the proposal is symmetric, so the ratio of proposal densities cancels. The acceptance rate is in the diagnostics.',
    weaknesses: [
      'Blind steps: in d dimensions the step must shrink like 1/√d to keep being accepted, so it explores slowly.',
      'Like every independent chain it rarely crosses between separated modes: mode shares keep their starting proportions.',
      'Large h: most proposals are rejected and particles stand still; small h: they diffuse slowly.',
    ],
  },
  words: { h: 'Proposal step size h (larger: bolder moves, more rejections)', moves: 'Metropolis moves per particle per step' },
});
