import { kernelStepMs } from '../samplers/stepCost';
import { int, resolveParams, type ParamValues } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { fitGaussian, type RowLogDensity } from './fitGaussian';
import { gfSvgdPhi, gfWorkspace, type GfWorkspace } from './kernel/gfPhi';
import { meanRowNorm, STEPPER_PARAMS, Stepper, STEPPER_WORDS } from './kernel/steppers';

/** AGF-SVGD parameters (docs/algorithms.md §2, this project's definition), declared once. */
export const AGF_SVGD_PARAMS = {
  ...STEPPER_PARAMS,
  annealSteps: int(
    250,
    0,
    100000,
    'Iterations over which beta rises linearly from 0 to 1 in the annealed target pi^beta * rho0^(1 - beta), rho0 being the Gaussian fitted to the initial cloud; 0 means no annealing.',
  ),
} as const;

export type AgfSvgdParams = ParamValues<typeof AGF_SVGD_PARAMS>;

export const doc =
  'Annealed gradient-free SVGD: the particles first aim at their own starting spread and the target is faded in gradually, so they are pulled towards its modes gently instead of all at once; no gradient of the density is needed.';

/** beta at iteration t (0-based, the step about to be taken): t / annealSteps, capped at 1. */
export function annealBeta(t: number, annealSteps: number): number {
  return annealSteps > 0 ? Math.min(1, t / annealSteps) : 1;
}

/**
 * AGF-SVGD: GF-SVGD whose weights use the annealed target pi_beta = pi^beta * rho0^(1 - beta),
 * beta = annealBeta(iteration, annealSteps). Never calls target.score.
 */
export class AgfSvgdSampler extends BaselineSampler {
  readonly params: AgfSvgdParams;
  private readonly logp: Float64Array; // (N) log pi_beta at x
  private readonly phi: Float64Array; // (N, d)
  private readonly ws: GfWorkspace;
  private readonly stepper: Stepper;
  private readonly logRho0: RowLogDensity;

  constructor(init: SamplerInit) {
    super('agf-svgd', init);
    this.params = resolveParams(AGF_SVGD_PARAMS, init.params);
    this.logRho0 = fitGaussian(this.x, this.d);
    this.logp = new Float64Array(this.n);
    this.phi = new Float64Array(this.d * this.n);
    this.ws = gfWorkspace(this.n, this.d);
    this.stepper = new Stepper(this.params.step, this.params.lr);
  }

  protected advance(t: number): Diagnostics {
    const { x, phi, logp } = this;
    const beta = annealBeta(t, this.params.annealSteps);
    if (beta > 0) this.target.logDensity(x, logp);
    for (let i = 0; i < this.n; i++) {
      const l0 = beta < 1 ? this.logRho0(x, i * this.d) : 0;
      // Skip a zero-weight term so 0 * (-infinity) cannot make NaN.
      logp[i] = (beta > 0 ? beta * logp[i] : 0) + (beta < 1 ? (1 - beta) * l0 : 0);
    }
    const d = gfSvgdPhi(x, logp, this.ws, phi);
    this.stepper.apply(x, phi);
    return { beta, ...d, phiNorm: meanRowNorm(phi, this.d) };
  }
}

/** AGF-SVGD, whole: what the catalog lists (docs/algorithms.md §2). */
export const agfSvgd: SamplerModule<typeof AGF_SVGD_PARAMS> = baselineSampler({
  name: 'agf-svgd',
  label: 'AGF-SVGD',
  doc,
  params: AGF_SVGD_PARAMS,
  create: (init) => new AgfSvgdSampler(init),
  stepMs: (n) => kernelStepMs(n),
  card: {
    does: 'Annealed gradient-free SVGD fades the target in: it first aims at the particles’ own starting spread and moves the goal towards the target over the first steps, so the weights stay tame. No gradient of the density is needed.',
    rule: String.raw`\pi_\beta = \pi^{\beta}\,\rho_0^{\,1-\beta},\quad \beta: 0 \to 1,\qquad w_j \propto \frac{\rho(x_j)}{\pi_\beta(x_j)}`,
    where: 'ρ₀ is the initial particle distribution, β rises linearly over the annealing steps, then the update is GF-SVGD’s.',
    weaknesses: [
      'Results depend on the annealing length: too short and the weights degenerate, too long and it has not reached the target when you look.',
      'After annealing it behaves like GF-SVGD, with the same loss of variance.',
    ],
  },
  words: { ...STEPPER_WORDS, annealSteps: 'Steps over which the target is faded in' },
});
