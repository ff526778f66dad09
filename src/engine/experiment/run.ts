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
  /** Set when the run was stopped early: the last step taken. */
  readonly interruptedAt?: number;
}

const pairs = (x: Float64Array): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i], x[i + 1]]);
  return out;
};

/** One headless run, a step at a time: the sync and async drivers below share it. */
class ExperimentRun {
  private readonly target;
  private readonly sampler;
  private readonly wanted: Set<number>;
  private readonly reference;
  readonly checkpoints: Checkpoint[] = [];
  private measuring = 0;
  private readonly t0: number;
  step = 0;

  constructor(readonly cfg: RunConfig) {
    this.target = targetFromSpec(cfg.target);
    const { n, seed, centerX, centerY, spread } = cfg.run;
    const initial = initialCloud(seed, { n, center: [centerX, centerY], spread });
    this.sampler = createSampler(cfg.sampler, { target: this.target, seed, initial, params: cfg.params });
    this.wanted = new Set(cfg.checkpoints);
    this.reference = cfg.metrics ? exactReference(this.target) : null;
    this.t0 = performance.now();
    if (this.wanted.has(0)) this.record({});
  }

  private record(diagnostics: Diagnostics): void {
    const x = this.sampler.positions();
    const t = performance.now();
    const metrics = this.reference ? computeMetrics(this.target, x, this.reference) : undefined;
    this.measuring += performance.now() - t;
    this.checkpoints.push({ step: this.step, positions: pairs(x), diagnostics, ...(metrics ? { metrics } : {}) });
  }

  get done(): boolean {
    return this.step >= this.cfg.run.steps;
  }

  next(): void {
    const diagnostics = this.sampler.step();
    this.step++;
    if (this.wanted.has(this.step)) this.record(diagnostics);
  }

  /** The result so far; an interrupted run also records where it stopped. */
  result(interrupted: boolean): RunResult {
    if (interrupted && !this.checkpoints.some((c) => c.step === this.step)) this.record({});
    // Steps per second should not include the time spent measuring.
    const totalMs = performance.now() - this.t0 - this.measuring;
    return {
      config: this.cfg,
      checkpoints: this.checkpoints,
      timing: { totalMs, msPerStep: this.step ? totalMs / this.step : 0 },
      ...(interrupted ? { interruptedAt: this.step } : {}),
    };
  }
}

/** Run one sampler headlessly from a validated config, recording positions at the checkpoints. */
export function runExperiment(cfg: RunConfig, onStep?: (step: number) => void): RunResult {
  const run = new ExperimentRun(cfg);
  while (!run.done) {
    run.next();
    onStep?.(run.step);
  }
  return run.result(false);
}

/**
 * The same run, giving the event loop a turn between steps (at most every yieldMs), so a caller
 * can stop it (Ctrl-C in the runner): stop() is asked after every step and ends the run early
 * with what it has, marked interruptedAt.
 */
export async function runExperimentAsync(
  cfg: RunConfig,
  opts: { onStep?: (step: number) => void; stop?: () => boolean; yieldMs?: number } = {},
): Promise<RunResult> {
  const run = new ExperimentRun(cfg);
  const yieldMs = opts.yieldMs ?? 50;
  let last = performance.now();
  while (!run.done) {
    run.next();
    opts.onStep?.(run.step);
    if (performance.now() - last >= yieldMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
    if (opts.stop?.()) return run.result(true);
  }
  return run.result(false);
}
