import { BaselineSampler } from '../baselines/baseSampler';
import { resolveParams } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { numberOr, viStepMs } from '../samplers/stepCost';
import type { GaussianMixture } from './mixture';
import { GVI_MIXTURE_PARAMS, GVI_PARAMS } from './params';
import { pathGradient } from './pathGradient';

export interface ViSettings {
  /** Samples per component per step. */
  readonly K: number;
  readonly h: number;
  readonly s0: number;
  /** Components (1: Gaussian VI). */
  readonly C: number;
}

export const gviDoc =
  'Gaussian VI (black-box VI with the path-derivative gradient): a Gaussian q = N(μ, S Sᵀ) follows the Bures-Wasserstein gradient flow of KL(q ‖ π); the dots are draws from q.';
export const gviMixtureDoc =
  'Mixture VI: an equal-weight mixture of C Gaussians, each component moved by its own path-derivative gradient of the mixture KL(q ‖ π); the dots are draws from q.';

/**
 * Variational inference in a Gaussian (C = 1) or equal-weight Gaussian-mixture family. The state
 * is q itself; each step draws K reparameterised samples per component and takes a gradient step
 * of size h on every (mu_c, S_c) (./pathGradient). The "particles" are N draws of q with base noise
 * fixed per particle, x_i = mu_c(i) + S_c(i) xi_i (component c(i) = i mod C): they move smoothly as
 * q moves and the metrics measure q. xi_i is the standardised initial cloud, so with C = 1 and
 * s0 = 1 the particles start exactly at the shared initial cloud.
 * Weights stay equal (1/C): the Bures-Wasserstein flow moves components, not weights (learning
 * them needs a Fisher-Rao part, and a weight can die), and fixed equal weights let every particle
 * keep its component, so the dots stay a sample of q without jumps.
 */
export class GaussianViSampler extends BaselineSampler {
  readonly settings: ViSettings;
  private readonly q: GaussianMixture;
  private readonly base: Float64Array; // (N, d) fixed standard-normal base noise of each particle
  private readonly xi: Float64Array; // (C, K, d) this step's base draws

  constructor(name: string, init: SamplerInit, settings: ViSettings) {
    super(name, init);
    this.settings = settings;
    const { d, n } = this;
    const { C, K, s0 } = settings;
    const x0 = this.x;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += x0[i * d + a] / n;
    let ss = 0;
    for (let k = 0; k < x0.length; k++) ss += (x0[k] - mean[k % d]) ** 2;
    const fitted = Math.sqrt(ss / (n * d));
    const spread = fitted > 0 && Number.isFinite(fitted) ? fitted : 1; // one particle: no spread to read
    this.base = Float64Array.from(x0, (v, k) => (v - mean[k % d]) / spread);
    const mu = new Float64Array(C * d);
    const scale = new Float64Array(C * d * d);
    for (let c = 0; c < C; c++) {
      if (C === 1) mu.set(mean);
      else mu.set(x0.subarray((c % n) * d, (c % n) * d + d), c * d);
      for (let a = 0; a < d; a++) scale[c * d * d + a * d + a] = s0 * spread;
    }
    this.q = { c: C, d, mu, scale };
    this.xi = new Float64Array(C * K * d);
    this.place();
  }

  /** A copy of q: means (C, d) and scale matrices (C, d, d); the weights are 1/C. */
  mixture(): GaussianMixture {
    return { c: this.q.c, d: this.q.d, mu: this.q.mu.slice(), scale: this.q.scale.slice() };
  }

  protected advance(): Diagnostics {
    const { h } = this.settings;
    const { q } = this;
    this.rng.fillNormal(this.xi);
    const g = pathGradient(q, this.target, this.xi);
    const samples = this.xi.length / this.d;
    if (g.nonFiniteScores > 0)
      throw new Error(`non-finite gradient: the target's score is NaN or infinite at ${g.nonFiniteScores} of ${samples} samples of q; q is kept as it was`);
    if (!Number.isFinite(g.norm)) throw new Error(`non-finite gradient (norm ${g.norm}); q is kept as it was (try a smaller step h)`);
    for (let k = 0; k < q.mu.length; k++) q.mu[k] -= h * g.mu[k];
    for (let k = 0; k < q.scale.length; k++) q.scale[k] -= h * g.scale[k];
    this.place();
    return { elbo: g.elbo, gradNorm: g.norm, nonFiniteScores: 0 };
  }

  /** x_i = mu_c + S_c xi_i with c = i mod C. */
  private place(): void {
    const { d, n, x, base } = this;
    const { c: C, mu, scale } = this.q;
    for (let i = 0; i < n; i++) {
      const c = i % C;
      for (let a = 0; a < d; a++) {
        let v = mu[c * d + a];
        for (let b = 0; b < d; b++) v += scale[c * d * d + a * d + b] * base[i * d + b];
        x[i * d + a] = v;
      }
    }
  }
}

