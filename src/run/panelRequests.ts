/**
 * What a panel wants of its worker besides a session and frames, and how each kind of request is
 * served: a table of request kinds in priority order (reset, new spec, steps, run rate, ping), each
 * saying when it is wanted, what it takes from the wishes, the call, and what its reply, a refusal
 * or a lost worker does. The driver (panelDriver.ts) serves the first wanted one, one at a time.
 */
import type { PanelInfo, PanelSpec, SamplerApi } from '../../workers/samplerApi';
import { Superseded, type Deferred, type RequestKind, type SessionWish } from './requests';

/** What the page has asked of the panel and not yet been sent, and what the worker's loop does. */
export class Wishes {
  createWish: SessionWish | null = null;
  resetWaiters: Deferred<void>[] | null = null;
  specWish: { spec: PanelSpec; waiters: Deferred<PanelInfo>[] } | null = null;
  stepWish: { k: number; waiters: Deferred<void>[] } | null = null;
  /** Wanted run rate (null: paused) and the rate the worker's loop runs at (null: stopped). */
  rate: number | null = null;
  workerRate: number | null = null;
  /** The loop stopped by itself (the panel failed): not restarted until a new session, reset or spec. */
  stopped = false;
  /** Pause was asked while the worker may be stepping (its loop runs or a step is in flight). */
  pauseWanted = false;
  frameWanted = false;
  /** A frame is wanted to show the result of a command (the panel is busy until it arrives). */
  followUp = false;
  /** An idle worker is asked for its run state (a dead one then goes unanswered). */
  pingWanted = false;

  /** The run rate differs from the worker's and may be sent (a failed panel is not restarted). */
  get rateDue(): boolean {
    return this.rate !== this.workerRate && !(this.rate !== null && this.stopped);
  }

  /** A command's result is to be shown: ask for a frame that carries everything. */
  showResult(): void {
    this.frameWanted = this.followUp = true;
  }
}

/** What a served request changes on the driver besides its wishes. */
export interface RequestHost {
  readonly wishes: Wishes;
  /** The worker now runs this spec (frames of the old one are stale). */
  specTaken(spec: PanelSpec): void;
}

/** One kind of request. T: what it takes from the wishes; R: the worker's reply. */
export interface PanelRequest<T, R> {
  readonly kind: RequestKind;
  wanted(w: Wishes): boolean;
  take(w: Wishes): T;
  call(api: SamplerApi, taken: T): Promise<R>;
  /** Steps the worker may take before it replies (for the allowance). */
  steps?(taken: T): number;
  done(h: RequestHost, taken: T, reply: R): void;
  /** The worker was lost before replying: put back what its replacement serves. */
  lost?(w: Wishes, taken: T): void;
  /** The worker refused (a bad value): tell the callers; true when the worker is fine and the panel goes on. */
  refused?(w: Wishes, taken: T, e: unknown): boolean;
}

const request = <T, R>(r: PanelRequest<T, R>): PanelRequest<T, R> => r;

const reset = request<Deferred<void>[], void>({
  kind: 'reset',
  wanted: (w) => w.resetWaiters !== null,
  take: (w) => {
    const waiters = w.resetWaiters!;
    w.resetWaiters = null;
    return waiters;
  },
  call: (api) => api.reset(),
  done: ({ wishes: w }, waiters) => {
    waiters.forEach((x) => x.resolve());
    w.workerRate = null;
    w.stopped = w.pauseWanted = false;
    w.showResult();
  },
  lost: (w, waiters) => void (w.resetWaiters = [...waiters, ...(w.resetWaiters ?? [])]), // served by the replacement
  refused: (_w, waiters, e) => {
    waiters.forEach((x) => x.reject(e));
    return false;
  },
});

type SpecWish = NonNullable<Wishes['specWish']>;

const setPanel = request<SpecWish, PanelInfo>({
  kind: 'setPanel',
  wanted: (w) => w.specWish !== null,
  take: (w) => {
    const wish = w.specWish!;
    w.specWish = null;
    return wish;
  },
  call: (api, wish) => api.setPanel(wish.spec),
  done: (h, wish, info) => {
    h.specTaken(wish.spec);
    h.wishes.stopped = false;
    h.wishes.showResult();
    wish.waiters.forEach((x) => x.resolve(info));
  },
  lost: (w, wish) => {
    if (w.specWish) wish.waiters.forEach((x) => x.reject(new Superseded('a newer panel spec')));
    else w.specWish = wish; // served by the replacement
  },
  refused: (_w, wish, e) => {
    wish.waiters.forEach((x) => x.reject(e)); // the panel keeps its sampler
    return true;
  },
});

type StepWish = NonNullable<Wishes['stepWish']>;

const step = request<StepWish, void>({
  kind: 'step',
  wanted: (w) => w.stepWish !== null,
  take: (w) => {
    const wish = w.stepWish!;
    w.stepWish = null;
    return wish;
  },
  call: (api, wish) => api.step(wish.k), // pauses the worker's loop first
  steps: (wish) => wish.k,
  done: ({ wishes: w }, wish) => {
    wish.waiters.forEach((x) => x.resolve());
    w.workerRate = null;
    if (w.rate === null) w.pauseWanted = false;
    w.showResult();
  },
  lost: (_w, wish) => wish.waiters.forEach((x) => x.resolve()), // not taken: the notice says why
  refused: (_w, wish, e) => {
    wish.waiters.forEach((x) => x.reject(e));
    return false;
  },
});

const rate = request<number | null, void>({
  kind: 'run', // or 'pause': see kindOf
  wanted: (w) => w.rateDue,
  take: (w) => w.rate,
  call: (api, r) => (r === null ? api.pause() : api.run({ stepsPerSecond: r })),
  done: ({ wishes: w }, r) => {
    w.workerRate = r;
    if (r === null && w.rate === null) w.pauseWanted = false;
    w.showResult();
  },
});

const ping = request<void, unknown>({
  kind: 'ping',
  wanted: (w) => w.pingWanted && !w.frameWanted,
  take: (w) => void (w.pingWanted = false),
  call: (api) => api.runState(),
  done: () => undefined,
});

/** The request kinds after a new session, most urgent first (frames come last, from the driver). */
export const PANEL_REQUESTS: readonly PanelRequest<never, never>[] = [reset, setPanel, step, rate, ping] as unknown as PanelRequest<never, never>[];

/** The kind a request is sent as: a run rate of null is a pause. */
export const kindOf = <T, R>(r: PanelRequest<T, R>, taken: T): RequestKind => (r === (rate as unknown) && taken === null ? 'pause' : r.kind);
