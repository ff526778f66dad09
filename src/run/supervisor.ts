/**
 * One supervisor for a worker site (spawn, watch, replace, cancel, report), generic over the
 * worker's API so any site can adopt it; the lab's workers use it (src/run/lab/*).
 *
 * A site asks for calls; the supervisor spawns its worker lazily, races each call's reply against
 * the worker's death (an uncaught error, a message that cannot be read, a failed load) and
 * against the call's allowance (a worker that cannot answer for that long is hung: a busy worker
 * cannot be interrupted, so a hung loop and a dead worker both look like silence). On either it
 * terminates the worker, reports the loss, rejects the call with SupervisedLoss, and the next call
 * gets a fresh worker; after `maxRestarts` losses in a row without one answered call it gives up
 * (calls reject with the last loss until reset()). cancel() terminates the worker on purpose (its
 * calls reject with SupervisedCancel); dispose() ends it for good. Every start and termination is
 * recorded in a log the browser tests read (src/run/lab/labDebug.ts).
 *
 * What a replacement means is the site's business (re-solve, retrain from step 0, ...): the
 * supervisor only says that it happened and why (a worker that dies between calls is reported by
 * an event with no pending calls: its state is gone all the same).
 */

/** A worker as the supervisor sees it: its API, a promise that rejects when it dies, a way to end it. */
export interface Spawned<Api> {
  readonly api: Api;
  /** Rejects with a readable Error when the worker dies; never resolves. */
  readonly dead: Promise<never>;
  terminate(): void;
}

/** Why a worker was given up. */
export type SupervisedCause =
  | { readonly kind: 'dead'; readonly message: string }
  | { readonly kind: 'hung'; readonly silentMs: number; readonly call: string };

/** The worker of a call was lost (dead or hung) and has been terminated; the next call gets a new one. */
export class SupervisedLoss extends Error {
  constructor(
    readonly site: string,
    override readonly cause: SupervisedCause,
    /** The supervisor gave up after this loss (too many in a row). */
    readonly gaveUp: boolean,
  ) {
    super(describeLoss(site, cause));
  }
}

/** The call's worker was terminated on purpose (cancel, dispose). */
export class SupervisedCancel extends Error {
  constructor(readonly site: string) {
    super(`${site}: cancelled`);
  }
}

export function describeLoss(site: string, cause: SupervisedCause): string {
  return cause.kind === 'dead' ? `the ${site} worker died (${cause.message})` : `the ${site} worker did not answer ${cause.call} for ${(cause.silentMs / 1000).toFixed(1)} s`;
}

export type SupervisorEvent =
  | { readonly kind: 'started'; readonly site: string; readonly worker: number }
  /** pending: calls that were in flight (they reject with SupervisedLoss); 0: the worker died idle, and its state with it. */
  | { readonly kind: 'lost'; readonly site: string; readonly worker: number; readonly cause: SupervisedCause; readonly gaveUp: boolean; readonly pending: number }
  | { readonly kind: 'terminated'; readonly site: string; readonly worker: number; readonly why: 'lost' | 'cancel' | 'dispose' };

/** Starts and terminations of every supervised worker of the page, for tests and debugging. */
export class SupervisorLog {
  private next = 0;
  readonly events: { at: number; event: 'started' | 'terminated'; site: string; worker: number }[] = [];
  /** A page-wide worker number. */
  id(): number {
    return ++this.next;
  }
  record(event: 'started' | 'terminated', site: string, worker: number): void {
    this.events.push({ at: performance.now(), event, site, worker });
  }
  /** Workers started and not terminated, per site. */
  live(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.events) out[e.site] = (out[e.site] ?? 0) + (e.event === 'started' ? 1 : -1);
    return out;
  }
}

export const supervisorLog = new SupervisorLog();

export interface SupervisorOptions<Api> {
  /** Names the worker in messages, e.g. 'lab Sinkhorn'. */
  readonly site: string;
  readonly spawn: () => Spawned<Api>;
  readonly onEvent?: (e: SupervisorEvent) => void;
  /** Losses in a row (no call answered between them) after which the supervisor gives up. */
  readonly maxRestarts?: number;
  readonly log?: SupervisorLog;
}

export interface CallOptions {
  /** A reply later than this after the call means the worker is hung. */
  readonly allowanceMs: number;
  /** What the call does, for messages ('solve', 'train', ...). */
  readonly name: string;
}

interface Live<Api> {
  readonly spawned: Spawned<Api>;
  readonly worker: number;
  /** Rejects every pending call of this worker (cancel, loss). */
  readonly abort: Set<(e: Error) => void>;
}

export class Supervisor<Api> {
  private live: Live<Api> | null = null;
  private lossesInARow = 0;
  private gaveUp: SupervisedLoss | null = null;
  private disposed = false;
  private readonly log: SupervisorLog;

  constructor(private readonly opts: SupervisorOptions<Api>) {
    this.log = opts.log ?? supervisorLog;
  }

