/**
 * A panel's state and its worker (the base of PanelPump and PanelDriver): what the page wants
 * (Wishes), what the panel shows (its last frame, run state, notice, fault), the heartbeat of an
 * idle worker, and what happens when the worker is lost: a replacement that continues the panel
 * (replacement.ts), or after repeated losses without progress, the panel given up with the reason.
 */
import type { FrameOptions, PanelFrame, PanelSpec, RunState, SamplerApi } from '../../workers/samplerApi';
import { specDim } from '../engine/targets/ndSpec';
import { mergeFrame } from './frameMerge';
import { PanelLink } from './panelLink';
import { PANEL_REQUESTS, Wishes } from './panelRequests';
import { replacement } from './replacement';
import { rejectWish, type InFlight, type RequestKind, type SharedRequest } from './requests';
import { StepCanceller } from './stepCancel';
import type { PanelWorkerFactory } from './workerClient';
import { allowanceMs, DEFAULT_TIMING, gaveUpMessage, lossNotice, MAX_RESTARTS, type LossCause, type StepCost, type WatchTiming } from './workerWatch';


/** A frame to show before the panel's first reply: nothing drawn yet. */
export const EMPTY_FRAME: PanelFrame = {
  iteration: 0,
  positions: new Float32Array(0),
  trailHead: 0,
  trailCount: 0,
  diagnostics: {},
  status: 'ok',
};

export const STOPPED: RunState = { running: false, stepsPerSecond: 0 };

/** Most steps that repeated Step clicks pile up for one worker while it is busy (more are dropped). */
export const MAX_PENDING_STEPS = 5;
/**
 * While polling, a plan image (an O(n P) pass in the worker, a repaint here) and the metric
 * history are asked for at most this often; frames in between carry the last ones. A frame that
 * shows a command's result always carries everything asked for.
 */
export const PLAN_REFRESH_MS = 250;
export const HISTORY_REFRESH_MS = 300;
/**
 * An idle worker (a paused panel) is pinged this long after its last request: with the 1.5 s
 * allowance, one that died meanwhile (terminated, closed) is noticed within ~1.8 s without a click.
 */
export const HEARTBEAT_MS = 300;
const NO_COST: StepCost = { typical: 0, worst: 0 };

export abstract class PanelBase {
  readonly wishes = new Wishes();
  protected readonly link: PanelLink;
  protected readonly canceller: StepCanceller;
  /** Why the panel's worker was given up for good (the panel shows it), or null. */
  protected fault: string | null = null;
  /** Bumped by every new session, reset and spec: replies from an older generation are dropped. */
  protected generation = 0;
  /** The worker holds a session this driver made (false before the first create and after a failed one). */
  protected ready = false;
  /** The shared settings of the session the worker holds (a replaced worker gets them again). */
  protected shared: SharedRequest | null = null;
  /** Threads its ETD kernels may use (src/run/threadShare.ts). */
  protected threads = 1;
  protected pumping = false;
  protected heartbeat: ReturnType<typeof setTimeout> | undefined;
  protected idleWaiters: (() => void)[] = [];
  /** Workers replaced in a row without the panel getting past step `restartedAt`. */
  protected restarts = 0;
  protected restartedAt = 0;
  /** What happened to the panel's worker (a replacement, a cancelled step), or null. */
  protected noticeText: string | null = null;
  protected costKey: { spec: PanelSpec; n: number; d: number; cost: StepCost } | null = null;
  protected lastFrame: PanelFrame = EMPTY_FRAME;
  protected lastRun: RunState = STOPPED;
  protected wasBusy = false;
  protected currentSpec: PanelSpec | null = null;
  protected planAt = -Infinity;
  protected historyAt = -Infinity;

  constructor(
    readonly id: number,
    makeWorker: PanelWorkerFactory,
    protected readonly frameOptions: () => FrameOptions,
    /** Called when the frame, the run state, busy, the notice or the fault changed. */
    protected readonly changed: (driver: PanelBase) => void,
    protected readonly timing: WatchTiming = DEFAULT_TIMING,
  ) {
    this.link = new PanelLink(makeWorker, (cause) => {
      this.replace(cause);
      this.kick();
    });
    const driver = this;
    this.canceller = new StepCanceller({
      link: this.link,
      wishes: this.wishes,
      get failed() {
        return driver.fault !== null;
      },
      cancelMs: timing.cancelMs,
      typicalStepMs: () => this.stepCost().typical,
    });
  }

  get inFlight(): InFlight | null {
    return this.link.inFlight;
  }

  /** A command (not a frame poll) is queued or in flight, or its result not yet shown. */
  get busy(): boolean {
    return (
      this.wishes.createWish !== null ||
      this.wishes.resetWaiters !== null ||
      this.wishes.specWish !== null ||
      this.wishes.stepWish !== null ||
      this.rateDue ||
      this.wishes.followUp ||
      (this.inFlight !== null && this.inFlight.kind !== 'frame' && this.inFlight.kind !== 'ping')
    );
  }

  /** Send the wished-for requests one at a time (PanelPump). */
  protected abstract pump(): Promise<void>;

  /** A run rate to send to a worker that holds the panel's session. */
  protected get rateDue(): boolean {
    return this.ready && this.fault === null && this.wishes.rateDue;
  }

  protected hasWork(): boolean {
    const w = this.wishes;
    if (w.createWish !== null) return true;
    return this.ready && this.fault === null && (w.frameWanted || PANEL_REQUESTS.some((r) => r.wanted(w)));
  }

