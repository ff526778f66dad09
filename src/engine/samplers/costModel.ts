import { KERNEL_BUDGET, WIDE_KERNEL_BUDGET } from '../etd/coupling/sinkhorn';
import { simdAvailable } from '../wasm/simd';
import { samplerInfo } from './catalog';

/**
 * Nanoseconds per particle-proposal pair of one ETD step on a 2-core AMD EPYC (`npm run bench`,
 * stage profile, N = 250-2000): the passes every step makes (mixture density, kernel build or
 * final row pass, update) and each Sinkhorn iteration, held kernel or on the fly, SIMD or typed
 * arrays. A budget, not a promise: other machines are faster or slower by a small factor.
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

/**
 * Predicted milliseconds of one step of `sampler` with n particles in d dimensions (its parameter
 * overrides may change M and maxIter). The UI warns before starting work predicted to take
 * seconds per step. d (default 2) only changes the ETD estimate so far.
 */
export function estimateStepMs(sampler: string, n: number, params: Readonly<Record<string, unknown>> = {}, d = 2): number {
  return stepMs(sampler, n, params, false, d);
}

/**
 * The slowest a step of `sampler` is predicted to be: ETD with every one of its maxIter Sinkhorn
 * iterations (the first steps from a wide cloud, or settings that never reach tol); other samplers
 * as estimateStepMs. The page waits this long (with a margin) before it calls a silent worker hung.
 */
export function worstStepMs(sampler: string, n: number, params: Readonly<Record<string, unknown>> = {}, d = 2): number {
  return stepMs(sampler, n, params, true, d);
}

function stepMs(sampler: string, n: number, params: Readonly<Record<string, unknown>>, worst: boolean, d: number): number {
  const info = samplerInfo(sampler);
  if (info.family === 'etd') {
    const M = typeof params.M === 'number' ? params.M : (info.defaults.M as number);
    const maxIter = typeof params.maxIter === 'number' ? params.maxIter : (info.defaults.maxIter as number);
    const coupling = (params.coupling ?? info.defaults.coupling) as string;
    const pairs = n * n * M;
    const costs =
      d > 2
        ? wideNsPerPair(d)[pairs <= WIDE_KERNEL_BUDGET ? 'held' : 'onTheFly']
        : NS_PER_PAIR[simdAvailable() ? 'simd' : 'typed'][pairs <= KERNEL_BUDGET ? 'held' : 'onTheFly'];
    const iterations = coupling === 'semi-relaxed' ? 0 : worst ? maxIter : Math.min(maxIter, TYPICAL_ITERATIONS);
    return (pairs * (costs.fixed + iterations * costs.iteration)) / 1e6;
  }
  if (sampler === 'svgd' || sampler === 'gf-svgd' || sampler === 'agf-svgd') return (n * n * NS_PER_PARTICLE_PAIR) / 1e6;
  if (sampler === 'gvi' || sampler === 'gvi-mixture') {
    // Every sample evaluates every component's log density (K C^2 d^2), plus z = mu + S xi, the
    // particles' draws and one inverse per component; ~3 ns a multiply-add (2-core EPYC, d = 50).
    const K = typeof params.K === 'number' ? params.K : (info.defaults.K as number);
    const C = typeof params.C === 'number' ? params.C : ((info.defaults.C as number | undefined) ?? 1);
    return (VI_NS_PER_TERM * (K * C * (C + 2) * d * d + n * d * d + C * d * d * d)) / 1e6;
  }
  return n / 1e4; // Langevin moves and MPPI: linear in N, well under a millisecond per hundred particles
}

/** The largest N (of a few round values) whose predicted step in d dimensions stays within budgetMs, or null. */
export function largestNWithin(sampler: string, budgetMs: number, params: Readonly<Record<string, unknown>> = {}, d = 2): number | null {
  const candidates = [5000, 4000, 3000, 2000, 1500, 1000, 800, 600, 500, 400, 300, 250, 200, 150, 100, 50];
  return candidates.find((n) => estimateStepMs(sampler, n, params, d) <= budgetMs) ?? null;
}
