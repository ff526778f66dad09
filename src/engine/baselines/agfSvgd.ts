import { int, resolveParams, type ParamValues } from '../params/declare';
import type { SamplerInit } from '../samplers/etdSampler';
import type { Diagnostics } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { gfSvgdPhi, gfWorkspace, type GfWorkspace } from './kernel/gfPhi';
import { meanRowNorm, STEPPER_PARAMS, Stepper } from './kernel/steppers';

/** AGF-SVGD parameters (docs/ALGORITHMS.md section 2, this project's definition), declared once. */
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

/** log density of a 2D Gaussian, returned as a function of one point. */
type LogDensity2 = (x: number, y: number) => number;

/**
 * rho0 of the annealing: the Gaussian with the initial cloud's mean and (1/N) covariance
 * (the cloud is N(centre, spread^2 I) by construction, so this is its law up to sampling error).
 * A tiny ridge keeps a degenerate cloud (one particle, or collinear ones) invertible.
 * x: (N, 2).
 */
export function fitGaussian(x: Float64Array): LogDensity2 {
  const n = x.length >> 1;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i];
    my += x[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i] - mx;
    const dy = x[2 * i + 1] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const ridge = 1e-9 * (1 + (sxx + syy) / n);
  sxx = sxx / n + ridge;
  syy = syy / n + ridge;
  sxy /= n;
  const det = sxx * syy - sxy * sxy;
  const logZ = -Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  return (px, py) => {
    const dx = px - mx;
    const dy = py - my;
    return logZ - (0.5 * (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy)) / det;
  };
}

/**
 * AGF-SVGD: GF-SVGD whose weights use the annealed target pi_beta = pi^beta * rho0^(1 - beta),
 * beta = annealBeta(iteration, annealSteps). Never calls target.score.
 */
export class AgfSvgdSampler extends BaselineSampler {
  readonly params: AgfSvgdParams;
  private readonly logp: Float64Array; // (N) log pi_beta at x
  private readonly phi: Float64Array; // (N, 2)
  private readonly ws: GfWorkspace;
  private readonly stepper: Stepper;
  private readonly logRho0: LogDensity2;

  constructor(init: SamplerInit) {
    super('agf-svgd', init);
    this.params = resolveParams(AGF_SVGD_PARAMS, init.params);
    this.logRho0 = fitGaussian(this.x);
    this.logp = new Float64Array(this.n);
    this.phi = new Float64Array(2 * this.n);
    this.ws = gfWorkspace(this.n);
    this.stepper = new Stepper(this.params.step, this.params.lr);
  }

  protected advance(t: number): Diagnostics {
    const { x, phi, logp } = this;
    const beta = annealBeta(t, this.params.annealSteps);
    if (beta > 0) this.target.logDensity(x, logp);
    for (let i = 0; i < this.n; i++) {
      const l0 = beta < 1 ? this.logRho0(x[2 * i], x[2 * i + 1]) : 0;
      // Skip a zero-weight term so 0 * (-infinity) cannot make NaN.
      logp[i] = (beta > 0 ? beta * logp[i] : 0) + (beta < 1 ? (1 - beta) * l0 : 0);
    }
    const d = gfSvgdPhi(x, logp, this.ws, phi);
    this.stepper.apply(x, phi);
    return { beta, ...d, phiNorm: meanRowNorm(phi) };
  }
}
