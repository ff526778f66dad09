/**
 * One panel's sampler worker, driven with back-pressure: at most one request is outstanding at
 * a time (coupling rows aside). Callers state what they want (a new session, a reset, a new
 * spec, k more steps, a run rate or paused, a fresh frame); the pump sends one request after
 * the other in that order of priority and coalesces what piles up meanwhile (Step clicks add up
 * to one step(k), frame polls to one frame), so nothing queues behind a slow step.
 *
 * The worker is watched (workerWatch.ts): one that reports its death, or leaves a request
 * unanswered for longer than the cost model allows, is terminated and replaced by a fresh one
 * that continues the panel from its last frame, and the panel says what happened. A Pause, Reset,
 * new spec or new session that a worker busy in a long step has not taken up within cancelMs
 * terminates it the same way (it cannot hear them mid-step): a new session, reset or spec starts
 * at step 0 on the fresh worker anyway; a paused panel continues from its last frame.
 */
import type {
  Axes,
  AxesView,
  CouplingLines,
  CouplingRow,
  DebugFault,
  FrameOptions,
  PanelFrame,
  PanelInfo,
  PanelSpec,
  RunState,
  SamplerApi,
  SessionInfo,
  SessionRequest,
  StageRecord,
} from '../../workers/samplerApi';
import { specDim } from '../engine/targets/ndSpec';
import { mergeFrame } from './frameMerge';
import { replacement } from './replacement';
import { deferred, errorOf, rejectWish, sessionWish, Superseded, type Deferred, type InFlight, type RequestKind, type SessionWish, type SharedRequest } from './requests';
import { WatchedWorker } from './watchedWorker';
import type { PanelWorkerFactory } from './workerClient';
import { allowanceMs, DEFAULT_TIMING, gaveUpMessage, lossNotice, MAX_RESTARTS, WorkerLost, type LossCause, type StepCost, type WatchTiming } from './workerWatch';

export { Superseded, type InFlight, type RequestKind, type SharedRequest };

/** A frame to show before the panel's first reply: nothing drawn yet. */
export const EMPTY_FRAME: PanelFrame = {
  iteration: 0,
  positions: new Float32Array(0),
  trailHead: 0,
  trailCount: 0,
  diagnostics: {},
  status: 'ok',
};

const STOPPED: RunState = { running: false, stepsPerSecond: 0 };

/**
 * While polling, a plan image (an O(n P) pass in the worker, a repaint here) and the metric
 * history are asked for at most this often; frames in between carry the last ones. A frame that
 * shows a command's result always carries everything asked for.
 */
/** Most steps that repeated Step clicks pile up for one worker while it is busy (more are dropped). */
export const MAX_PENDING_STEPS = 5;

export const PLAN_REFRESH_MS = 250;
export const HISTORY_REFRESH_MS = 300;

/** Requests that a Pause, Reset or new spec is waiting on. */
const URGENT_KINDS: ReadonlySet<RequestKind> = new Set(['reset', 'setPanel', 'pause']);
/**
 * An idle worker (a paused panel) is pinged this long after its last request: with the 1.5 s
 * allowance, one that died meanwhile (terminated, closed) is noticed within ~1.8 s without a click.
 */
export const HEARTBEAT_MS = 300;
/** How often a pending Pause / Reset / spec / session checks whether its worker is stuck in a step. */
const CANCEL_CHECK_MS = 50;
const NO_COST: StepCost = { typical: 0, worst: 0 };

export class PanelDriver {
  private worker: WatchedWorker | null = null;
  /** Why the panel's worker was given up for good (the panel shows it), or null. */
  private fault: string | null = null;
  /** Bumped by every new session, reset and spec: replies from an older generation are dropped. */
  private generation = 0;
  /** The worker holds a session this driver made (false before the first create and after a failed one). */
  private ready = false;
  /** The shared settings of the session the worker holds (a replaced worker gets them again). */
  private shared: SharedRequest | null = null;
  /** Threads its ETD kernels may use (src/run/threadShare.ts). */
  private threads = 1;

