import { pointwiseStepMs } from '../samplers/stepCost';
import { langevinProposals } from '../etd/proposals/gaussian';
import { int, num, resolveParams, type ParamValues } from '../params/declare';
import { baselineSampler, type Diagnostics, type SamplerInit, type SamplerModule } from '../samplers/types';
import { BaselineSampler } from './baseSampler';

/** MPPI as a sampler baseline (docs/algorithms.md §2). */
export const MPPI_PARAMS = {
  M: int(25, 1, 200, 'Candidates each particle draws around itself per step.'),
  sigma: num(0.316, 0, 10, 'Standard deviation of the candidates around the particle.', { minExclusive: true, log: true }),
  T: num(1, 0, 1e6, 'Temperature of the softmax weights: small T moves almost to the best candidate.', { minExclusive: true, log: true }),
} as const;

export type MppiParams = ParamValues<typeof MPPI_PARAMS>;

export const doc =
  'MPPI: each particle moves to the softmax-weighted average of random candidates around it, which climbs towards the nearest mode instead of sampling the spread.';

/**
 * Moves each particle of x, in place, to sum_m w_m y_m of its own M candidates (slots i * M + m).
 * w = softmax(log pi(y_m) / T), computed relative to the particle's best candidate; a
 * non-finite log pi counts as -Infinity (weight 0). A particle with no finite candidate stays.
 */
export function mppiAverage(
  x: Float64Array, // (N, d), updated in place
  y: Float64Array, // (N * M, d) candidates, slot i * M + m
  logp: Float64Array, // (N * M)
  M: number,
  T: number,
  d = 2,
): { essMean: number; nonFinite: number; stuck: number } {
  const n = x.length / d;
  let essSum = 0, live = 0, nonFinite = 0;
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = i * M; j < (i + 1) * M; j++) {
      const v = logp[j];
      if (!Number.isFinite(v)) nonFinite++;
      else if (v > best) best = v;
    }
    if (best === -Infinity) continue;
    const oi = i * d;
    x.fill(0, oi, oi + d); // the row accumulates sum_m w_m y_m
    let sw = 0, sw2 = 0;
    for (let j = i * M; j < (i + 1) * M; j++) {
      const v = logp[j];
      if (!Number.isFinite(v)) continue;
      const w = Math.exp((v - best) / T); // in (0, 1], exactly 1 at the best candidate
      sw += w;
      sw2 += w * w;
      for (let t = 0; t < d; t++) x[oi + t] += w * y[j * d + t];
    }
    for (let t = 0; t < d; t++) x[oi + t] /= sw;
    essSum += (sw * sw) / sw2;
    live++;
  }
  return { essMean: live ? essSum / live : NaN, nonFinite, stuck: n - live };
}

/** y_im = x_i + sigma xi, x_i <- sum_m w_im y_im. Uses only values of pi, never its gradient. */
export class MppiSampler extends BaselineSampler {
  readonly params: MppiParams;
  private readonly zero: Float64Array; // (N, d) no drift
  private readonly mu: Float64Array; // (N, d) scratch
  private readonly y: Float64Array; // (N * M, d)
  private readonly logp: Float64Array; // (N * M)

  constructor(init: SamplerInit) {
    super('mppi', init);
    this.params = resolveParams(MPPI_PARAMS, init.params);
    const P = this.n * this.params.M;
    this.zero = new Float64Array(this.d * this.n);
    this.mu = new Float64Array(this.d * this.n);
    this.y = new Float64Array(this.d * P);
    this.logp = new Float64Array(P);
  }

  protected advance(): Diagnostics {
    const { M, sigma, T } = this.params;
    langevinProposals(this.x, this.zero, 0, sigma, M, this.rng, this.mu, this.y, this.d);
    const logp = this.target.logDensity(this.y, this.logp);
    const r = mppiAverage(this.x, this.y, logp, M, T, this.d);
    return { weightEss: r.essMean, nonFiniteDensity: r.nonFinite, stuckParticles: r.stuck };
  }
}

/** MPPI, whole: what the catalog lists (docs/algorithms.md §2). */
export const mppi: SamplerModule<typeof MPPI_PARAMS> = baselineSampler({
  name: 'mppi',
  label: 'MPPI',
  doc,
  params: MPPI_PARAMS,
  create: (init) => new MppiSampler(init),
  stepMs: (n) => pointwiseStepMs(n),
  card: {
    does: 'MPPI, from sampling-based control: each particle draws random candidates around itself and moves to their average weighted by a softmax of the density. It climbs towards the nearest mode.',
    rule: String.raw`x_i \leftarrow \sum_m w_{im}\, y_{im},\qquad w_{im} = \operatorname{softmax}_m\!\Big(\frac{\log \pi(y_{im})}{T}\Big),\quad y_{im} = x_i + \sigma\xi_{im}`,
    where: 'T is the temperature, σ the candidates’ spread.',
    weaknesses: [
      'It optimises rather than samples: the cloud shrinks onto the modes instead of spreading like the target.',
      'Each particle only sees its own neighbourhood, so modes far from the start are never found.',
    ],
  },
  words: { M: 'Candidates per particle', sigma: 'Spread σ of the candidates', T: 'Softmax temperature T' },
});
