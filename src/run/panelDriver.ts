/**
 * One panel's sampler worker, driven with back-pressure: at most one request is outstanding at
 * a time (coupling rows aside). Callers state what they want (a new session, a reset, a new
 * spec, k more steps, a run rate or paused, a fresh frame); the pump sends one request after
 * the other in that order of priority (the table of panelRequests.ts) and coalesces what piles up
 * meanwhile (Step clicks add up to one step(k), frame polls to one frame), so nothing queues
 * behind a slow step.
 *
 * The worker is supervised (panelLink.ts over src/run/supervisor.ts): one that dies, or leaves a
 * request unanswered for longer than the cost model allows (workerWatch.ts), is terminated and
 * replaced by a fresh one that continues the panel from its last frame (replacement.ts), and the
 * panel says what happened. A Pause, Reset, new spec or new session that a worker busy in a long
 * step has not taken up within cancelMs terminates it the same way (stepCancel.ts).
 */
import type { Axes, AxesView, CouplingLines, CouplingRow, DebugFault, PanelFrame, PanelInfo, PanelSpec, RunState, SamplerApi, SessionInfo, StageRecord } from '../../workers/samplerApi';
import { MAX_PENDING_STEPS } from './panelBase';
import { PanelPump } from './panelPump';
import { deferred, sessionWish, Superseded, type InFlight, type RequestKind, type SharedRequest } from './requests';

export { Superseded, type InFlight, type RequestKind, type SharedRequest };
export { EMPTY_FRAME, HEARTBEAT_MS, HISTORY_REFRESH_MS, MAX_PENDING_STEPS, PLAN_REFRESH_MS } from './panelBase';

export class PanelDriver extends PanelPump {
  /** The newest frame; a failed one with the reason when the worker was given up. */
  get frame(): PanelFrame {
    return this.lastFrame;
  }

  get run(): RunState {
    return this.lastRun;
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
    return this.wishes.createWish !== null || this.inFlight?.kind === 'create';
  }

  /** (Re)build this panel's session; a worker that was given up or is stuck in a step is replaced. */
  create(shared: SharedRequest, spec: PanelSpec): Promise<SessionInfo> {
    const { promise, handle } = deferred<SessionInfo>();
    this.generation++;
    this.dropWishes(new Superseded('a newer session'));
    this.wishes.createWish = sessionWish(shared, spec, { waiters: [handle] });
    this.currentSpec = spec;
    this.wishes.rate = null; // a new session starts paused
    this.wishes.pauseWanted = false;
    this.restartByUser();
    this.kick();
    return promise;
  }

  /** Back to step 0 with the same spec (pauses). A worker stuck in a step is replaced by a fresh session. */
  reset(): Promise<void> {
    if (!this.ready && !this.starting) return Promise.reject(new Error('no session to reset'));
    const { promise, handle } = deferred<void>();
    this.generation++;
    this.wishes.stepWish?.waiters.forEach((w) => w.resolve());
    this.wishes.stepWish = null;
    (this.wishes.resetWaiters ??= []).push(handle);
    this.wishes.rate = null;
    this.wishes.pauseWanted = false;
    this.restartByUser();
    this.kick();
    return promise;
  }

  /** Restart this panel with a new sampler or parameters (a refused spec keeps the old one). */
  setSpec(spec: PanelSpec): Promise<PanelInfo> {
    const { promise, handle } = deferred<PanelInfo>();
    this.wishes.specWish?.waiters.forEach((w) => w.reject(new Superseded('a newer panel spec')));
    this.wishes.specWish = { spec, waiters: [handle] };
    this.restartByUser();
    this.kick();
    return promise;
  }

  /** k more steps (added to any not yet sent); pauses the loop. */
  step(k: number): Promise<void> {
    const { promise, handle } = deferred<void>();
    this.wishes.rate = null;
    // Clicks made while steps are pending add up, but only to MAX_PENDING_STEPS: holding Step on
    // a slow panel cannot queue minutes of work.
    if (this.wishes.stepWish) {
      this.wishes.stepWish.k = Math.min(this.wishes.stepWish.k + k, Math.max(MAX_PENDING_STEPS, this.wishes.stepWish.k));
      this.wishes.stepWish.waiters.push(handle);
    } else this.wishes.stepWish = { k, waiters: [handle] };
    this.kick();
    return promise;
  }

