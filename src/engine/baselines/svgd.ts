import { clipRows } from '../mcmc/clip';
import { num, resolveParams, type ParamValues } from '../params/declare';
import type { SamplerInit } from '../samplers/etdSampler';
import type { Diagnostics } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { medianGram, rbfWorkspace, type RbfWorkspace } from './kernel/rbf';
import { meanRowNorm, STEPPER_PARAMS, Stepper } from './kernel/steppers';

/** SVGD parameters (docs/algorithms.md §2), declared once. */
export const SVGD_PARAMS = {
  ...STEPPER_PARAMS,
  clip: num(1e6, 0, 1e6, 'Scores longer than this are scaled down to this norm; the default 1e6 leaves them untouched.', {
    minExclusive: true,
    log: true,
  }),
} as const;

export type SvgdParams = ParamValues<typeof SVGD_PARAMS>;

export const doc =
  'Stein variational gradient descent: every particle follows the score of the target averaged over its neighbours, while a kernel repulsion keeps the particles spread out.';

/**
 * SVGD direction (Liu & Wang 2016) from a Gram matrix already in ws (see medianGram):
 * phi(x_i) = (1/N) sum_j [ K_ji s_j + (2/h)(x_i - x_j) K_ji ].
 * x: (N, d); score: (N, d) scores at x; out: (N, d); d = ws.d.
 */
export function svgdPhi(x: Float64Array, score: Float64Array, h: number, ws: RbfWorkspace, out: Float64Array): Float64Array {
  const { n, d, k } = ws;
  const c = 2 / h;
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    out.fill(0, oi, oi + d);
    for (let j = 0; j < n; j++) {
      const kji = k[j * n + i];
      const oj = j * d;
      for (let t = 0; t < d; t++) out[oi + t] += kji * (score[oj + t] + c * (x[oi + t] - x[oj + t]));
    }
    for (let t = 0; t < d; t++) out[oi + t] /= n;
  }
  return out;
}

/** SVGD with the median-heuristic RBF kernel and the scores clipped to norm `clip`. */
export class SvgdSampler extends BaselineSampler {
  readonly params: SvgdParams;
  private readonly score: Float64Array; // (N, d)
  private readonly phi: Float64Array; // (N, d)
  private readonly ws: RbfWorkspace;
  private readonly stepper: Stepper;

  constructor(init: SamplerInit) {
    super('svgd', init);
    this.params = resolveParams(SVGD_PARAMS, init.params);
    this.score = new Float64Array(this.d * this.n);
    this.phi = new Float64Array(this.d * this.n);
    this.ws = rbfWorkspace(this.n, this.d);
    this.stepper = new Stepper(this.params.step, this.params.lr);
  }

  protected advance(): Diagnostics {
    const { x, score, phi } = this;
    this.target.score(x, score);
    clipRows(score, this.params.clip, this.d);
    const h = medianGram(x, this.ws);
    svgdPhi(x, score, h, this.ws, phi);
    this.stepper.apply(x, phi);
    return { bandwidth: h, phiNorm: meanRowNorm(phi, this.d) };
  }
}
