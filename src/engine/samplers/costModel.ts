import { samplerInfo } from './catalog';

/**
 * Predicted milliseconds of one step of `sampler` with n particles in d dimensions (its parameter
 * overrides may change, e.g., M and maxIter): the sampler's own estimate (./stepCost.ts). The UI
 * warns before starting work predicted to take seconds per step.
 */
export function estimateStepMs(sampler: string, n: number, params: Readonly<Record<string, unknown>> = {}, d = 2): number {
  return samplerInfo(sampler).stepMs(n, params, d, false);
}

/**
 * The slowest a step of `sampler` is predicted to be: ETD with every one of its maxIter Sinkhorn
 * iterations (the first steps from a wide cloud, or settings that never reach tol); other samplers
 * as estimateStepMs. The page waits this long (with a margin) before it calls a silent worker hung.
 */
export function worstStepMs(sampler: string, n: number, params: Readonly<Record<string, unknown>> = {}, d = 2): number {
  return samplerInfo(sampler).stepMs(n, params, d, true);
}

/** The largest N (of a few round values) whose predicted step in d dimensions stays within budgetMs, or null. */
export function largestNWithin(sampler: string, budgetMs: number, params: Readonly<Record<string, unknown>> = {}, d = 2): number | null {
  const candidates = [5000, 4000, 3000, 2000, 1500, 1000, 800, 600, 500, 400, 300, 250, 200, 150, 100, 50];
  return candidates.find((n) => estimateStepMs(sampler, n, params, d) <= budgetMs) ?? null;
}