  get site(): string {
    return this.opts.site;
  }

  /** A worker is running now. */
  get running(): boolean {
    return this.live !== null;
  }

  /** The page-wide number of the current worker (0: none). */
  get workerId(): number {
    return this.live?.worker ?? 0;
  }

  /** The current worker's API (spawning one if needed), for fire-and-forget calls such as fault injection. */
  get api(): Api {
    return this.ensure().spawned.api;
  }

  /**
   * The current worker's death, for calls that are raced against it but not watched for silence
   * (a question asked beside a watched call); never settles when there is no worker.
   */
  get dead(): Promise<never> {
    return this.live?.spawned.dead ?? new Promise<never>(() => undefined);
  }

  /** Test hook: end the worker behind the supervisor's back (as a browser might); a later call finds it silent. */
  debugTerminateUnseen(): void {
    this.live?.spawned.terminate();
  }

  private ensure(): Live<Api> {
    if (this.disposed) throw new SupervisedCancel(this.opts.site);
    if (this.gaveUp) throw this.gaveUp;
    if (this.live) return this.live;
    const spawned = this.opts.spawn();
    const worker = this.log.id();
    const live: Live<Api> = { spawned, worker, abort: new Set() };
    this.live = live;
    this.log.record('started', this.opts.site, worker);
    this.opts.onEvent?.({ kind: 'started', site: this.opts.site, worker });
    spawned.dead.catch((e: unknown) => {
      if (this.live === live) this.lose(live, { kind: 'dead', message: e instanceof Error ? e.message : String(e) });
    });
    return live;
  }

  private end(live: Live<Api>, why: 'lost' | 'cancel' | 'dispose', reason: Error): void {
    if (this.live === live) this.live = null;
    live.spawned.terminate();
    this.log.record('terminated', this.opts.site, live.worker);
    this.opts.onEvent?.({ kind: 'terminated', site: this.opts.site, worker: live.worker, why });
    for (const abort of [...live.abort]) abort(reason);
    live.abort.clear();
  }

  private lose(live: Live<Api>, cause: SupervisedCause): void {
    this.lossesInARow++;
    const gaveUp = this.lossesInARow > (this.opts.maxRestarts ?? 3);
    const loss = new SupervisedLoss(this.opts.site, cause, gaveUp);
    if (gaveUp) this.gaveUp = loss;
    const pending = live.abort.size;
    this.end(live, 'lost', loss);
    this.opts.onEvent?.({ kind: 'lost', site: this.opts.site, worker: live.worker, cause, gaveUp, pending });
  }

  /** One call on the worker: its reply, or SupervisedLoss (dead, hung) or SupervisedCancel. */
  async call<T>(fn: (api: Api) => Promise<T>, o: CallOptions): Promise<T> {
    const live = this.ensure();
    const since = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let abort: ((e: Error) => void) | undefined;
    const given = new Promise<never>((_, reject) => {
      abort = reject;
      live.abort.add(reject);
      timer = setTimeout(() => {
        if (this.live === live) this.lose(live, { kind: 'hung', silentMs: performance.now() - since, call: o.name });
      }, o.allowanceMs);
    });
    given.catch(() => undefined);
    try {
      const out = await Promise.race([fn(live.spawned.api), given]);
      this.lossesInARow = 0;
      return out;
    } finally {
      clearTimeout(timer);
      if (abort) live.abort.delete(abort);
    }
  }

  /** Terminate the worker now (its pending calls reject with SupervisedCancel); the next call starts a new one. */
  cancel(): void {
    if (this.live) this.end(this.live, 'cancel', new SupervisedCancel(this.opts.site));
  }

  /** After giving up: allow calls again (a new setting, a retry button). */
  reset(): void {
    this.gaveUp = null;
    this.lossesInARow = 0;
  }

  /** End for good: the worker terminated, later calls rejected. */
  dispose(): void {
    if (this.live) this.end(this.live, 'dispose', new SupervisedCancel(this.opts.site));
    this.disposed = true;
  }
}

/**
 * A module worker behind comlink-like `wrap`, with its death observed: an 'error' event (an
 * uncaught error, a failed load) or 'messageerror' rejects `dead` and terminates it.
 */
export function spawnWorker<Api>(make: () => Worker, wrap: (w: Worker) => Api, label: string): Spawned<Api> {
  const worker = make();
  let ended = false;
  const terminate = () => {
    ended = true;
    worker.terminate();
  };
  const dead = new Promise<never>((_, reject) => {
    const die = (message: string) => {
      if (ended) return;
      terminate();
      reject(new Error(message));
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      die(`${label} crashed: ${ev.message || 'it failed to load'}`);
    });
    worker.addEventListener('messageerror', () => die(`${label} sent a message that could not be read`));
  });
  dead.catch(() => undefined);
  return { api: wrap(worker), dead, terminate };
}
