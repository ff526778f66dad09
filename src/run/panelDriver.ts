/**
 * One panel's sampler worker, driven with back-pressure: at most one request is outstanding at
 * a time (coupling rows aside). Callers state what they want (a new session, a reset, a new
 * spec, k more steps, a run rate or paused, a fresh frame); the pump sends one request after
 * the other in that order of priority and coalesces what piles up meanwhile (Step clicks add up
 * to one step(k), frame polls to one frame), so nothing queues behind a slow step.
 */
import type { CouplingRow, FrameOptions, PanelFrame, PanelInfo, PanelSpec, RunState, SessionInfo, SessionRequest } from '../../workers/samplerApi';
import type { PanelWorker, PanelWorkerFactory } from './workerClient';

/** What every panel's session shares: a session request without its panels. */
export type SharedRequest = Omit<SessionRequest, 'panels'>;

export type RequestKind = 'create' | 'reset' | 'setPanel' | 'step' | 'run' | 'pause' | 'frame';

/** The request in flight and since when (performance.now()). */
export interface InFlight {
  readonly kind: RequestKind;
  readonly since: number;
}

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
export const PLAN_REFRESH_MS = 250;
export const HISTORY_REFRESH_MS = 300;

/** Thrown to the callers of a request that a newer one replaced (or whose panel was removed). */
export class Superseded extends Error {
  constructor(what: string) {
    super(`superseded: ${what}`);
  }
}

interface Deferred<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

function deferred<T>(): { promise: Promise<T>; handle: Deferred<T> } {
  let handle!: Deferred<T>;
  const promise = new Promise<T>((resolve, reject) => (handle = { resolve, reject }));
  return { promise, handle };
}

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Resolve or reject every waiter with the request's outcome (and pass a failure on). */
async function settle(waiters: readonly Deferred<void>[], request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (e) {
    waiters.forEach((w) => w.reject(e));
    throw e;
  }
  waiters.forEach((w) => w.resolve());
}

export class PanelDriver {
  private worker: PanelWorker | null = null;
  /** Why the worker died or misbehaved (the panel shows it), or null. */
  private fault: string | null = null;
  /** Bumped by every new session, reset and spec: replies from an older generation are dropped. */
  private generation = 0;
  /** The worker holds a session this driver made (false before the first create and after a failed one). */
  private ready = false;

  private createWish: { shared: SharedRequest; spec: PanelSpec; waiters: Deferred<SessionInfo>[] } | null = null;
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
  private idleWaiters: (() => void)[] = [];

