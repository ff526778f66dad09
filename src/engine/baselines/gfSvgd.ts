import { kernelStepMs } from '../samplers/stepCost';
import { resolveParams, type ParamValues } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { gfSvgdPhi, gfWorkspace, type GfWorkspace } from './kernel/gfPhi';
import { meanRowNorm, STEPPER_PARAMS, Stepper, STEPPER_WORDS } from './kernel/steppers';

/** GF-SVGD parameters (docs/algorithms.md §2), declared once. */
export const GF_SVGD_PARAMS = { ...STEPPER_PARAMS } as const;

export type GfSvgdParams = ParamValues<typeof GF_SVGD_PARAMS>;

export const doc =
  'Gradient-free SVGD: particles follow the slope of a smoothed copy of themselves, each weighted by how over-crowded its spot is compared with the target, so only values of the density are needed, never its gradient.';

/** GF-SVGD (Han & Liu 2018) with the particles' own Gaussian KDE as surrogate; never calls target.score. */
export class GfSvgdSampler extends BaselineSampler {
  readonly params: GfSvgdParams;
  private readonly logp: Float64Array; // (N)
  private readonly phi: Float64Array; // (N, d)
  private readonly ws: GfWorkspace;
  private readonly stepper: Stepper;

  constructor(init: SamplerInit) {
    super('gf-svgd', init);
    this.params = resolveParams(GF_SVGD_PARAMS, init.params);
    this.logp = new Float64Array(this.n);
    this.phi = new Float64Array(this.d * this.n);
    this.ws = gfWorkspace(this.n, this.d);
    this.stepper = new Stepper(this.params.step, this.params.lr);
  }

  protected advance(): Diagnostics {
    const { x, phi } = this;
    this.target.logDensity(x, this.logp);
    const d = gfSvgdPhi(x, this.logp, this.ws, phi);
    this.stepper.apply(x, phi);
    return { ...d, phiNorm: meanRowNorm(phi, this.d) };
  }
}

/** GF-SVGD, whole: what the catalog lists (docs/algorithms.md §2). */
export const gfSvgd: SamplerModule<typeof GF_SVGD_PARAMS> = baselineSampler({
  name: 'gf-svgd',
  label: 'GF-SVGD',
  doc,
  params: GF_SVGD_PARAMS,
  create: (init) => new GfSvgdSampler(init),
  stepMs: (n) => kernelStepMs(n),
  card: {
    does: 'Gradient-free SVGD replaces the target’s score by the score of a surrogate density built from the particles, and reweights each particle by how over-crowded its spot is compared with the target, so only values of the density are needed.',
    rule: String.raw`\phi(x_i) = \sum_j w_j \Big[k(x_j, x_i)\,\nabla\log\rho(x_j) + \nabla_{x_j} k(x_j, x_i)\Big],\qquad w_j \propto \frac{\rho(x_j)}{\pi(x_j)}`,
    where: 'ρ is the surrogate density (a kernel density estimate of the particles), w_j sum to 1.',
    weaknesses: [
      'When the surrogate is far from the target, a few weights dominate and the update follows those few particles.',
      'Inherits SVGD’s loss of variance and its attachment to the starting modes.',
    ],
  },
  words: { ...STEPPER_WORDS },
});
