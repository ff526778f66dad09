import { specError } from '../plainError';
import { firstNonFinite } from '../../src/engine/targets/nonFinite';
import type { Measure } from '../../src/engine/metrics/measure';
import { samplerInfo, type SamplerInfo } from '../../src/engine/samplers/catalog';
import { EtdSampler } from '../../src/engine/samplers/etdSampler';
import type { SamplerInit } from '../../src/engine/samplers/types';
import type { Diagnostics, Sampler } from '../../src/engine/samplers/types';
import type { Target } from '../../src/engine/targets/types';
import { RecordedStep } from '../../src/engine/etd/stages/recordedStep';
import type { CouplingLines, CouplingRow, FrameOptions, PanelFrame, PanelInfo, PanelSpec, PlanImage, StageRecord, ViParameters } from '../samplerApi';
import { MetricRecorder } from './metricHistory';
import { ElboWindow } from './elboWindow';
import type { ResumePoint } from './sessionParams';
import { couplingLines, couplingRow, planImage } from './couplingViews';
import { gaussianOverlay, isVariational, viParameters } from './gaussianOverlay';
import type { Accelerator } from './accelerator';
import { stageRecord } from './stageRecord';
import { TrailBuffer } from './trails';
import type { Projection } from './projection';

export type SamplerFactory = (name: string, init: SamplerInit) => Sampler;

/** What every panel of a session shares. */
export interface PanelContext {
  /** What the samplers step on (a d-dimensional target's view: logDensity and score in d). */
  readonly target: Target;
  /** The dimension d and the two coordinates frames show (shared, changed by Session.setAxes). */
  readonly projection: Projection;
  /** (n, d) the shared initial cloud. */
  readonly initial: Float64Array;
  readonly seed: number;
  readonly trailLength: number;
  readonly metricsEvery: number;
  /** Metrics against the exact target (null when metricsEvery is 0). */
  readonly measure: Measure | null;
  /** Centre the plan image orders particles and proposals around. */
  readonly centre: readonly [number, number];
  readonly createSampler: SamplerFactory;
  /** Shared by the panels: where ETD's Sinkhorn runs (GPU or CPU), swapped on device loss. */
  readonly accel: Accelerator;
}

/** Coordinates beyond this are treated as blown up: they would be infinite in a float32 frame. */
const FLOAT32_SAFE = 1e37;

/** Particles with a coordinate that is NaN, infinite or too large to show; 0 for a healthy cloud. x: (n, d). */
export function brokenParticles(x: Float64Array, d = 2): number {
  let bad = 0;
  for (let k = 0; k < x.length; k += d) {
    let ok = true;
    for (let c = 0; c < d && ok; c++) ok = Math.abs(x[k + c]) < FLOAT32_SAFE;
    if (!ok) bad++;
  }
  return bad;
}

/**
 * The seed of a sampler resumed at `iteration`: a different random stream from the run's start
 * (same seed and iteration, same stream), so a resumed panel does not replay the noise of step 1.
 */
export const resumedSeed = (seed: number, iteration: number): number => (seed ^ Math.imul(iteration + 1, 0x9e3779b1)) | 0;

/**
 * One sampler of a session and everything shown about it: trails, the last diagnostics, metrics
 * and their history, the plan image of ETD samplers. A step that throws or leaves non-finite
 * particles marks the panel failed with the reason; it then keeps its last good state.
 * A resumed panel (a frame of a worker that was replaced) starts its sampler at those positions
 * and counts iterations on from there.
 */
export class Panel {
  readonly info: PanelInfo;
  private readonly sampler: Sampler;
  private readonly trails: TrailBuffer;
  /** d > 2 only: (n, d) the last good positions in every coordinate (trails hold their projection). */
  private lastGood: Float32Array | null = null;
  private readonly history: MetricRecorder;
  /** The ELBO (ELBO_WINDOW-step mean, see elboWindow.ts) and gradient norm of every step, for variational panels. */
  private readonly elbo = new MetricRecorder(1);
  private readonly elboWindow = new ElboWindow();
  private goodIteration: number;
  /** Iterations before the sampler's first (non-zero for a resumed panel). */
  private readonly base: number;
  private diagnostics: Diagnostics = {};
  private metrics: { iteration: number; values: Record<string, number> } | null = null;
  private failure: string | null = null;
  private planCache: PlanImage | null = null;
  /** The last GPU step (a recorded step waits for it: the loop may have stopped mid-step). */
  private gpuStep: Promise<boolean> | null = null;

  /** Builds the sampler (validating the parameters); throws a SPEC_ERROR on a bad spec. */
  constructor(
    private readonly ctx: PanelContext,
    readonly spec: PanelSpec,
    resume: ResumePoint | null = null,
  ) {
    this.base = this.goodIteration = resume?.iteration ?? 0;
    const initial = resume?.positions ?? ctx.initial; // (n, d)
    try {
      const info: SamplerInfo = samplerInfo(spec.sampler);
      this.info = { sampler: spec.sampler, label: info.label, family: info.family };
      const seed = resume ? resumedSeed(ctx.seed, resume.iteration) : ctx.seed;
      this.sampler = ctx.createSampler(spec.sampler, { target: ctx.target, seed, initial, params: spec.params });
    } catch (e) {
      throw specError(e);
    }
    this.trails = new TrailBuffer(ctx.trailLength, initial.length / ctx.projection.dim);
    this.history = new MetricRecorder(ctx.metricsEvery);
    if (resume?.history && ctx.measure) this.history.restore(resume.history, resume.iteration - 1);
    this.keep(initial);
    this.measure();
  }

