import { measureFor } from '../metrics/measure';
import { initialCloud } from '../samplers/initialCloud';
import { createSampler } from '../samplers/catalog';
import { resolveTarget, type TargetSpec } from '../targets/fromSpec';

export interface SingleRunSpec {
  readonly target: TargetSpec;
  readonly sampler: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly n: number;
  readonly steps: number;
  readonly center?: readonly [number, number];
  readonly spread?: number;
}

export interface SingleRunResult {
  readonly sampler: string;
  readonly seed: number;
  /** Metrics against the exact target after the last step. */
  readonly metrics: Record<string, number>;
  readonly msPerStep: number;
}

/** One sampler, one seed, run to the end and measured against the exact target. */
export function singleRun(spec: SingleRunSpec): SingleRunResult {
  const { target, nd, dim, blr } = resolveTarget(spec.target);
  const initial = initialCloud(spec.seed, { n: spec.n, center: spec.center ?? [0, 0], spread: spec.spread ?? 2, dim });
  const sampler = createSampler(spec.sampler, { target, seed: spec.seed, initial, params: spec.params });
  const t0 = performance.now();
  for (let k = 0; k < spec.steps; k++) sampler.step();
  const msPerStep = spec.steps ? (performance.now() - t0) / spec.steps : 0;
  const metrics = measureFor(target, nd, blr)(sampler.positions());
  return { sampler: spec.sampler, seed: spec.seed, metrics, msPerStep };
}
