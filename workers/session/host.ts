import { createSampler } from '../../src/engine/samplers/catalog';
import type { TargetSpec } from '../../src/engine/targets/fromSpec';
import { createDrawnTarget } from '../../src/engine/targets/drawn';
import { createLogistic2dTarget } from '../../src/engine/targets/logistic2d';
import { createPresetTarget } from '../../src/engine/targets/presets/index';
import type { Target } from '../../src/engine/targets/types';
import type { TargetNd } from '../../src/engine/targets/nd/types';
import { ndTargetOf, ndViewOf } from '../../src/engine/targets/ndSpec';
import type {
  AxesView,
  CouplingLines,
  CouplingRow,
  FrameOptions,
  PanelInfo,
  PanelSpec,
  RunOptions,
  RunState,
  SessionFrame,
  SessionInfo,
  SessionRequest,
  StageRecord, ViParameters } from '../samplerApi';
import type { SamplerFactory } from './panel';
import { cpuAccelerator, startAccelerator, type Accelerator } from './accelerator';
import { RunLoop } from './runLoop';
import { sessionBlrData } from './blrData';
import { blrTarget } from '../../src/engine/targets/blr/target';
import { Session } from './session';
import { checkRunOptions, checkSessionRequest, checkStepCount } from './sessionParams';
import { KernelThreads } from './threads';
import type { SpawnThread } from '../../src/engine/parallel/team';
import type { BackendInfo } from '../samplerApi';

export interface SessionHostOptions {
  /** Builds a panel's sampler (default: the engine registry). Tests inject failing samplers here. */
  readonly createSampler?: SamplerFactory;
  /** Builds a 2D target (default: the preset, drawing or formula of the spec); d-dimensional specs are built by the host. */
  readonly buildTarget?: (spec: TargetSpec) => Target | Promise<Target>;
  /** Chooses where Sinkhorn runs (default: the backend chain; tests pass a fixed one). */
  readonly startAccelerator?: (opts: { allowSoftwareWebGPU?: boolean }) => Promise<Accelerator>;
  /** Starts a kernel thread (default: a nested Web Worker; Node tests pass worker threads). */
  readonly spawnThread?: SpawnThread;
}

