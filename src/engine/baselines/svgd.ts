import { kernelStepMs } from '../samplers/stepCost';
import { clipRows } from '../mcmc/clip';
import { num, resolveParams, type ParamValues } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { BaselineSampler } from './baseSampler';
import { medianGram, rbfWorkspace, type RbfWorkspace } from './kernel/rbf';
import { meanRowNorm, STEPPER_PARAMS, Stepper, STEPPER_WORDS } from './kernel/steppers';

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

/** SVGD, whole: what the catalog lists (docs/algorithms.md §2). */
export const svgd: SamplerModule<typeof SVGD_PARAMS> = baselineSampler({
  name: 'svgd',
  label: 'SVGD',
  doc,
  params: SVGD_PARAMS,
  create: (init) => new SvgdSampler(init),
  stepMs: (n) => kernelStepMs(n),
  card: {
    does: 'Stein variational gradient descent moves every particle along a smoothed score: the target’s pull averaged over nearby particles, plus a kernel repulsion that keeps the particles apart. It is deterministic and needs the score of the target.',
    rule: String.raw`x_i \leftarrow x_i + \epsilon\,\phi(x_i),\qquad \phi(x_i) = \frac1N\sum_{j} \Big[k(x_j, x_i)\, \nabla \log \pi(x_j) + \nabla_{x_j} k(x_j, x_i)\Big]`,
    where: 'k(x, y) = exp(−‖x − y‖²/h) with the median-heuristic bandwidth h; the step ε is scaled per coordinate by AdaGrad with momentum.',
    weaknesses: [
      'The repulsion weakens as the dimension grows, so the cloud’s variance collapses in high dimensions.',
      'Particles stay in the modes near where they start: distant modes are missed or get the wrong share.',
      'One bandwidth for the whole cloud: too wide on multimodal targets, too narrow inside one mode.',
    ],
  },
  words: { ...STEPPER_WORDS, clip: 'Longest score allowed (longer ones are shortened)' },
});
