/**
 * A panel's sampler worker under the worker supervisor (src/run/supervisor.ts, the one every
 * worker site of the page uses): at most one watched request in flight, its reply raced against
 * the worker's death and its allowance (workerWatch.ts). A lost worker comes back as WorkerLost
 * with why; what to do about it (a replacement that continues the panel) is the driver's business.
 */
import type { SamplerApi } from '../../workers/samplerApi';
import type { InFlight, RequestKind } from './requests';
import { Superseded } from './requests';
import { SupervisedCancel, SupervisedLoss, Supervisor, type SupervisedCause } from './supervisor';
import type { PanelWorkerFactory } from './workerClient';
import { WorkerLost, type LossCause } from './workerWatch';

/** One worker of the panel (a replacement is a new one). */
interface Incarnation {
  /** It has not answered its first create yet (its module may still be loading). */
  fresh: boolean;
  /** When it last answered (performance.now()): a running loop's step began about then. */
  lastReplyAt: number;
  flight: InFlight | null;
  /** Why the request in flight was given up on purpose (a cancel), or null (the panel was removed). */
  cancelCause: LossCause | null;
}

const lossOf = (c: SupervisedCause): LossCause => (c.kind === 'hung' ? { kind: 'hung', silentMs: c.silentMs } : { kind: 'dead', message: c.message });

export class PanelLink {
  private readonly sup: Supervisor<SamplerApi>;
  private current: Incarnation | null = null;

  /** onIdleLoss: the worker died while no request was in flight (its state is gone all the same). */
  constructor(makeWorker: PanelWorkerFactory, onIdleLoss: (cause: LossCause) => void) {
    this.sup = new Supervisor<SamplerApi>({
      site: 'sampler',
      spawn: makeWorker,
      maxRestarts: Infinity, // the driver gives up by its own rule (no progress, not losses in a row)
      onEvent: (e) => {
        if (e.kind === 'lost' && e.pending === 0 && this.current) onIdleLoss(lossOf(e.cause));
      },
    });
  }

  /** The panel has a worker (it may still be loading). */
  get exists(): boolean {
    return this.current !== null;
  }

  get fresh(): boolean {
    return this.current?.fresh ?? false;
  }

  get lastReplyAt(): number {
    return this.current?.lastReplyAt ?? 0;
  }

  /** The watched request in flight and since when, or null. */
  get inFlight(): InFlight | null {
    return this.current?.flight ?? null;
  }

  /** A token of the current worker: compare to tell whether it was replaced meanwhile. */
  get token(): object | null {
    return this.current;
  }

  /** The worker's API for questions beside the watched requests (race them against `dead`). */
  get api(): SamplerApi {
    return this.sup.api;
  }

  get dead(): Promise<never> {
    return this.sup.dead;
  }

  /** End any worker; the next request starts a fresh one. */
  renew(): void {
    this.sup.cancel();
    this.current = { fresh: true, lastReplyAt: 0, flight: null, cancelCause: null };
  }

  /** The worker answered its first create. */
  settled(): void {
    if (this.current) this.current.fresh = false;
  }

  /** End the worker; the panel has none until renew(). */
  end(): void {
    const c = this.current;
    this.current = null;
    if (c) c.cancelCause = null;
    this.sup.cancel();
  }

  /** Give up the request in flight on purpose (its caller gets WorkerLost(cause)) and end the worker; false when none is in flight. */
  cancel(cause: LossCause): boolean {
    const c = this.current;
    if (!c?.flight) return false;
    c.cancelCause = cause;
    this.current = null;
    this.sup.cancel();
    return true;
  }

  /** One watched request: its reply, or WorkerLost (dead, hung, cancelled), or Superseded (the panel was removed). */
  async send<T>(kind: RequestKind, call: (api: SamplerApi) => Promise<T>, allowanceMs: number): Promise<T> {
    const c = this.current;
    if (!c) throw new Error('no worker');
    if (c.flight) throw new Error(`a ${c.flight.kind} request is already in flight`);
    c.flight = { kind, since: performance.now() };
    try {
      const out = await this.sup.call(call, { allowanceMs, name: kind });
      c.lastReplyAt = performance.now();
      return out;
    } catch (e) {
      if (e instanceof SupervisedLoss) throw new WorkerLost(lossOf(e.cause));
      if (e instanceof SupervisedCancel) throw c.cancelCause ? new WorkerLost(c.cancelCause) : new Superseded('the panel was removed');
      throw e;
    } finally {
      c.flight = null;
    }
  }

  /** End for good (the panel was removed). */
  dispose(): void {
    this.current = null;
    this.sup.dispose();
  }

  /** Test hook: end the worker from this side without anyone being told (as a browser might). */
  debugTerminateUnseen(): void {
    this.sup.debugTerminateUnseen();
  }
}