  /** Run the worker's loop at `rate` steps per second, or pause it (null). */
  setRate(rate: number | null): void {
    if (rate === null) return this.pause();
    if (rate === this.wishes.rate) return;
    this.wishes.rate = rate;
    this.kick();
  }

  /**
   * Stop stepping: steps not yet sent are dropped, and a worker that has not stopped within
   * cancelMs (it is in a long step) is terminated and the panel continues from its last frame.
   */
  pause(): void {
    const f = this.inFlight;
    const stepping = this.wishes.workerRate !== null || f?.kind === 'step' || f?.kind === 'run';
    this.wishes.rate = null;
    this.wishes.stepWish?.waiters.forEach((w) => w.resolve());
    this.wishes.stepWish = null;
    if (stepping && this.ready) {
      this.wishes.pauseWanted = true;
      this.canceller.urge();
    }
    this.kick();
  }

  /** Ask for a fresh frame unless one is already on its way (back-pressure). */
  poll(): void {
    if (this.wishes.frameWanted || this.inFlight?.kind === 'frame') return;
    this.wishes.frameWanted = true;
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
    if (this.wishes.createWish) this.wishes.createWish = { ...this.wishes.createWish, shared: { ...this.wishes.createWish.shared, axes } };
    if (!this.link.exists || !this.ready || this.fault !== null) return null;
    const view = await this.beside((api) => api.setAxes(axes[0], axes[1]));
    this.wishes.frameWanted = true;
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
    if (this.link.exists && this.ready && this.fault === null && this.inFlight?.kind !== 'create') this.link.api.setThreads(k).catch(() => undefined);
  }

  /** A row of this panel's last plan; not subject to back-pressure. */
  couplingRow(particle: number): Promise<CouplingRow> {
    return this.beside((api) => api.couplingRow(particle));
  }

  /** Any question to this panel's worker that changes nothing; not subject to back-pressure. */
  ask<T>(call: (api: SamplerApi) => Promise<T>): Promise<T> {
    return this.beside(call);
  }

  /** The coupling lines of this panel's last plan in one call; not subject to back-pressure. */
  couplingLines(top: number, maxParticles: number): Promise<CouplingLines> {
    return this.beside((api) => api.couplingLines(top, maxParticles));
  }

  /**
   * The panel's next step recorded stage by stage (ETD only): the worker takes the step, so a
   * fresh frame is asked for after it. Not subject to back-pressure: call it on a paused, idle panel.
   */
  async stages(particle: number): Promise<StageRecord> {
    const record = await this.beside((api) => api.stages(particle));
    this.wishes.showResult();
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
    this.link.debugTerminateUnseen();
  }

  /** Test hook: make the worker close itself, throw an uncaught error, or hang. */
  debugFault(kind: DebugFault): void {
    if (this.link.exists) this.link.api.debugFault(kind).catch(() => undefined);
  }

  /** End the worker; pending callers get Superseded. */
  dispose(): void {
    this.generation++;
    const why = new Superseded('the panel was removed');
    this.dropWishes(why);
    this.wishes.rate = null;
    this.fault = 'removed';
    this.canceller.stop();
    clearTimeout(this.heartbeat);
    this.link.dispose(); // the pump stops waiting for it (Superseded)
    this.ready = false;
    this.flushIdle();
  }

  /** A question to the worker beside the watched requests (not subject to back-pressure), raced against its death. */
  private beside<T>(call: (api: SamplerApi) => Promise<T>): Promise<T> {
    if (!this.link.exists || !this.ready) return Promise.reject(new Error(this.fault ?? 'no session yet'));
    return Promise.race([call(this.link.api), this.link.dead]);
  }
}
