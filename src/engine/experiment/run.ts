import { measureFor, type Measure } from '../metrics/measure';
import { initialCloud } from '../samplers/initialCloud';
import { createSampler } from '../samplers/catalog';
import type { Diagnostics } from '../samplers/types';
import { resolveTarget } from '../targets/fromSpec';
import { blrData } from '../targets/blr/dataSets';
import { blrSummary } from '../targets/blr/target';
import { configJson, type PanelConfig, type RunConfig } from './runConfig';

export interface Checkpoint {
  readonly step: number;
  /** One list of d coordinates per particle (d = 2 for the 2D targets). */
  readonly positions: number[][];
  /** Diagnostics of the step that produced these positions (empty at step 0). */
  readonly diagnostics: Diagnostics;
  /** Quality against the exact target, when the run asked for metrics. */
  readonly metrics?: Record<string, number>;
}

export interface PanelResult {
  readonly sampler: string;
  readonly checkpoints: Checkpoint[];
  readonly timing: { readonly totalMs: number; readonly msPerStep: number };
}

export interface RunResult {
  /** The config as --config reads it back (configJson). */
  readonly config: Record<string, unknown>;
  /** The first panel's checkpoints and timing (the whole result of a one-panel run). */
  readonly checkpoints: Checkpoint[];
  readonly timing: { readonly totalMs: number; readonly msPerStep: number };
  /** Every panel's, when the config has several. */
  readonly panels?: PanelResult[];
  /** Set when the run was stopped early: the last step taken. */
  readonly interruptedAt?: number;
  /** What the target is made of, when it is read from data (a logistic-regression data set: split, label coding, reference). */
  readonly notes?: string[];
}

/** (n, d) row-major as n lists of d numbers. */
const rows = (x: Float64Array, d: number): number[][] => {
  const out: number[][] = [];
  for (let i = 0; i < x.length; i += d) out.push(Array.from(x.subarray(i, i + d)));
  return out;
};

/** One headless run, a step at a time: the sync and async drivers below share it. */
class ExperimentRun {
  private readonly dim: number;
  private readonly sampler;
  private readonly wanted: Set<number>;
  private readonly measure: Measure | null;
  readonly checkpoints: Checkpoint[] = [];
  private measuring = 0;
  private readonly t0: number;
  step = 0;

  constructor(
    readonly cfg: RunConfig,
    readonly panel: PanelConfig,
  ) {
    const { target, nd, dim, blr } = resolveTarget(cfg.target);
    this.dim = dim;
    const { n, seed, centerX, centerY, spread } = cfg.run;
    const initial = initialCloud(seed, { n, center: [centerX, centerY], spread, dim });
    this.sampler = createSampler(panel.sampler, { target, seed, initial, params: panel.params });
    this.wanted = new Set(cfg.checkpoints);
    this.measure = cfg.metrics ? measureFor(target, nd, blr) : null;
    this.t0 = performance.now();
    if (this.wanted.has(0)) this.record({});
  }

  private record(diagnostics: Diagnostics): void {
    const x = this.sampler.positions();
    const t = performance.now();
    const metrics = this.measure?.(x);
    this.measuring += performance.now() - t;
    this.checkpoints.push({ step: this.step, positions: rows(x, this.dim), diagnostics, ...(metrics ? { metrics } : {}) });
  }

  get done(): boolean {
    return this.step >= this.cfg.run.steps;
  }

  next(): void {
    const diagnostics = this.sampler.step();
    this.step++;
    if (this.wanted.has(this.step)) this.record(diagnostics);
  }

  /** This panel's result so far; an interrupted run also records where it stopped. */
  result(interrupted: boolean): PanelResult {
    if (interrupted && !this.checkpoints.some((c) => c.step === this.step)) this.record({});
    // Steps per second should not include the time spent measuring.
    const totalMs = performance.now() - this.t0 - this.measuring;
    return { sampler: this.panel.sampler, checkpoints: this.checkpoints, timing: { totalMs, msPerStep: this.step ? totalMs / this.step : 0 } };
  }
}

/** The panels' results as one output: the first panel's at the top, every panel's under panels. */
function combine(cfg: RunConfig, results: PanelResult[], interruptedAt?: number): RunResult {
  return {
    config: configJson(cfg),
    checkpoints: results[0].checkpoints,
    timing: results[0].timing,
    ...(results.length > 1 ? { panels: results } : {}),
    ...(interruptedAt !== undefined ? { interruptedAt } : {}),
    ...(cfg.target.kind === 'blr' ? { notes: blrSummary(blrData(cfg.target.data)) } : {}),
  };
}

/**
 * Run every panel of a validated config headlessly (one after the other), recording positions at
 * the checkpoints. The event loop gets a turn between steps (at most every yieldMs), so a caller
 * can stop it (Ctrl-C in the runner): stop() is asked after every step and ends the run early
 * with what it has, marked interruptedAt.
 */
export async function runExperimentAsync(
  cfg: RunConfig,
  opts: { onStep?: (step: number) => void; stop?: () => boolean; yieldMs?: number } = {},
): Promise<RunResult> {
  const yieldMs = opts.yieldMs ?? 50;
  let last = performance.now();
  const results: PanelResult[] = [];
  for (const panel of cfg.panels) {
    const run = new ExperimentRun(cfg, panel);
    while (!run.done) {
      run.next();
      opts.onStep?.(run.step);
      if (performance.now() - last >= yieldMs) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        last = performance.now();
      }
      if (opts.stop?.()) return combine(cfg, [...results, run.result(true)], run.step);
    }
    results.push(run.result(false));
  }
  return combine(cfg, results);
}
