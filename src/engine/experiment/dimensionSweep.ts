/**
 * The dimension sweep (the paper's variance-collapse diagnostic): every chosen sampler run for
 * K steps on one d-dimensional target family at several dimensions d and several seeds, each
 * from that seed's initial cloud in d, measured against exact draws. One run's value of a metric
 * is its mean over the last fifth of the steps (at most MAX_EVALUATIONS evenly spaced steps in
 * (0.8 K, K], K included): a single final step of a stochastic sampler jumps around (ETD-B at
 * d = 50 read 0.41 / 0.10 / 0.53 / 0.48 at steps 100 / 200 / 250 / 300). The chart then shows the
 * mean over seeds with the seeds' range as a band. A generator, so the caller (the sweep worker, a
 * test) decides when to report progress and can stop between any two steps.
 */
import { computeMetricsNd, ndReference } from '../metrics/nd/compute';
import { int } from '../params/declare';
import { initialCloud } from '../samplers/initialCloud';
import { createSampler } from '../samplers/catalog';
import { createNdTarget, ND_DIM_MAX, ND_DIM_MIN, ndAsTarget } from '../targets/nd/index';
import type { ExperimentPanel } from './experiment';

/** The dimensions a sweep can visit (a sweep picks a subset). */
export const SWEEP_DIMS: readonly number[] = [2, 5, 10, 20, 50, 100];

/** The sweep's own settings, declared once (the UI's fields read them). */
export const SWEEP_PARAMS = {
  n: int(100, 2, 2000, 'Particles of every sweep run.', { label: 'Particles N' }),
  steps: int(200, 1, 10_000, 'Steps K every sampler takes at every dimension.', { label: 'Steps K' }),
  seeds: int(3, 1, 10, 'Seeds per sampler and dimension (the experiment\'s seed and the next ones); the chart shows their mean and range.', { label: 'Seeds' }),
} as const;

/** Most evaluations of the metrics in a run's last fifth. */
export const MAX_EVALUATIONS = 10;

/**
 * The steps at which a K-step run is measured: evenly spaced in its last fifth (0.8 K, K], K
 * included, at most MAX_EVALUATIONS of them (every step of the window when it is shorter).
 */
export function evaluationSteps(K: number): number[] {
  const first = Math.floor(0.8 * K) + 1; // the window (0.8 K, K]
  const span = K - first + 1;
  const m = Math.min(MAX_EVALUATIONS, span);
  return Array.from({ length: m }, (_, j) => K - Math.round(((m - 1 - j) * (span - 1)) / Math.max(1, m - 1)));
}

/** The seeds of a sweep: seed, seed + 1, ..., seed + seeds - 1. */
export const sweepSeeds = (req: Pick<SweepRequest, 'seed' | 'seeds'>): number[] => Array.from({ length: req.seeds }, (_, k) => req.seed + k);

export interface SweepRequest {
  /** A d-dimensional family (iso-gaussian, aniso-gaussian, gmm-d). */
  readonly target: string;
  /** Dimensions, each in [ND_DIM_MIN, ND_DIM_MAX]; run in the order given. */
  readonly dims: readonly number[];
  /** The samplers with their parameter overrides (the experiment's panels). */
  readonly samplers: readonly ExperimentPanel[];
  readonly n: number;
  readonly steps: number;
  /** The first seed; `seeds` seeds from it are run. */
  readonly seed: number;
  readonly seeds: number;
  /** The initial cloud: centre of the first two coordinates (the others at 0) and spread. */
  readonly center: readonly [number, number];
  readonly spread: number;
}

/** One sampler's result at one dimension and one seed. */
export interface SweepPoint {
  /** Index into the request's samplers. */
  readonly sampler: number;
  readonly dim: number;
  readonly seed: number;
  /** computeMetricsNd averaged over the evaluation steps of the last fifth; null when the run failed. */
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
  const sd = SWEEP_PARAMS.seeds;
  if (!Number.isInteger(req.seeds) || req.seeds < sd.min || req.seeds > sd.max) return `invalid seeds: ${req.seeds} (must be an integer in [${sd.min}, ${sd.max}])`;
  return null;
}

/** Steps the whole sweep takes (the progress total). */
export const sweepTotal = (req: SweepRequest): number => req.dims.length * req.samplers.length * req.seeds * req.steps;

/** The mean of each metric over a run's evaluations (NaN-aware: a metric NaN at every evaluation stays NaN). */
function meanRecord(records: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(records[0] ?? {})) {
    const v = records.map((r) => r[name]).filter(Number.isFinite);
    out[name] = v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  }
  return out;
}

/** Yields progress after every step and a point after every run; throws up front on a bad request. */
export function* dimensionSweep(req: SweepRequest): Generator<SweepEvent, void, void> {
  const problem = sweepProblem(req);
  if (problem) throw new Error(`dimension sweep: ${problem}`);
  const total = sweepTotal(req);
  let done = 0;
  const at = new Set(evaluationSteps(req.steps));
  for (const dim of req.dims) {
    const nd = createNdTarget(req.target, dim);
    const target = ndAsTarget(nd);
    const reference = ndReference(nd);
    for (const seed of sweepSeeds(req)) {
      const initial = initialCloud(seed, { n: req.n, center: req.center, spread: req.spread, dim });
      for (let k = 0; k < req.samplers.length; k++) {
        const { sampler: name, params } = req.samplers[k];
        let taken = 0;
        let point: SweepPoint;
        try {
          const sampler = createSampler(name, { target, seed, initial, params });
          const records: Record<string, number>[] = [];
          for (; taken < req.steps; taken++) {
            sampler.step();
            if (at.has(taken + 1)) records.push(computeMetricsNd(nd, sampler.positions(), reference));
            yield { kind: 'progress', done: done + taken + 1, total };
          }
          const metrics = meanRecord(records);
          const last = records[records.length - 1];
          point = { sampler: k, dim, seed, metrics, error: last.finiteFraction < 1 ? `${Math.round((1 - last.finiteFraction) * 100)}% of the particles became NaN or infinite` : null };
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          point = { sampler: k, dim, seed, metrics: null, error: taken === 0 ? why : `step ${taken + 1}: ${why}` };
        }
        done += req.steps;
        yield { kind: 'point', point };
      }
    }
  }
}
