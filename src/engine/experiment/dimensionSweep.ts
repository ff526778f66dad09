/**
 * The dimension sweep (the paper's variance-collapse diagnostic): every chosen sampler run for
 * K steps on one d-dimensional target family at several dimensions d, each from the experiment's
 * initial cloud in d, measured at the end against exact draws. A generator, so the caller (the
 * sweep worker, a test) decides when to report progress and can stop between any two steps.
 */
import { computeMetricsNd, ndReference } from '../metrics/nd/compute';
import { int } from '../params/declare';
import { initialCloud } from '../samplers/initialCloud';
import { createSampler } from '../samplers/registry';
import { createNdTarget, ND_DIM_MAX, ND_DIM_MIN, ndAsTarget } from '../targets/nd/index';
import type { ExperimentPanel } from './experiment';

/** The dimensions a sweep can visit (a sweep picks a subset). */
export const SWEEP_DIMS: readonly number[] = [2, 5, 10, 20, 50, 100];

/** The sweep's own settings, declared once (the UI's fields read them). */
export const SWEEP_PARAMS = {
  n: int(100, 2, 2000, 'Particles of every sweep run.', { label: 'Particles N' }),
  steps: int(200, 1, 10_000, 'Steps K every sampler takes at every dimension.', { label: 'Steps K' }),
} as const;

export interface SweepRequest {
  /** A d-dimensional family (iso-gaussian, aniso-gaussian, gmm-d). */
  readonly target: string;
  /** Dimensions, each in [ND_DIM_MIN, ND_DIM_MAX]; run in the order given. */
  readonly dims: readonly number[];
  /** The samplers with their parameter overrides (the experiment's panels). */
  readonly samplers: readonly ExperimentPanel[];
  readonly n: number;
  readonly steps: number;
  readonly seed: number;
  /** The initial cloud: centre of the first two coordinates (the others at 0) and spread. */
  readonly center: readonly [number, number];
  readonly spread: number;
}

/** One sampler's result at one dimension. */
export interface SweepPoint {
  /** Index into the request's samplers. */
  readonly sampler: number;
  readonly dim: number;
  /** computeMetricsNd after the last step; null when the run failed. */
  readonly metrics: Record<string, number> | null;
  /** Why the run failed (the sampler threw or its particles broke), or null. */
  readonly error: string | null;
}

export type SweepEvent =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'point'; readonly point: SweepPoint };

/** The request's problems, one sentence, or null (dims in range and distinct, at least one sampler). */
export function sweepProblem(req: SweepRequest): string | null {
  if (req.dims.length === 0) return 'choose at least one dimension';
  const bad = req.dims.find((d) => !Number.isInteger(d) || d < ND_DIM_MIN || d > ND_DIM_MAX);
  if (bad !== undefined) return `invalid dimension: ${bad} (must be an integer in [${ND_DIM_MIN}, ${ND_DIM_MAX}])`;
  if (new Set(req.dims).size !== req.dims.length) return 'each dimension once';
  if (req.samplers.length === 0) return 'choose at least one sampler';
  const n = SWEEP_PARAMS.n;
  if (!Number.isInteger(req.n) || req.n < n.min || req.n > n.max) return `invalid N: ${req.n} (must be an integer in [${n.min}, ${n.max}])`;
  const k = SWEEP_PARAMS.steps;
  if (!Number.isInteger(req.steps) || req.steps < k.min || req.steps > k.max) return `invalid K: ${req.steps} (must be an integer in [${k.min}, ${k.max}])`;
  return null;
}

/** Steps the whole sweep takes (the progress total). */
export const sweepTotal = (req: SweepRequest): number => req.dims.length * req.samplers.length * req.steps;

/** Yields progress after every step and a point after every run; throws up front on a bad request. */
export function* dimensionSweep(req: SweepRequest): Generator<SweepEvent, void, void> {
  const problem = sweepProblem(req);
  if (problem) throw new Error(`dimension sweep: ${problem}`);
  const total = sweepTotal(req);
  let done = 0;
  for (const dim of req.dims) {
    const nd = createNdTarget(req.target, dim);
    const target = ndAsTarget(nd);
    const reference = ndReference(nd);
    const initial = initialCloud(req.seed, { n: req.n, center: req.center, spread: req.spread, dim });
    for (let k = 0; k < req.samplers.length; k++) {
      const { sampler: name, params } = req.samplers[k];
      let taken = 0;
      let point: SweepPoint;
      try {
        const sampler = createSampler(name, { target, seed: req.seed, initial, params });
        for (; taken < req.steps; taken++) {
          sampler.step();
          yield { kind: 'progress', done: done + taken + 1, total };
        }
        const metrics = computeMetricsNd(nd, sampler.positions(), reference);
        point = { sampler: k, dim, metrics, error: metrics.finiteFraction < 1 ? `${Math.round((1 - metrics.finiteFraction) * 100)}% of the particles became NaN or infinite` : null };
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        point = { sampler: k, dim, metrics: null, error: taken === 0 ? why : `step ${taken + 1}: ${why}` };
      }
      done += req.steps;
      yield { kind: 'point', point };
    }
  }
}
