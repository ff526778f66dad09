import { computeMetrics, exactReference } from '../metrics';
import { initialCloud } from '../samplers/initialCloud';
import { createSampler } from '../samplers/registry';
import type { Diagnostics } from '../samplers/types';
import { targetFromSpec } from '../targets/fromSpec';
import type { RunConfig } from './runConfig';

export interface Checkpoint {
  readonly step: number;
  readonly positions: [number, number][];
  /** Diagnostics of the step that produced these positions (empty at step 0). */
  readonly diagnostics: Diagnostics;
  /** Quality against the exact target, when the run asked for metrics. */
  readonly metrics?: Record<string, number>;
}

export interface RunResult {
  readonly config: RunConfig;
  readonly checkpoints: Checkpoint[];
  readonly timing: { readonly totalMs: number; readonly msPerStep: number };
}

const pairs = (x: Float64Array): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i], x[i + 1]]);
  return out;
};

/** Run one sampler headlessly from a validated config, recording positions at the checkpoints. */
export function runExperiment(cfg: RunConfig, onStep?: (step: number) => void): RunResult {
  const target = targetFromSpec(cfg.target);
  const { n, seed, centerX, centerY, spread, steps } = cfg.run;
  const initial = initialCloud(seed, { n, center: [centerX, centerY], spread });
  const sampler = createSampler(cfg.sampler, { target, seed, initial, params: cfg.params });
  const wanted = new Set(cfg.checkpoints);
  const checkpoints: Checkpoint[] = [];
  const reference = cfg.metrics ? exactReference(target) : null;
  let measuring = 0;
  const record = (step: number, diagnostics: Diagnostics) => {
    const x = sampler.positions();
    const t = performance.now();
    const metrics = reference ? computeMetrics(target, x, reference) : undefined;
    measuring += performance.now() - t;
    checkpoints.push({ step, positions: pairs(x), diagnostics, ...(metrics ? { metrics } : {}) });
  };
  const t0 = performance.now();
  if (wanted.has(0)) record(0, {});
  for (let k = 1; k <= steps; k++) {
    const diagnostics = sampler.step();
    if (wanted.has(k)) record(k, diagnostics);
    onStep?.(k);
  }
  // Steps per second should not include the time spent measuring.
  const totalMs = performance.now() - t0 - measuring;
  return { config: cfg, checkpoints, timing: { totalMs, msPerStep: steps ? totalMs / steps : 0 } };
}
