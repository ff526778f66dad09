import { KERNEL_BUDGET, WIDE_KERNEL_BUDGET } from '../etd/coupling/sinkhorn';
import { simdAvailable } from '../wasm/simd';

/**
 * What one step of each kind of sampler costs, from measurements on a 2-core AMD EPYC
 * (`npm run bench`, stage profile). A budget, not a promise: other machines are faster or slower
 * by a small factor. Each sampler module picks its estimator (./types.ts, SamplerModule.stepMs).
 */

/**
 * Nanoseconds per particle-proposal pair of one ETD step (stage profile, N = 250-2000): the
 * passes every step makes (mixture density, kernel build or final row pass, update) and each
 * Sinkhorn iteration, held kernel or on the fly, SIMD or typed arrays.
 */
const NS_PER_PAIR = {
  simd: { held: { fixed: 5.1, iteration: 0.7 }, onTheFly: { fixed: 10.1, iteration: 7.3 } },
  typed: { held: { fixed: 30, iteration: 3.5 }, onTheFly: { fixed: 40, iteration: 22 } },
} as const;

/**
 * With d > 2 (typed arrays, float64 held kernel or log-domain passes), every pass over the pairs
 * costs about d multiply-adds more per pair: measured per pair outside the iterations at N = 200,
 * M = 25 (stage profile, loaded 2-core machine), 35 ns at d = 3, 47-60 at d = 10, 135 at d = 50.
 * On the fly, each iteration recomputes the distances twice (row and column pass).
 */
const wideNsPerPair = (d: number) => ({
  held: { fixed: 25 + 2.5 * d, iteration: 3.5 },
  onTheFly: { fixed: 40 + 2.5 * d, iteration: 22 + 5 * d },
});

/** Sinkhorn iterations a step takes with the defaults (measured mean 7.3; early steps take more). */
const TYPICAL_ITERATIONS = 8;

/** Nanoseconds per multiply-add of a Gaussian VI step (measured at d = 50, K = 64-256, C = 1-4: 9-12 ms a step). */
const VI_NS_PER_TERM = 3;

/** Nanoseconds per particle pair (N^2 terms) of the kernel baselines (SVGD and its variants). */
const NS_PER_PARTICLE_PAIR = 15;

/** The ETD parameters a step's cost depends on. */
export interface EtdCostParams {
  readonly M: number;
  readonly maxIter: number;
  readonly coupling: string;
}

/** An ETD step: n x nM pairs, each pass and each Sinkhorn iteration (every one up to maxIter when `worst`). */
export function etdStepMs(n: number, p: EtdCostParams, d: number, worst: boolean): number {
  const pairs = n * n * p.M;
  const costs =
    d > 2
      ? wideNsPerPair(d)[pairs <= WIDE_KERNEL_BUDGET ? 'held' : 'onTheFly']
      : NS_PER_PAIR[simdAvailable() ? 'simd' : 'typed'][pairs <= KERNEL_BUDGET ? 'held' : 'onTheFly'];
  const iterations = p.coupling === 'semi-relaxed' ? 0 : worst ? p.maxIter : Math.min(p.maxIter, TYPICAL_ITERATIONS);
  return (pairs * (costs.fixed + iterations * costs.iteration)) / 1e6;
}

/** SVGD and its variants: the n x n kernel. */
export const kernelStepMs = (n: number): number => (n * n * NS_PER_PARTICLE_PAIR) / 1e6;

/** Langevin moves, MCMC moves and MPPI: linear in n, well under a millisecond per hundred particles. */
export const pointwiseStepMs = (n: number): number => n / 1e4;

/**
 * A Gaussian (C = 1) or mixture VI step: every one of K samples per component evaluates every
 * component's log density (K C^2 d^2), plus z = mu + S xi, the particles' draws and one inverse
 * per component; ~3 ns a multiply-add (2-core EPYC, d = 50).
 */
export const viStepMs = (n: number, K: number, C: number, d: number): number => (VI_NS_PER_TERM * (K * C * (C + 2) * d * d + n * d * d + C * d * d * d)) / 1e6;

/** A number override, else the sampler's own value. */
export const numberOr = (params: Readonly<Record<string, unknown>>, name: string, fallback: unknown): number =>
  typeof params[name] === 'number' ? (params[name] as number) : (fallback as number);