  /** Ask an idle worker whether it is still there HEARTBEAT_MS from now (unless something else asks first). */
  protected armHeartbeat(): void {
    clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
    if (!this.ready || this.fault !== null || !this.link.exists) return;
    this.heartbeat = setTimeout(() => {
      this.heartbeat = undefined;
      if (this.pumping || !this.ready || this.fault !== null) return;
      this.wishes.pingWanted = true;
      this.kick();
    }, HEARTBEAT_MS);
  }

  protected kick(): void {
    this.notifyBusy();
    if (!this.pumping) void this.pump();
  }

  protected notifyBusy(): void {
    if (this.busy !== this.wasBusy) this.emit();
  }

  protected emit(): void {
    this.wasBusy = this.busy;
    this.changed(this);
  }

  protected flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  protected dropWishes(why: Error): void {
    const w = this.wishes;
    if (w.createWish) rejectWish(w.createWish, why);
    w.resetWaiters?.forEach((x) => x.reject(why));
    w.specWish?.waiters.forEach((x) => x.reject(why));
    w.stepWish?.waiters.forEach((x) => x.reject(why));
    w.createWish = w.resetWaiters = w.specWish = w.stepWish = null;
    w.frameWanted = w.followUp = false;
  }

  /** A new session, reset or spec asked for by the page: earlier trouble is forgotten. */
  protected restartByUser(): void {
    this.restarts = 0;
    this.noticeText = null;
    this.canceller.urge();
  }

  /**
   * What one step of the panel's sampler costs (the cost model, in the target's dimension: a slow
   * step in high dimension is waited for, not taken for a hung worker), for the watchdog.
   */
  protected stepCost(): StepCost {
    const spec = this.currentSpec;
    const n = this.shared?.n;
    if (!spec || !n) return NO_COST;
    const d = specDim(this.shared!.target);
    if (this.costKey?.spec !== spec || this.costKey.n !== n || this.costKey.d !== d) this.costKey = { spec, n, d, cost: this.timing.stepCost(spec, n, d) };
    return this.costKey.cost;
  }

  /** How long a request may go unanswered: the step its worker's loop may be in, plus the `steps` it asks for. */
  protected allowance(kind: RequestKind, steps = 0): number {
    return allowanceMs(this.timing, this.stepCost(), (this.wishes.workerRate !== null ? 1 : 0) + steps, kind === 'create', this.restarts);
  }

  /** Send one watched request to the worker (see PanelLink). */
  protected send<T>(kind: RequestKind, call: (api: SamplerApi) => Promise<T>, allowance: number): Promise<T> {
    const reply = this.link.send(kind, call, allowance);
    this.notifyBusy();
    return reply;
  }

  /** A fresh worker for the next request (any old one is ended). */
  protected spawn(): void {
    this.link.renew();
    this.fault = null;
    this.ready = false;
    this.wishes.workerRate = null;
  }

  /**
   * Terminate the worker and queue a session on a fresh one (see replacement.ts); the panel says
   * what happened. A worker lost MAX_RESTARTS + 1 times in a row without the panel getting
   * further is given up.
   */
  protected replace(cause: LossCause): void {
    if (this.fault !== null) return;
    this.link.end();
    this.ready = false;
    const w = this.wishes;
    w.workerRate = null;
    w.pauseWanted = w.pingWanted = false;
    w.frameWanted = w.followUp = false;
    this.lastRun = { ...this.lastRun, running: false, stepsPerSecond: 0 };
    const at = this.lastFrame.iteration;
    if (cause.kind !== 'cancel') {
      if (++this.restarts > MAX_RESTARTS) return this.giveUp(gaveUpMessage(cause, at));
      this.restartedAt = at;
    }
    const waiting = { createWish: w.createWish, resetWaiters: w.resetWaiters, specWish: w.specWish };
    const r = replacement(cause, waiting, { shared: this.shared, spec: this.currentSpec, frame: this.lastFrame });
    if (!r) return this.giveUp(lossNotice(cause, 0));
    w.createWish = r.wish;
    if (r.took === 'reset') w.resetWaiters = null;
    if (r.took === 'spec') w.specWish = null;
    if (r.notice !== undefined) this.noticeText = r.notice;
    this.canceller.since = this.canceller.outstanding() ? performance.now() : null;
    this.emit();
  }

  /** The worker keeps failing: stop the panel with the reason; a new session, reset or spec replaces it. */
  protected giveUp(message: string): void {
    this.link.end();
    this.fault = message;
    this.ready = false;
    this.wishes.workerRate = null;
    this.noticeText = null;
    this.dropWishes(new Error(message));
    this.canceller.stop();
    clearTimeout(this.heartbeat);
    this.lastFrame = { ...this.lastFrame, status: 'failed', error: message };
    this.lastRun = { ...this.lastRun, running: false, stepsPerSecond: 0 };
    this.emit();
  }

  protected accept(frame: PanelFrame, run: RunState): void {
    this.lastFrame = mergeFrame(this.lastFrame, frame);
    this.lastRun = run;
    if (frame.iteration > this.restartedAt) this.restarts = 0; // the panel got further: its worker works
    if (this.wishes.workerRate !== null && !run.running) {
      this.wishes.workerRate = null; // the loop stopped by itself: the panel failed
      this.wishes.stopped = true;
    }
    this.emit();
  }
}
