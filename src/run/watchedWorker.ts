/**
 * One sampler worker with its requests watched: each request races the reply against the worker's
 * death, a silence longer than its allowance (the cost model's, workerWatch.ts) and a give-up from
 * the driver (a cancel). At most one request is in flight.
 */
import type { SamplerApi } from '../../workers/samplerApi';
import { errorOf, type InFlight, type RequestKind } from './requests';
import type { PanelWorker } from './workerClient';
import { WorkerLost, type LossCause } from './workerWatch';

export class WatchedWorker {
  /** It has not answered its first create yet (its module may still be loading). */
  fresh = true;
  /** When it last answered (performance.now()): a running loop's step began about then. */
  lastReplyAt = 0;
  private flight: (InFlight & { readonly abort: (e: Error) => void }) | null = null;
  private ended = false;

  /** onDead: the worker reported its death (not called after terminate()). */
  constructor(
    private readonly worker: PanelWorker,
    onDead: (cause: LossCause) => void,
  ) {
    worker.dead.catch((e: unknown) => {
      if (!this.ended) onDead({ kind: 'dead', message: errorOf(e).message });
    });
  }

  get api(): SamplerApi {
    return this.worker.api;
  }

  /** The death of the worker, for calls that are not watched (coupling rows). */
  get dead(): Promise<never> {
    return this.worker.dead;
  }

  /** The request in flight and since when, or null. */
  get inFlight(): InFlight | null {
    return this.flight && { kind: this.flight.kind, since: this.flight.since };
  }

  /** One request: its reply, or WorkerLost when the worker stays silent for `allowanceMs`, or whatever abort() passes. */
  async send<T>(kind: RequestKind, call: (api: SamplerApi) => Promise<T>, allowanceMs: number): Promise<T> {
    if (this.flight) throw new Error(`a ${this.flight.kind} request is already in flight`);
    const since = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const given = new Promise<never>((_, reject) => {
      this.flight = { kind, since, abort: reject };
      timer = setTimeout(() => reject(new WorkerLost({ kind: 'hung', silentMs: performance.now() - since })), allowanceMs);
    });
    given.catch(() => undefined);
    try {
      const out = await Promise.race([call(this.worker.api), given]);
      this.lastReplyAt = performance.now();
      return out;
    } finally {
      clearTimeout(timer);
      this.flight = null;
    }
  }

  /** Give up the request in flight (its caller gets `e`); false when there is none. */
  abort(e: Error): boolean {
    if (!this.flight) return false;
    this.flight.abort(e);
    return true;
  }

  /** End the worker (a busy one in Chromium runs on for up to 2 s, unseen). */
  terminate(): void {
    this.ended = true;
    this.worker.terminate();
  }

  /** Test hook: end the worker without anyone being told (as a browser might). */
  terminateUnseen(): void {
    this.worker.terminate();
  }
}