  get ok(): boolean {
    return this.failure === null;
  }

  get iteration(): number {
    return this.goodIteration;
  }

  get error(): string | null {
    return this.failure;
  }

  /**
   * One step; false (and the panel failed) when the step threw or broke particles. ETD panels
   * step asynchronously when the fused GPU kernels are in use; a GPU failure drops the
   * accelerator to the CPU path and the step is taken there instead of failing the panel.
   */
  step(): boolean | Promise<boolean> {
    if (this.failure !== null) return false;
    const at = this.goodIteration + 1;
    const gpu = this.ctx.accel.gpu;
    if (gpu && this.sampler instanceof EtdSampler) {
      const etd = this.sampler;
      // On a hardware adapter the size's calibration may send the step to the CPU path.
      const done = (this.ctx.accel.gpuFor?.(etd.n, etd.n * etd.params.M) ?? Promise.resolve(gpu)).then((g) =>
        !g
          ? this.stepOnCpu(at)
          : etd.stepAsync(g).then(
              (d) => this.accept(at, d),
              (e) => {
                this.ctx.accel.lose(`WebGPU kernel failed (${e instanceof Error ? e.message : String(e)})`);
                return this.stepOnCpu(at);
              },
            ),
      );
      this.gpuStep = done;
      return done;
    }
    return this.stepOnCpu(at);
  }

  /**
   * The next step of an ETD panel with every stage recorded: the panel advances as a plain step
   * would move it. On the CPU path always (the GPU kernels keep no per-iteration state).
   */
  async stages(particle: number): Promise<StageRecord> {
    await this.gpuStep;
    const etd = this.sampler;
    if (!(etd instanceof EtdSampler)) throw new Error(`${this.info.label} is not an ETD sampler (stages show one ETD iteration)`);
    if (this.ctx.projection.dim > 2) throw new Error(`stages are shown for 2D targets only (this one has d = ${this.ctx.projection.dim})`);
    if (this.failure !== null) throw new Error(`the panel has stopped: ${this.failure}`);
    if (!Number.isInteger(particle) || particle < 0 || particle >= etd.n)
      throw new Error(`invalid particle: ${particle} (must be an integer >= 0 and < ${etd.n})`);
    const rec = new RecordedStep();
    if (!this.stepOnCpu(this.goodIteration + 1, rec)) throw new Error(this.failure ?? 'the step failed');
    const cpuNote = etd.couplesOn(this.ctx.accel.gpu)
      ? 'This panel solves Sinkhorn on WebGPU; this step ran on the CPU path (same algorithm in float64) so that every iteration could be recorded.'
      : null;
    return stageRecord(rec, { label: this.info.label, params: etd.params, particle, iteration: this.goodIteration, centre: this.ctx.centre, cpuNote });
  }

