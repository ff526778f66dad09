import { langevinProposals } from '../etd/proposals/gaussian';
import { int, num, resolveParams, type ParamValues } from '../params/declare';
import type { SamplerInit } from '../samplers/etdSampler';
import type { Diagnostics } from '../samplers/types';
import { BaselineSampler } from './baseSampler';

/** MPPI as a sampler baseline (docs/ALGORITHMS.md section 2). */
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
  x: Float64Array, // (N, 2), updated in place
  y: Float64Array, // (N * M, 2) candidates, slot i * M + m
  logp: Float64Array, // (N * M)
  M: number,
  T: number,
): { essMean: number; nonFinite: number; stuck: number } {
  const n = x.length >> 1;
  let essSum = 0, live = 0, nonFinite = 0;
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = i * M; j < (i + 1) * M; j++) {
      const v = logp[j];
      if (!Number.isFinite(v)) nonFinite++;
      else if (v > best) best = v;
    }
    if (best === -Infinity) continue;
    let sw = 0, sw2 = 0, ax = 0, ay = 0;
    for (let j = i * M; j < (i + 1) * M; j++) {
      const v = logp[j];
      if (!Number.isFinite(v)) continue;
      const w = Math.exp((v - best) / T); // in (0, 1], exactly 1 at the best candidate
      sw += w;
      sw2 += w * w;
      ax += w * y[2 * j];
      ay += w * y[2 * j + 1];
    }
    x[2 * i] = ax / sw;
    x[2 * i + 1] = ay / sw;
    essSum += (sw * sw) / sw2;
    live++;
  }
  return { essMean: live ? essSum / live : NaN, nonFinite, stuck: n - live };
}

/** y_im = x_i + sigma xi, x_i <- sum_m w_im y_im. Uses only values of pi, never its gradient. */
export class MppiSampler extends BaselineSampler {
  readonly params: MppiParams;
  private readonly zero: Float64Array; // (N, 2) no drift
  private readonly mu: Float64Array; // (N, 2) scratch
  private readonly y: Float64Array; // (N * M, 2)
  private readonly logp: Float64Array; // (N * M)

  constructor(init: SamplerInit) {
    super('mppi', init);
    this.params = resolveParams(MPPI_PARAMS, init.params);
    const P = this.n * this.params.M;
    this.zero = new Float64Array(2 * this.n);
    this.mu = new Float64Array(2 * this.n);
    this.y = new Float64Array(2 * P);
    this.logp = new Float64Array(P);
  }

  protected advance(): Diagnostics {
    const { M, sigma, T } = this.params;
    langevinProposals(this.x, this.zero, 0, sigma, M, this.rng, this.mu, this.y);
    const logp = this.target.logDensity(this.y, this.logp);
    const r = mppiAverage(this.x, this.y, logp, M, T);
    return { weightEss: r.essMean, nonFiniteDensity: r.nonFinite, stuckParticles: r.stuck };
  }
}