async function defaultBuildTarget(spec: TargetSpec): Promise<Target> {
  if (spec.kind === 'preset') return createPresetTarget(spec.name, { confine: spec.confine ?? true }); // as targetFromSpec
  if (spec.kind === 'drawn') {
    try {
      return createDrawnTarget(spec); // plain numerics: no tfjs
    } catch (e) {
      throw new Error(`drawing: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (spec.kind === 'logistic2d') {
    try {
      return createLogistic2dTarget(spec); // plain numerics: no tfjs
    } catch (e) {
      throw new Error(`logistic regression data: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // Formulas: parser, float64 evaluator and gradient (no tfjs), loaded on first use.
  const { targetFromSpec } = await import('../../src/engine/targets/fromSpec');
  try {
    return targetFromSpec(spec);
  } catch (e) {
    throw new Error(`formula: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A d-dimensional target, its errors named as the target's. */
function buildNd(spec: { name: string; dim: number }): TargetNd {
  try {
    return ndTargetOf({ kind: 'nd', ...spec });
  } catch (e) {
    throw new Error(`target: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Everything the sampler worker does, without comlink: owns the current session and the run
 * loop. Every method throws a plain Error with a precise message on bad input; a failed
 * createSession or setPanel leaves the previous state untouched.
 */
export class SessionHost {
  private session: Session | null = null;
  private readonly loop = new RunLoop();
  private readonly createSampler: SamplerFactory;
  private readonly buildTarget: (spec: TargetSpec) => Target | Promise<Target>;
  /** Bumped by every createSession; an older create that finishes later is dropped. */
  private ticket = 0;
  private accel: Promise<Accelerator> | null = null;
  private readonly start: (opts: { allowSoftwareWebGPU?: boolean }) => Promise<Accelerator>;
  private readonly threads: KernelThreads;

  constructor(opts: SessionHostOptions = {}) {
    this.threads = new KernelThreads(opts.spawnThread);
    this.createSampler = opts.createSampler ?? createSampler;
    this.buildTarget = opts.buildTarget ?? defaultBuildTarget;
    this.start = opts.startAccelerator ?? startAccelerator;
  }

  /** The backend is chosen once per worker; a failing chain still leaves the CPU path. */
  private accelerator(req: SessionRequest): Promise<Accelerator> {
    this.accel ??= this.start({ allowSoftwareWebGPU: req.allowSoftwareWebGPU === true }).catch((e) =>
      cpuAccelerator(`backend chain failed (${e instanceof Error ? e.message : String(e)}); Sinkhorn on the CPU typed-array path`),
    );
    return this.accel;
  }

  async createSession(req: SessionRequest): Promise<SessionInfo> {
    const ticket = ++this.ticket;
    const spec = req?.target as TargetSpec | undefined;
    // A logistic-regression target's dimension is its data's: load them before the rest is checked.
    const blr = spec?.kind === 'blr' && typeof spec.data === 'string' ? await sessionBlrData(spec.data, req.blrData) : null;
    const config = checkSessionRequest(req, blr?.problem.dim);
    const nd = config.target.kind === 'nd' ? buildNd(config.target) : null;
    const built = nd ? ndViewOf(nd, config.axes) : blr ? blrTarget(blr) : this.buildTarget(config.target);
    const [target, accel] = await Promise.all([built, this.accelerator(req), this.threads.set(req.threads)]);
    if (ticket !== this.ticket) throw new Error('superseded by a newer createSession');
    const session = new Session(config, target, this.createSampler, accel, nd, blr);
    this.loop.stop();
    this.session = session;
    const info = session.info();
    return { ...info, backend: this.threads.decorate(info.backend) };
  }

  /** ETD's kernels may use k threads from the next step on. */
  async setThreads(k: number): Promise<BackendInfo | undefined> {
    await this.threads.set(k);
    return this.backend();
  }

  private backend(): BackendInfo | undefined {
    const b = this.session?.backend();
    return b && this.threads.decorate(b);
  }

  async step(k: number): Promise<void> {
    checkStepCount(k);
    const s = this.current();
    this.loop.stop();
    await s.step(k);
  }

  frame(opts?: FrameOptions): SessionFrame {
    return { panel: this.current().frame(opts), run: this.runState() };
  }

  couplingRow(particle: number): CouplingRow {
    return this.current().couplingRow(particle);
  }

  viParameters(): ViParameters {
    return this.current().viParameters();
  }

  couplingLines(top: number, maxParticles: number): CouplingLines {
    if (!(Number.isInteger(top) && top >= 1 && top <= 10)) throw new Error(`invalid top: ${top} (must be an integer from 1 to 10)`);
    if (!(Number.isInteger(maxParticles) && maxParticles >= 1)) throw new Error(`invalid maxParticles: ${maxParticles} (must be an integer >= 1)`);
    return this.current().couplingLines(top, maxParticles);
  }

  /** Pauses, then takes the panel's next step with every stage recorded. */
  stages(particle: number): Promise<StageRecord> {
    const s = this.current();
    this.loop.stop();
    return s.stages(particle);
  }

  /** Draw coordinates (i, j) of the session's d-dimensional target; the run loop keeps going. */
  setAxes(i: number, j: number): AxesView {
    return this.current().setAxes(i, j);
  }

  setPanel(spec: PanelSpec): PanelInfo {
    return this.current().setPanel(spec); // a running loop picks the new panel up at once
  }

  run(opts: RunOptions): void {
    const checked = checkRunOptions(opts);
    const s = this.current();
    if (!s.active) throw new Error('nothing to run: the panel has failed (reset or change its sampler)');
    this.loop.start(s, checked);
  }

  pause(): void {
    this.loop.stop();
  }

  runState(): RunState {
    return { running: this.loop.running, stepsPerSecond: this.loop.measuredRate(), backend: this.backend() };
  }

  reset(): void {
    const s = this.current();
    this.loop.stop();
    s.reset();
  }

  dispose(): void {
    this.loop.stop();
    this.session = null;
    this.ticket++;
    this.threads.stop();
  }

  private current(): Session {
    if (!this.session) throw new Error('no session: call createSession first');
    return this.session;
  }
}