  private createWish: SessionWish | null = null;
  private resetWaiters: Deferred<void>[] | null = null;
  private specWish: { spec: PanelSpec; waiters: Deferred<PanelInfo>[] } | null = null;
  private stepWish: { k: number; waiters: Deferred<void>[] } | null = null;
  /** Wanted run rate (null: paused) and the rate the worker's loop runs at (null: stopped). */
  private rate: number | null = null;
  private workerRate: number | null = null;
  /** The loop stopped by itself (the panel failed): not restarted until a new session, reset or spec. */
  private stopped = false;
  private frameWanted = false;
  /** A frame is wanted to show the result of a command (the panel is busy until it arrives). */
  private followUp = false;
  private pumping = false;
  /** An idle worker is asked for its run state HEARTBEAT_MS after its last request (a dead one then goes unanswered). */
  private pingWanted = false;
  private heartbeat: ReturnType<typeof setTimeout> | undefined;
  private idleWaiters: (() => void)[] = [];

  /** Pause was asked while the worker may be stepping (its loop runs or a step is in flight). */
  private pauseWanted = false;
  /** Since when (performance.now()) a Pause, Reset, spec or session has waited for the worker, or null. */
  private urgentSince: number | null = null;
  private cancelTimer: ReturnType<typeof setInterval> | undefined;
  /** Workers replaced in a row without the panel getting past step `restartedAt`. */
  private restarts = 0;
  private restartedAt = 0;
  /** What happened to the panel's worker (a replacement, a cancelled step), or null. */
  private noticeText: string | null = null;
  private costKey: { spec: PanelSpec; n: number; d: number; cost: StepCost } | null = null;

  private lastFrame: PanelFrame = EMPTY_FRAME;
  private lastRun: RunState = STOPPED;
  private wasBusy = false;
  private currentSpec: PanelSpec | null = null;
  private planAt = -Infinity;
  private historyAt = -Infinity;

  constructor(
    readonly id: number,
    private readonly makeWorker: PanelWorkerFactory,
    private readonly frameOptions: () => FrameOptions,
    /** Called when the frame, the run state, busy, the notice or the fault changed. */
    private readonly changed: (driver: PanelDriver) => void,
    private readonly timing: WatchTiming = DEFAULT_TIMING,
  ) {}

  /** The newest frame; a failed one with the reason when the worker was given up. */
  get frame(): PanelFrame {
    return this.lastFrame;
  }

  get run(): RunState {
    return this.lastRun;
  }

  get inFlight(): InFlight | null {
    return this.worker?.inFlight ?? null;
  }

  /** Why the panel's worker was given up for good, or null. */
  get crashed(): string | null {
    return this.fault;
  }

  /** What happened to the panel's worker that the panel should say (it was replaced, a step was cancelled), or null. */
  get notice(): string | null {
    return this.noticeText;
  }

  /** The spec of the panel's session (or of the last session asked for), null before the first. */
  get spec(): PanelSpec | null {
    return this.currentSpec;
  }

  /** The worker holds this panel's session. */
  get isReady(): boolean {
    return this.ready && this.fault === null;
  }

  /** A new session is being built for this panel (a new one, or on a worker that replaced a lost one). */
  get starting(): boolean {
    return this.createWish !== null || this.inFlight?.kind === 'create';
  }

  /** A command (not a frame poll) is queued or in flight, or its result not yet shown. */
  get busy(): boolean {
    return (
      this.createWish !== null ||
      this.resetWaiters !== null ||
      this.specWish !== null ||
      this.stepWish !== null ||
      this.rateDue() ||
      this.followUp ||
      (this.inFlight !== null && this.inFlight.kind !== 'frame' && this.inFlight.kind !== 'ping')
    );
  }

  /** (Re)build this panel's session; a worker that was given up or is stuck in a step is replaced. */
  create(shared: SharedRequest, spec: PanelSpec): Promise<SessionInfo> {
    const { promise, handle } = deferred<SessionInfo>();
    this.generation++;
    this.dropWishes(new Superseded('a newer session'));
    this.createWish = sessionWish(shared, spec, { waiters: [handle] });
    this.currentSpec = spec;
    this.rate = null; // a new session starts paused
    this.pauseWanted = false;
    this.restartByUser();
    this.kick();
    return promise;
  }

