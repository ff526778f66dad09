import { resolveParams, type ParamValues } from '../params/declare';
import type { SamplerInit } from '../samplers/etdSampler';
import type { Diagnostics } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { gfSvgdPhi, gfWorkspace, type GfWorkspace } from './kernel/gfPhi';
import { meanRowNorm, STEPPER_PARAMS, Stepper } from './kernel/steppers';

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