  private inFlightNow: InFlight | null = null;
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
    /** Called when the frame, the run state, busy or the fault changed. */
    private readonly changed: (driver: PanelDriver) => void,
  ) {}

  /** The newest frame; a failed one with the reason when the worker crashed. */
  get frame(): PanelFrame {
    return this.lastFrame;
  }

  get run(): RunState {
    return this.lastRun;
  }

  get inFlight(): InFlight | null {
    return this.inFlightNow;
  }

  get crashed(): string | null {
    return this.fault;
  }

  /** The spec of the panel's session (or of the last session asked for), null before the first. */
  get spec(): PanelSpec | null {
    return this.currentSpec;
  }

  /** The worker holds this panel's session. */
  get isReady(): boolean {
    return this.ready && this.fault === null;
  }

  /** A new session is being built for this panel. */
  get starting(): boolean {
    return this.createWish !== null || this.inFlightNow?.kind === 'create';
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
      (this.inFlightNow !== null && this.inFlightNow.kind !== 'frame')
    );
  }

  /** (Re)build this panel's session; a crashed or faulty worker is replaced first. */
  create(shared: SharedRequest, spec: PanelSpec): Promise<SessionInfo> {
    const { promise, handle } = deferred<SessionInfo>();
    this.generation++;
    this.dropWishes(new Superseded('a newer session'));
    this.createWish = { shared, spec, waiters: [handle] };
    this.currentSpec = spec;
    this.rate = null; // a new session starts paused
    this.kick();
    return promise;
  }

  /** Back to step 0 with the same spec (pauses). */
  reset(): Promise<void> {
    if (!this.ready) return Promise.reject(new Error('no session to reset'));
    const { promise, handle } = deferred<void>();
    this.generation++;
    this.stepWish?.waiters.forEach((w) => w.resolve());
    this.stepWish = null;
    (this.resetWaiters ??= []).push(handle);
    this.rate = null;
    this.kick();
    return promise;
  }

  /** Restart this panel with a new sampler or parameters (a refused spec keeps the old one). */
  setSpec(spec: PanelSpec): Promise<PanelInfo> {
    const { promise, handle } = deferred<PanelInfo>();
    this.specWish?.waiters.forEach((w) => w.reject(new Superseded('a newer panel spec')));
    this.specWish = { spec, waiters: [handle] };
    this.kick();
    return promise;
  }

  /** k more steps (added to any not yet sent); pauses the loop. */
  step(k: number): Promise<void> {
    const { promise, handle } = deferred<void>();
    this.rate = null;
    if (this.stepWish) {
      this.stepWish.k += k;
      this.stepWish.waiters.push(handle);
    } else this.stepWish = { k, waiters: [handle] };
    this.kick();
    return promise;
  }

  /** Run the worker's loop at `rate` steps per second, or pause it (null). */
  setRate(rate: number | null): void {
    if (rate === this.rate) return;
    this.rate = rate;
    this.kick();
  }

  /** Ask for a fresh frame unless one is already on its way (back-pressure). */
  poll(): void {
    if (this.frameWanted || this.inFlightNow?.kind === 'frame') return;
    this.frameWanted = true;
    this.kick();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (!this.pumping && !this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** A row of this panel's last plan (panel 0 of its worker's session); not subject to back-pressure. */
  couplingRow(particle: number): Promise<CouplingRow> {
    const w = this.worker;
    if (!w || !this.ready) return Promise.reject(new Error(this.fault ?? 'no session yet'));
    return Promise.race([w.api.couplingRow(0, particle), w.dead]);
  }

  /** End the worker; pending callers get Superseded. */
  dispose(): void {
    this.generation++;
    this.dropWishes(new Superseded('the panel was removed'));
    this.rate = null;
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
    this.fault = 'removed';
    this.flushIdle();
  }

  // ---- the pump ---------------------------------------------------------------------------

  private rateDue(): boolean {
    return this.ready && this.fault === null && this.rate !== this.workerRate && !(this.rate !== null && this.stopped);
  }

  private hasWork(): boolean {
    return this.createWish !== null || (this.ready && this.fault === null && (this.resetWaiters !== null || this.specWish !== null || this.stepWish !== null || this.rateDue() || this.frameWanted));
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
    this.createWish?.waiters.forEach((w) => w.reject(why));
    this.resetWaiters?.forEach((w) => w.reject(why));
    this.specWish?.waiters.forEach((w) => w.reject(why));
    this.stepWish?.waiters.forEach((w) => w.reject(why));
    this.createWish = this.resetWaiters = this.specWish = this.stepWish = null;
    this.frameWanted = this.followUp = false;
  }

  /** Send one request, raced against the worker's death; the in-flight record is kept meanwhile. */
  private async send<T>(kind: RequestKind, call: (w: PanelWorker) => Promise<T>): Promise<T> {
    const w = this.worker;
    if (!w) throw new Error(this.fault ?? 'no worker');
    this.inFlightNow = { kind, since: performance.now() };
    this.notifyBusy();
    try {
      return await Promise.race([call(w), w.dead]);
    } finally {
      this.inFlightNow = null;
    }
  }

  private spawn(): void {
    this.worker?.terminate();
    const w = this.makeWorker();
    this.worker = w;
    this.fault = null;
    this.ready = false;
    this.workerRate = null;
    w.dead.catch((e: unknown) => {
      if (this.worker === w) this.crash(errorOf(e).message);
    });
  }

  /** The worker died or broke its contract: show why on the panel; a new session replaces it. */
  private crash(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.fault = message;
    this.ready = false;
    this.workerRate = null;
    const err = new Error(message);
    this.resetWaiters?.forEach((w) => w.reject(err));
    this.specWish?.waiters.forEach((w) => w.reject(err));
    this.stepWish?.waiters.forEach((w) => w.reject(err));
    this.resetWaiters = this.specWish = this.stepWish = null;
    this.frameWanted = this.followUp = false;
    this.lastFrame = { ...this.lastFrame, status: 'failed', error: message };
    this.lastRun = { ...this.lastRun, running: false, stepsPerSecond: 0 };
    this.emit();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.hasWork()) {
        const g = this.generation;
        try {
          await this.next(g);
        } catch (e) {
          if (this.fault !== null || g !== this.generation) continue; // a crash was handled, or superseded
          this.crash(`the sampler worker failed: ${errorOf(e).message}`);
        }
        this.notifyBusy();
      }
    } finally {
      this.pumping = false;
      this.notifyBusy();
      this.flushIdle();
    }
  }

  /** One request: the most important wish first. */
  private async next(g: number): Promise<void> {
    if (this.createWish) {
      const wish = this.createWish;
      this.createWish = null;
      if (!this.worker || this.fault !== null) this.spawn();
      this.stopped = false;
      try {
        const info = await this.send('create', (w) => w.api.createSession({ ...wish.shared, panels: [wish.spec] }));
        if (g !== this.generation) return wish.waiters.forEach((w) => w.reject(new Superseded('a newer session')));
        this.ready = true;
        this.workerRate = null;
        this.lastFrame = EMPTY_FRAME;
        this.lastRun = { ...STOPPED, backend: info.backend };
        this.frameWanted = this.followUp = true;
        wish.waiters.forEach((w) => w.resolve(info));
      } catch (e) {
        wish.waiters.forEach((w) => w.reject(this.fault !== null ? new Error(this.fault) : e));
        if (this.fault === null) {
          // Refused (a bad setting): the worker kept its old session, perhaps still running; end it.
          this.worker?.terminate();
          this.worker = null;
          this.ready = false;
          this.emit();
        }
      }
      return;
    }
    if (this.resetWaiters) {
      const waiters = this.resetWaiters;
      this.resetWaiters = null;
      await settle(waiters, this.send('reset', (w) => w.api.reset()));
      this.workerRate = null;
      this.stopped = false;
      this.frameWanted = this.followUp = true;
      return;
    }
    if (this.specWish) {
      const wish = this.specWish;
      this.specWish = null;
      let info: PanelInfo;
      try {
        info = await this.send('setPanel', (w) => w.api.setPanel(0, wish.spec));
      } catch (e) {
        wish.waiters.forEach((w) => w.reject(this.fault !== null ? new Error(this.fault) : e));
        if (this.fault !== null) throw e;
        return; // refused: the panel keeps its sampler
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
      await settle(wish.waiters, this.send('step', (w) => w.api.step(wish.k))); // pauses the worker's loop first
      this.workerRate = null;
      this.frameWanted = this.followUp = true;
      return;
    }
    if (this.rateDue()) {
      const rate = this.rate;
      if (rate === null) await this.send('pause', (w) => w.api.pause());
      else await this.send('run', (w) => w.api.run({ stepsPerSecond: rate }));
      this.workerRate = rate;
      this.frameWanted = this.followUp = true;
      return;
    }
    this.frameWanted = false;
    const followUp = this.followUp;
    const now = performance.now();
    const asked = this.frameOptions();
    const opts: FrameOptions = followUp
      ? asked
      : { ...asked, plan: asked.plan !== false && now - this.planAt >= PLAN_REFRESH_MS, history: asked.history !== false && now - this.historyAt >= HISTORY_REFRESH_MS };
    const reply = await this.send('frame', (w) => w.api.frame(opts));
    if (g !== this.generation) {
      this.frameWanted = true; // a reply from before a restart: ask again
      return;
    }
    if (followUp) this.followUp = false;
    if (opts.plan !== false) this.planAt = now;
    if (opts.history !== false) this.historyAt = now;
    this.accept(reply.panels[0], reply.run);
  }

  private accept(frame: PanelFrame, run: RunState): void {
    const prev = this.lastFrame;
    // A frame without a plan or history keeps the last ones (unless the panel went back: a reset or
    // restart); a plan of the same step keeps its object, so views that compare by identity skip it.
    const current = <T extends { iteration: number }>(p: T | undefined): p is T => !!p && p.iteration <= frame.iteration;
    let plan = frame.plan ?? (current(prev.plan) ? prev.plan : undefined);
    if (plan && prev.plan && plan !== prev.plan && prev.plan.iteration === plan.iteration && prev.iteration <= frame.iteration) plan = prev.plan;
    const lastRecorded = prev.metricHistory ? prev.metricHistory.steps[prev.metricHistory.steps.length - 1] ?? 0 : -1;
    const metricHistory = frame.metricHistory ?? (prev.metricHistory && lastRecorded <= frame.iteration ? prev.metricHistory : undefined);
    this.lastFrame = plan === frame.plan && metricHistory === frame.metricHistory ? frame : { ...frame, plan, metricHistory };
    this.lastRun = run;
    if (this.workerRate !== null && !run.running) {
      this.workerRate = null; // the loop stopped by itself: the panel failed
      this.stopped = true;
    }
    this.emit();
  }
}
