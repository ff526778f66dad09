import { createCholesky } from '../etd/preconditioner/cholesky';
import { PRECOND_PARAMS, precondSettings } from '../etd/preconditioner/params';
import type { Preconditioner } from '../etd/preconditioner/types';
import { malaMove } from '../mcmc/mala';
import { choice, resolveParams, type ParamValues } from '../params/declare';
import { pointwiseStepMs } from '../samplers/stepCost';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { LANGEVIN_STEP, SCORE_CLIP } from './langevin/params';
import { tallyNonFinite } from './nonFinite';
import { BaselineSampler } from './baseSampler';

/**
 * Metropolis-adjusted Langevin algorithm (docs/algorithms.md §2), optionally preconditioned
 * by the Cholesky factor of the particles' covariance as the ETD authors' MALA is
 * (docs/preconditioning.md): the same declarations as ETD's, with their MALA's EMA of 0.
 */
export const MALA_PARAMS = {
  h: LANGEVIN_STEP,
  clip: SCORE_CLIP,
  precond: choice(['none', 'cholesky'], 'none', "Precondition every move by the particles' covariance Sigma = L L^T (its factor from the previous step): y = x + h Sigma s + sqrt(2h) L xi."),
  precondShrink: PRECOND_PARAMS.precondShrink,
  precondEma: { ...PRECOND_PARAMS.precondEma, default: 0 },
} as const;

export type MalaParams = ParamValues<typeof MALA_PARAMS>;

export const doc =
  'Metropolis-adjusted Langevin: a Langevin step proposed for each particle is accepted or rejected so that the chain targets pi exactly, at the price of rejections when h is large.';

/**
 * One malaMove per step; clipping keeps it exact because q uses the same clipped drift both ways.
 * With precond = cholesky the factor is rebuilt from the positions after every step and used by
 * the next one (the chains then interact through it, as in the authors' code).
 */
export class MalaSampler extends BaselineSampler {
  readonly params: MalaParams;
  private readonly counted: ReturnType<typeof tallyNonFinite>;
  private readonly precond: Preconditioner | null;
  private accepted = 0;
  private proposed = 0;

  constructor(init: SamplerInit) {
    super('mala', init);
    this.params = resolveParams(MALA_PARAMS, init.params);
    this.counted = tallyNonFinite(this.target);
    this.precond = this.params.precond === 'cholesky' ? createCholesky(this.x, this.d, precondSettings(this.params)) : null;
  }

  protected advance(): Diagnostics {
    const tally = this.counted.tally;
    tally.density = 0;
    tally.scores = 0;
    const factor = this.precond ? this.precond.shape().factor : null;
    const acc = malaMove(this.counted.target, this.x, this.params.h, this.params.clip, this.rng, factor);
    const kept = this.precond ? !this.precond.advance(this.x) : false;
    this.accepted += acc;
    this.proposed += this.n;
    return {
      acceptance: acc / this.n,
      acceptanceMean: this.accepted / this.proposed,
      nonFiniteScores: tally.scores,
      nonFiniteDensity: tally.density,
      ...(this.precond ? { precondKept: kept ? 1 : 0 } : {}),
    };
  }
}

/** MALA, whole: what the catalog lists (docs/algorithms.md §2). */
export const mala: SamplerModule<typeof MALA_PARAMS> = baselineSampler({
  name: 'mala',
  label: 'MALA',
  doc,
  params: MALA_PARAMS,
  create: (init) => new MalaSampler(init),
  stepMs: (n) => pointwiseStepMs(n),
  card: {
    does: 'Metropolis-adjusted Langevin: a Langevin step is proposed for each particle and accepted or rejected so that each chain targets π exactly.',
    rule: String.raw`y = x + h\,s(x) + \sqrt{2h}\,\xi,\qquad \text{accept with } \min\!\Big(1, \frac{\pi(y)\,q(x\mid y)}{\pi(x)\,q(y\mid x)}\Big)`,
    where: 'q(y | x) = N(y; x + h s(x), 2h I); the acceptance rate is in the diagnostics.',
    weaknesses: [
      'Large h gives many rejections (particles stand still); small h moves slowly.',
      'Exact in the limit, but like ULA it rarely crosses between separated modes.',
    ],
  },
  words: {
    h: 'Proposal step size h (larger: bolder moves, more rejections)',
    clip: 'Longest score allowed (longer ones are shortened)',
    precond: "Shape every move by the particles' covariance (its Cholesky factor)",
    precondShrink: 'Shrinkage of the covariance towards its diagonal',
    precondEma: 'Memory of the covariance average (0 = fresh each step)',
  },
});