  private stepOnCpu(at: number, rec?: RecordedStep): boolean {
    try {
      return this.accept(at, rec && this.sampler instanceof EtdSampler ? this.sampler.step(undefined, rec) : this.sampler.step());
    } catch (e) {
      return this.fail(`step ${at}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private accept(at: number, d: Diagnostics): boolean {
    const x = this.sampler.positions();
    const dim = this.ctx.projection.dim;
    const bad = brokenParticles(x, dim);
    if (bad > 0) return this.fail(`step ${at}: ${bad} of ${x.length / dim} particles became NaN or infinite${this.cause(d)}`);
    // Variational panels: one ELBO everywhere (status line, chart, CSV), the mean of the last steps' estimates.
    this.diagnostics = d.elbo !== undefined ? this.elboWindow.smooth(d) : d;
    this.goodIteration = this.base + this.sampler.iteration;
    if (d.elbo !== undefined) this.elbo.push(this.goodIteration, { elbo: this.diagnostics.elbo, gradNorm: this.diagnostics.gradNorm ?? NaN });
    this.keep(x);
    this.measure();
    return true;
  }

  /** Record good positions x: (n, d): their drawn projection in the trails, all d coordinates when d > 2. */
  private keep(x: Float64Array): void {
    if (this.ctx.projection.dim > 2) this.lastGood = Float32Array.from(x);
    this.trails.push(this.ctx.projection.project(x));
  }

  /** The drawn pair changed: the trails restart at the current positions, projected on it. */
  reproject(): void {
    if (!this.lastGood) return;
    this.trails.clear();
    this.trails.push(this.ctx.projection.project(Float64Array.from(this.lastGood)));
  }

  frame(opts: FrameOptions = {}): PanelFrame {
    const plan = opts.plan !== false ? this.plan() : null;
    const gaussians = gaussianOverlay(this.sampler, this.ctx.projection);
    return {
      iteration: this.goodIteration,
      positions: this.trails.latest(),
      ...(this.lastGood ? { coordinates: this.lastGood.slice(), axes: this.ctx.projection.axes } : {}),
      ...(opts.trails !== false ? { trails: this.trails.snapshot() } : {}),
      trailHead: this.trails.head,
      trailCount: this.trails.count,
      diagnostics: { ...this.diagnostics },
      status: this.failure === null ? 'ok' : 'failed',
      ...(this.failure !== null ? { error: this.failure } : {}),
      ...(this.metrics ? { metrics: { ...this.metrics.values }, metricsIteration: this.metrics.iteration } : {}),
      ...(opts.history !== false && this.ctx.measure ? { metricHistory: this.history.snapshot() } : {}),
      ...(plan ? { plan: { ...plan, logValues: plan.logValues.slice(), rowOrder: plan.rowOrder.slice() } } : {}),
      ...(gaussians ? { gaussians } : {}),
      ...(this.elbo.length ? { elboHistory: this.elbo.snapshot() } : {}),
    };
  }

  couplingLines(top: number, maxParticles: number): CouplingLines {
    const last = this.lastCoupling();
    if (!last) throw new Error(`no transport plan yet (an ETD panel after its first step has one)`);
    return { ...couplingLines(last.problem, last.plan, top, maxParticles), iteration: this.goodIteration };
  }

  /** q of a variational panel in every coordinate (not only the two drawn). */
  viParameters(): ViParameters {
    const q = viParameters(this.sampler);
    if (!q) throw new Error(`${this.info.label} is not a variational sampler (only Gaussian and mixture VI panels have a q to export)`);
    return { sampler: this.info.sampler, label: this.info.label, iteration: this.goodIteration, ...q };
  }

  couplingRow(particle: number): CouplingRow {
    const last = this.lastCoupling();
    if (!last) throw new Error(`no plan yet (${this.info.family !== 'etd' ? `${this.info.label} is not an ETD sampler` : this.ctx.projection.dim > 2 ? 'plans are shown for 2D targets only' : 'take a step first'})`);
    try {
      return { ...couplingRow(last.problem, last.plan, particle), iteration: this.goodIteration };
    } catch (e) {
      throw e instanceof Error ? e : new Error(String(e));
    }
  }

  /** The last plan's image, computed once per iteration. */
  private plan(): PlanImage | null {
    const last = this.lastCoupling();
    if (!last) return null;
    if (this.planCache?.iteration !== this.goodIteration)
      this.planCache = { ...planImage(last.problem, last.plan, this.ctx.centre), iteration: this.goodIteration };
    return this.planCache;
  }

  /**
   * The plan of the last good step of an ETD sampler (a failed step's plan is not shown). The plan
   * views order and draw 2D points: on a d-dimensional target there is none to show.
   */
  private lastCoupling() {
    if (this.ctx.projection.dim > 2) return null;
    if (!(this.sampler instanceof EtdSampler) || this.base + this.sampler.iteration !== this.goodIteration) return null;
    return this.sampler.lastCoupling();
  }

  private measure(): void {
    const { measure, metricsEvery } = this.ctx;
    if (!measure || this.goodIteration % metricsEvery !== 0) return;
    const values = measure(this.sampler.positions());
    // A variational panel's ELBO and gradient norm go into the same rows (the metrics CSV has them).
    if (isVariational(this.sampler)) Object.assign(values, { elbo: this.diagnostics.elbo ?? NaN, gradNorm: this.diagnostics.gradNorm ?? NaN });
    this.metrics = { iteration: this.goodIteration, values };
    this.history.push(this.goodIteration, values);
  }

  /**
   * Why particles broke: the target itself when log pi or the score is not finite at the last good
   * positions (a formula names the operation and column), else the step's own counters.
   */
  private cause(d: Diagnostics): string {
    if (this.ctx.projection.dim > 2) return hint(d); // the trails hold a projection, not points the target can evaluate
    const last = Float64Array.from(this.trails.latest()); // (n, 2)
    const { target } = this.ctx;
    try {
      const bad = firstNonFinite(target, last, target.logDensity(last), target.score(last));
      if (bad) return `: ${bad.message}`;
    } catch (e) {
      return `: the target failed at the last positions (${e instanceof Error ? e.message : String(e)})`;
    }
    return hint(d);
  }

  private fail(message: string): false {
    this.failure = message;
    return false;
  }
}

/** A hint from the step's diagnostics about why particles broke. */
function hint(d: Diagnostics): string {
  const causes: string[] = [];
  if (d.nonFiniteScores > 0) causes.push(`${d.nonFiniteScores} non-finite scores`);
  if (d.nonFiniteDensity > 0) causes.push(`${d.nonFiniteDensity} non-finite densities`);
  if (d.degenerateWeights > 0) causes.push('degenerate importance weights');
  return causes.length ? ` (${causes.join(', ')})` : ' (try a smaller step size)';
}