  /** Back to step 0 with the same spec (pauses). A worker stuck in a step is replaced by a fresh session. */
  reset(): Promise<void> {
    if (!this.ready && !this.starting) return Promise.reject(new Error('no session to reset'));
    const { promise, handle } = deferred<void>();
    this.generation++;
    this.stepWish?.waiters.forEach((w) => w.resolve());
    this.stepWish = null;
    (this.resetWaiters ??= []).push(handle);
    this.rate = null;
    this.pauseWanted = false;
    this.restartByUser();
    this.kick();
    return promise;
  }

  /** Restart this panel with a new sampler or parameters (a refused spec keeps the old one). */
  setSpec(spec: PanelSpec): Promise<PanelInfo> {
    const { promise, handle } = deferred<PanelInfo>();
    this.specWish?.waiters.forEach((w) => w.reject(new Superseded('a newer panel spec')));
    this.specWish = { spec, waiters: [handle] };
    this.restartByUser();
    this.kick();
    return promise;
  }

  /** k more steps (added to any not yet sent); pauses the loop. */
  step(k: number): Promise<void> {
    const { promise, handle } = deferred<void>();
    this.rate = null;
    // Clicks made while steps are pending add up, but only to MAX_PENDING_STEPS: holding Step on
    // a slow panel cannot queue minutes of work.
    if (this.stepWish) {
      this.stepWish.k = Math.min(this.stepWish.k + k, Math.max(MAX_PENDING_STEPS, this.stepWish.k));
      this.stepWish.waiters.push(handle);
    } else this.stepWish = { k, waiters: [handle] };
    this.kick();
    return promise;
  }

  /** Run the worker's loop at `rate` steps per second, or pause it (null). */
  setRate(rate: number | null): void {
    if (rate === null) return this.pause();
    if (rate === this.rate) return;
    this.rate = rate;
    this.kick();
  }

  /**
   * Stop stepping: steps not yet sent are dropped, and a worker that has not stopped within
   * cancelMs (it is in a long step) is terminated and the panel continues from its last frame.
   */
  pause(): void {
    const f = this.inFlight;
    const stepping = this.workerRate !== null || f?.kind === 'step' || f?.kind === 'run';
    this.rate = null;
    this.stepWish?.waiters.forEach((w) => w.resolve());
    this.stepWish = null;
    if (stepping && this.ready) {
      this.pauseWanted = true;
      this.urge();
    }
    this.kick();
  }