export const createGvi = (init: SamplerInit): GaussianViSampler => new GaussianViSampler('gvi', init, { ...resolveParams(GVI_PARAMS, init.params), C: 1 });

export const createGviMixture = (init: SamplerInit): GaussianViSampler =>
  new GaussianViSampler('gvi-mixture', init, resolveParams(GVI_MIXTURE_PARAMS, init.params));

const VI_WORDS = {
  K: 'Samples of q per step',
  h: 'Step size h of the gradient flow',
} as const;

/** Gaussian VI, whole: what the catalog lists (docs/algorithms.md §7). */
export const gvi: SamplerModule<typeof GVI_PARAMS> = baselineSampler({
  name: 'gvi',
  label: 'Gaussian VI',
  doc: gviDoc,
  params: GVI_PARAMS,
  create: createGvi,
  stepMs: (n, params, d) => viStepMs(n, numberOr(params, 'K', GVI_PARAMS.K.default), 1, d),
  card: {
    does: 'Gaussian variational inference moves a whole Gaussian q = N(μ, SSᵀ), not particles: each step draws K samples of q, asks the target for its score there and nudges the mean and the shape of q to lower KL(q ‖ π). This gradient step is the forward Euler step of the Bures-Wasserstein gradient flow (Yi & Liu 2023). The dots are draws of q with fixed noise, so they move with the ellipse.',
    rule: String.raw`\mu \leftarrow \mu + \frac hK \sum_{k} g_k\qquad S \leftarrow S + \frac hK \sum_{k} g_k\,\xi_k^{\top}\qquad g_k = \nabla\log\pi(z_k) + S^{-\top}\xi_k\qquad z_k = \mu + S\,\xi_k`,
    where: 'ξ_k ~ N(0, I) are the K base draws of a step; S^{-⊤}ξ_k = −∇ log q(z_k) with q held fixed (the path-derivative gradient), so only the score of π is needed. In expectation the step is μ′ = E[∇ log π], S′ = (E[∇² log π] + Σ⁻¹) S. The ellipses are 1 and 2 standard deviations of q.',
    weaknesses: [
      'It minimises KL(q ‖ π), which is mode-seeking: on a multimodal target the Gaussian settles on one mode (or straddles a few) and reports far too little spread.',
      'A single Gaussian cannot fit curved, heavy-tailed or multimodal shapes (banana, donut, mixtures) however long it runs.',
      'The step h must stay below about 1 / (largest curvature of −log π): the default 0.01 is safe up to curvature ~100, but it makes broad targets converge slowly (hundreds of steps); too large an h makes q blow up and the panel stops.',
    ],
  },
  words: { ...VI_WORDS, s0: 'Initial width of q (times the initial cloud’s spread)' },
});

/** Mixture VI, whole: what the catalog lists (docs/algorithms.md §7). */
export const gviMixture: SamplerModule<typeof GVI_MIXTURE_PARAMS> = baselineSampler({
  name: 'gvi-mixture',
  label: 'GMM VI',
  doc: gviMixtureDoc,
  params: GVI_MIXTURE_PARAMS,
  create: createGviMixture,
  stepMs: (n, params, d) => viStepMs(n, numberOr(params, 'K', GVI_MIXTURE_PARAMS.K.default), numberOr(params, 'C', GVI_MIXTURE_PARAMS.C.default), d),
  card: {
    does: 'Mixture VI fits an equal-weight mixture of C Gaussians: every component draws its own K samples and moves by its own path-derivative gradient of the mixture’s KL(q ‖ π), where log q is the whole mixture, so components that overlap push each other apart. Each dot belongs to one component for the whole run.',
    rule: String.raw`\mu_c \leftarrow \mu_c + \frac hK \sum_{k} g_{ck}\qquad S_c \leftarrow S_c + \frac hK \sum_{k} g_{ck}\,\xi_{ck}^{\top}\qquad g_{ck} = \nabla\log\pi(z_{ck}) - \nabla\log q(z_{ck})\qquad z_{ck} = \mu_c + S_c\,\xi_{ck}`,
    where: 'q = (1/C) Σ_j N(μ_j, S_j S_jᵀ), held fixed inside ∇ log q; each component’s gradient is taken per unit weight, so it moves like a single Gaussian. The weights stay 1/C: the Wasserstein flow moves components, not weights.',
    weaknesses: [
      'Still mode-seeking: components start near the initial cloud, and a mode that none of them reaches is never found.',
      'Equal weights: when modes carry unequal mass the mixture can only match it by stacking components in one mode.',
      'Cost grows with C² (every sample evaluates every component).',
    ],
  },
  words: { ...VI_WORDS, C: 'Gaussian components (equal weights)', s0: 'Initial width of each component (times the initial cloud’s spread)' },
});