  /** Ask for a fresh frame unless one is already on its way (back-pressure). */
  poll(): void {
    if (this.frameWanted || this.inFlight?.kind === 'frame') return;
    this.frameWanted = true;
    this.kick();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (!this.pumping && !this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Draw coordinates `axes` of a d-dimensional target: kept for every later session of this panel
   * (a replaced worker starts with them) and set on the worker now, then a fresh frame is asked
   * for. Resolves with the new marginal, or null when the worker holds no session yet (the one
   * being built starts with them). Not subject to back-pressure: the samplers keep stepping.
   */
  async setAxes(axes: Axes): Promise<AxesView | null> {
    if (this.shared) this.shared = { ...this.shared, axes };
    if (this.createWish) this.createWish = { ...this.createWish, shared: { ...this.createWish.shared, axes } };
    const w = this.worker;
    if (!w || !this.ready || this.fault !== null) return null;
    const view = await Promise.race([w.api.setAxes(axes[0], axes[1]), w.dead]);
    this.frameWanted = true;
    this.kick();
    return view;
  }

  /**
   * ETD's kernels of this panel may use k threads (the page's share of the cores changed): kept
   * for every later session and told to the worker now. Not subject to back-pressure.
   */
  setThreads(k: number): void {
    if (k === this.threads) return;
    this.threads = k;
    const w = this.worker;
    if (w && this.ready && this.fault === null && this.inFlight?.kind !== 'create') w.api.setThreads(k).catch(() => undefined);
  }

  /** A row of this panel's last plan; not subject to back-pressure. */
  couplingRow(particle: number): Promise<CouplingRow> {
    const w = this.worker;
    if (!w || !this.ready) return Promise.reject(new Error(this.fault ?? 'no session yet'));
    return Promise.race([w.api.couplingRow(particle), w.dead]);
  }

  /** Any question to this panel's worker that changes nothing; not subject to back-pressure. */
  ask<T>(call: (api: SamplerApi) => Promise<T>): Promise<T> {
    const w = this.worker;
    if (!w || !this.ready) return Promise.reject(new Error(this.fault ?? 'no session yet'));
    return Promise.race([call(w.api), w.dead]);
  }

  /** The coupling lines of this panel's last plan in one call; not subject to back-pressure. */
  couplingLines(top: number, maxParticles: number): Promise<CouplingLines> {
    const w = this.worker;
    if (!w || !this.ready) return Promise.reject(new Error(this.fault ?? 'no session yet'));
    return Promise.race([w.api.couplingLines(top, maxParticles), w.dead]);
  }

  /**
   * The panel's next step recorded stage by stage (ETD only): the worker takes the step, so a
   * fresh frame is asked for after it. Not subject to back-pressure: call it on a paused, idle panel.
   */
  async stages(particle: number): Promise<StageRecord> {
    const w = this.worker;
    if (!w || !this.ready) throw new Error(this.fault ?? 'no session yet');
    const record = await Promise.race([w.api.stages(particle), w.dead]);
    this.frameWanted = this.followUp = true;
    this.kick();
    return record;
  }

  /** Forget the notice (the panel's close button). */
  dismissNotice(): void {
    if (this.noticeText === null) return;
    this.noticeText = null;
    this.emit();
  }

  /** Test hook: end the worker from this side without the driver knowing (as a browser might). */
  debugTerminate(): void {
    this.worker?.terminateUnseen();
  }

  /** Test hook: make the worker close itself, throw an uncaught error, or hang. */
  debugFault(kind: DebugFault): void {
    this.worker?.api.debugFault(kind).catch(() => undefined);
  }

  /** End the worker; pending callers get Superseded. */
  dispose(): void {
    this.generation++;
    const why = new Superseded('the panel was removed');
    this.dropWishes(why);
    this.rate = null;
    this.fault = 'removed';
    this.stopCancelCheck();
    clearTimeout(this.heartbeat);
    this.worker?.terminate();
    this.worker?.abort(why); // the pump stops waiting for it
    this.worker = null;
    this.ready = false;
    this.flushIdle();
  }

  // ---- the pump ---------------------------------------------------------------------------

  private rateDue(): boolean {
    return this.ready && this.fault === null && this.rate !== this.workerRate && !(this.rate !== null && this.stopped);
  }

  private hasWork(): boolean {
    return (
      this.createWish !== null ||
      (this.ready && this.fault === null && (this.resetWaiters !== null || this.specWish !== null || this.stepWish !== null || this.rateDue() || this.frameWanted || this.pingWanted))
    );
  }

  /** Ask an idle worker whether it is still there HEARTBEAT_MS from now (unless something else asks first). */
  private armHeartbeat(): void {
    clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
    if (!this.ready || this.fault !== null || !this.worker) return;
    this.heartbeat = setTimeout(() => {
      this.heartbeat = undefined;
      if (this.pumping || !this.ready || this.fault !== null) return;
      this.pingWanted = true;
      this.kick();
    }, HEARTBEAT_MS);
  }

  private kick(): void {
    this.notifyBusy();
    if (!this.pumping) void this.pump();
  }

  private notifyBusy(): void {
    if (this.busy !== this.wasBusy) this.emit();
  }

  private emit(): void {
    this.wasBusy = this.busy;
    this.changed(this);
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private dropWishes(why: Error): void {
    if (this.createWish) rejectWish(this.createWish, why);
    this.resetWaiters?.forEach((w) => w.reject(why));
    this.specWish?.waiters.forEach((w) => w.reject(why));
    this.stepWish?.waiters.forEach((w) => w.reject(why));
    this.createWish = this.resetWaiters = this.specWish = this.stepWish = null;
    this.frameWanted = this.followUp = false;
  }

  /** A new session, reset or spec asked for by the page: earlier trouble is forgotten. */
  private restartByUser(): void {
    this.restarts = 0;
    this.noticeText = null;
    this.urge();
  }

  /**
   * What one step of the panel's sampler costs (the cost model, in the target's dimension: a slow
   * step in high dimension is waited for, not taken for a hung worker), for the watchdog.
   */
  private stepCost(): StepCost {
    const spec = this.currentSpec;
    const n = this.shared?.n;
    if (!spec || !n) return NO_COST;
    const d = specDim(this.shared!.target);
    if (this.costKey?.spec !== spec || this.costKey.n !== n || this.costKey.d !== d) this.costKey = { spec, n, d, cost: this.timing.stepCost(spec, n, d) };
    return this.costKey.cost;
  }

  /** How long a request may go unanswered: the step its worker's loop may be in, plus the steps it asks for. */
  private allowance(kind: RequestKind, k = 0): number {
    const steps = (this.workerRate !== null ? 1 : 0) + (kind === 'step' ? k : 0);
    return allowanceMs(this.timing, this.stepCost(), steps, kind === 'create', this.restarts);
  }

  /** Send one request to the worker, watched (see WatchedWorker). */
  private send<T>(kind: RequestKind, call: (api: SamplerApi) => Promise<T>, allowance: number): Promise<T> {
    const w = this.worker;
    if (!w) return Promise.reject(new Error(this.fault ?? 'no worker'));
    const reply = w.send(kind, call, allowance);
    this.notifyBusy();
    return reply;
  }

  private spawn(): void {
    this.worker?.terminate();
    const w: WatchedWorker = new WatchedWorker(this.makeWorker(), (cause) => {
      if (this.worker === w) this.lose(cause);
    });
    this.worker = w;
    this.fault = null;
    this.ready = false;
    this.workerRate = null;
  }

  /** The worker is gone: give up the request in flight (the pump replaces the worker), or replace it now. */
  private lose(cause: LossCause): void {
    if (this.worker?.abort(new WorkerLost(cause))) return;
    this.replace(cause);
    this.kick();
  }

  /**
   * Terminate the worker and queue a session on a fresh one (see replacement.ts); the panel says
   * what happened. A worker lost MAX_RESTARTS + 1 times in a row without the panel getting
   * further is given up.
   */
  private replace(cause: LossCause): void {
    if (this.fault !== null) return;
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
    this.workerRate = null;
    this.pauseWanted = this.pingWanted = false;
    this.frameWanted = this.followUp = false;
    this.lastRun = { ...this.lastRun, running: false, stepsPerSecond: 0 };
    const at = this.lastFrame.iteration;
    if (cause.kind !== 'cancel') {
      if (++this.restarts > MAX_RESTARTS) return this.giveUp(gaveUpMessage(cause, at));
      this.restartedAt = at;
    }
    const waiting = { createWish: this.createWish, resetWaiters: this.resetWaiters, specWish: this.specWish };
    const r = replacement(cause, waiting, { shared: this.shared, spec: this.currentSpec, frame: this.lastFrame });
    if (!r) return this.giveUp(lossNotice(cause, 0));
    this.createWish = r.wish;
    if (r.took === 'reset') this.resetWaiters = null;
    if (r.took === 'spec') this.specWish = null;
    if (r.notice !== undefined) this.noticeText = r.notice;
    this.urgentSince = this.urgentOutstanding() ? performance.now() : null;
    this.emit();
  }

  /** The worker keeps failing: stop the panel with the reason; a new session, reset or spec replaces it. */
  private giveUp(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.fault = message;
    this.ready = false;
    this.workerRate = null;
    this.noticeText = null;
    this.dropWishes(new Error(message));
    this.stopCancelCheck();
    clearTimeout(this.heartbeat);
    this.lastFrame = { ...this.lastFrame, status: 'failed', error: message };
    this.lastRun = { ...this.lastRun, running: false, stepsPerSecond: 0 };
    this.emit();
  }

  // ---- cancelling a step ------------------------------------------------------------------

  /** A Pause, Reset, spec or session is waiting: check until it got through whether the worker is stuck in a step. */
  private urge(): void {
    this.urgentSince ??= performance.now();
    this.cancelTimer ??= setInterval(() => this.checkCancel(), CANCEL_CHECK_MS);
  }

  private stopCancelCheck(): void {
    clearInterval(this.cancelTimer);
    this.cancelTimer = undefined;
    this.urgentSince = null;
  }

  private urgentOutstanding(): boolean {
    const f = this.inFlight;
    return (
      this.createWish !== null ||
      this.resetWaiters !== null ||
      this.specWish !== null ||
      this.pauseWanted ||
      (f !== null && (URGENT_KINDS.has(f.kind) || (f.kind === 'create' && !this.worker?.fresh)))
    );
  }

  /**
   * Terminate a worker that has kept a Pause, Reset, spec or session waiting for cancelMs, or that
   * was already that long on the request it is blocking them with (it cannot hear them mid-step).
   */
  private checkCancel(): void {
    if (this.fault !== null || !this.urgentOutstanding()) return this.stopCancelCheck();
    const w = this.worker;
    const f = w?.inFlight;
    if (!w || !f || (f.kind === 'create' && w.fresh)) return; // about to send, or a fresh worker is loading
    const now = performance.now();
    const asked = this.urgentSince ?? now;
    // A worker that was on the blocking request since before it was asked, and whose steps are long: no point waiting.
    const known = f.since < asked && now - f.since >= this.timing.cancelMs && this.stepCost().typical >= 2 * this.timing.cancelMs;
    if (now - asked < this.timing.cancelMs && !known) return;
    const began = f.kind === 'step' ? Math.max(f.since, w.lastReplyAt) : w.lastReplyAt;
    w.abort(new WorkerLost({ kind: 'cancel', elapsedMs: now - began }));
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.hasWork()) {
        const g = this.generation;
        try {
          await this.next(g);
        } catch (e) {
          if (e instanceof WorkerLost) this.replace(e.loss);
          else if (this.fault === null && this.worker !== null && g === this.generation && !(e instanceof Superseded))
            this.replace({ kind: 'dead', message: `the sampler worker failed: ${errorOf(e).message}` }); // it broke the API's contract
        }
        this.notifyBusy();
      }
    } finally {
      this.pumping = false;
      this.armHeartbeat();
      this.notifyBusy();
      this.flushIdle();
    }
  }

  /** One request: the most important wish first. */
  private async next(g: number): Promise<void> {
    if (this.createWish) return this.nextSession();
    if (this.resetWaiters) {
      const waiters = this.resetWaiters;
      this.resetWaiters = null;
      try {
        await this.send('reset', (api) => api.reset(), this.allowance('reset'));
      } catch (e) {
        if (e instanceof WorkerLost) this.resetWaiters = [...waiters, ...(this.resetWaiters ?? [])]; // served by the replacement
        else waiters.forEach((w) => w.reject(e));
        throw e;
      }
      waiters.forEach((w) => w.resolve());
      this.workerRate = null;
      this.stopped = this.pauseWanted = false;
      this.frameWanted = this.followUp = true;
      return;
    }
    if (this.specWish) {
      const wish = this.specWish;
      this.specWish = null;
      let info: PanelInfo;
      try {
        info = await this.send('setPanel', (api) => api.setPanel(wish.spec), this.allowance('setPanel'));
      } catch (e) {
        if (!(e instanceof WorkerLost)) return wish.waiters.forEach((w) => w.reject(e)); // refused: the panel keeps its sampler
        if (this.specWish) wish.waiters.forEach((w) => w.reject(new Superseded('a newer panel spec')));
        else this.specWish = wish; // served by the replacement
        throw e;
      }
      this.generation++; // frames of the old panel are stale now
      this.currentSpec = wish.spec;
      this.stopped = false;
      this.frameWanted = this.followUp = true;
      wish.waiters.forEach((w) => w.resolve(info));
      return;
    }
    if (this.stepWish) {
      const wish = this.stepWish;
      this.stepWish = null;
      try {
        await this.send('step', (api) => api.step(wish.k), this.allowance('step', wish.k)); // pauses the worker's loop first
      } catch (e) {
        if (e instanceof WorkerLost) wish.waiters.forEach((w) => w.resolve()); // not taken: the notice says why
        else wish.waiters.forEach((w) => w.reject(e));
        throw e;
      }
      wish.waiters.forEach((w) => w.resolve());
      this.workerRate = null;
      if (this.rate === null) this.pauseWanted = false;
      this.frameWanted = this.followUp = true;
      return;
    }
    if (this.rateDue()) {
      const rate = this.rate;
      if (rate === null) await this.send('pause', (api) => api.pause(), this.allowance('pause'));
      else await this.send('run', (api) => api.run({ stepsPerSecond: rate }), this.allowance('run'));
      this.workerRate = rate;
      if (rate === null && this.rate === null) this.pauseWanted = false;
      this.frameWanted = this.followUp = true;
      return;
    }
    if (this.pingWanted && !this.frameWanted) {
      this.pingWanted = false;
      await this.send('ping', (api) => api.runState(), this.allowance('ping'));
      return;
    }
    this.frameWanted = this.pingWanted = false; // a frame tells as much as a ping
    const followUp = this.followUp;
    const now = performance.now();
    const asked = this.frameOptions();
    const opts: FrameOptions = followUp
      ? asked
      : { ...asked, plan: asked.plan !== false && now - this.planAt >= PLAN_REFRESH_MS, history: asked.history !== false && now - this.historyAt >= HISTORY_REFRESH_MS };
    const reply = await this.send('frame', (api) => api.frame(opts), this.allowance('frame'));
    if (g !== this.generation) {
      this.frameWanted = true; // a reply from before a restart: ask again
      return;
    }
    if (followUp) this.followUp = false;
    if (opts.plan !== false) this.planAt = now;
    if (opts.history !== false) this.historyAt = now;
    this.accept(reply.panel, reply.run);
  }

  /** Build the wished-for session, on a fresh worker if the last one was lost or given up. */
  private async nextSession(): Promise<void> {
    const wish = this.createWish!;
    this.createWish = null;
    if (!this.worker || this.fault !== null) this.spawn();
    const w = this.worker!;
    const fresh = w.fresh;
    this.stopped = false;
    const request: SessionRequest = { ...wish.shared, panel: wish.spec, threads: this.threads, ...(wish.resume ? { resume: wish.resume } : {}) };
    let info: SessionInfo;
    try {
      info = await this.send('create', (api) => api.createSession(request), this.allowance('create'));
    } catch (e) {
      if (e instanceof Superseded) return rejectWish(wish, e); // the panel was removed
      if (e instanceof WorkerLost) {
        if (this.createWish) rejectWish(wish, new Superseded('a newer session'));
        else this.createWish = wish; // again, on the next worker
        throw e;
      }
      if (wish.fallback && !this.createWish) {
        // The new spec was refused on a replacement worker: the panel goes back to what it was.
        wish.specWaiters.forEach((x) => x.reject(e));
        wish.resetWaiters.forEach((x) => x.resolve());
        this.createWish = sessionWish(wish.shared, wish.fallback.spec, { resume: wish.fallback.resume });
        this.noticeText = wish.fallback.notice;
        return;
      }
      rejectWish(wish, e);
      if (!this.createWish) {
        // Refused (a bad setting): the worker kept its old session, perhaps still running; end it.
        this.worker?.terminate();
        this.worker = null;
        this.ready = false;
        this.emit();
      }
      return;
    }
    if (this.worker !== w) return rejectWish(wish, new Superseded('the panel was removed'));
    if (this.createWish) return rejectWish(wish, new Superseded('a newer session'));
    w.fresh = false;
    if (fresh && this.urgentSince !== null) this.urgentSince = performance.now(); // what waits on it may take its time from now
    this.ready = true;
    this.workerRate = null;
    this.shared = wish.shared;
    this.currentSpec = wish.spec;
    if (!wish.resume) this.lastFrame = EMPTY_FRAME; // a resumed panel keeps its picture until its first frame
    this.lastRun = { ...STOPPED, backend: info.backend };
    if (request.threads !== this.threads) w.api.setThreads(this.threads).catch(() => undefined); // the share changed meanwhile
    this.frameWanted = this.followUp = true;
    wish.waiters.forEach((x) => x.resolve(info));
    wish.resetWaiters.forEach((x) => x.resolve());
    wish.specWaiters.forEach((x) => x.resolve(info.panel));
  }

  private accept(frame: PanelFrame, run: RunState): void {
    this.lastFrame = mergeFrame(this.lastFrame, frame);
    this.lastRun = run;
    if (frame.iteration > this.restartedAt) this.restarts = 0; // the panel got further: its worker works
    if (this.workerRate !== null && !run.running) {
      this.workerRate = null; // the loop stopped by itself: the panel failed
      this.stopped = true;
    }
    this.emit();
  }
}
