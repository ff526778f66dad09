/**
 * The worker's run loop. It steps in small chunks and yields with setTimeout between them, so
 * messages (frame, pause, ...) are served between chunks; exactly one timer is pending at a time,
 * so work never queues up. The rate is counted in rounds (one step of every running panel) and
 * capped with a token bucket holding at most 50 ms of rounds: a loop that falls behind (slow
 * steps, long messages) does not race to catch up later. A round, once started, is finished
 * without waiting, so panels step together even at one step per second.
 */

/** What the loop drives: rounds of panel-steps. */
export interface Steppable {
  /** Panels that can step; 0 stops the loop. */
  readonly active: number;
  /** A round has started and not finished. */
  readonly midRound: boolean;
  /** One panel-step; false when nothing could step. A promise while a GPU step is in flight. */
  stepNext(): boolean | Promise<boolean>;
}

export interface LoopOptions {
  /** Rounds (steps of every panel) per second. */
  readonly stepsPerSecond: number;
  /** Most rounds started in one chunk. */
  readonly stepsPerFrame: number;
}

/** A chunk ends after this long even when more steps are due, so the worker answers promptly. */
export const CHUNK_MS = 12;
/** Most catch-up after a slow stretch, in seconds of the requested rate (at least one round). */
const MAX_DEBT_S = 0.05;
/** Window of the measured rate. */
const RATE_WINDOW_MS = 1000;

const now = (): number => performance.now();

export class RunLoop {
  private target: Steppable | null = null;
  private opts: LoopOptions = { stepsPerSecond: 1, stepsPerFrame: 1 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A tick is awaiting a GPU step: no second tick may start until it ends. */
  private busy = false;
  /** Rounds allowed but not yet started. */
  private credit = 0;
  private lastRefill = 0;
  /** Rounds finished since this loop object was made. */
  private rounds = 0;
  /** (time, rounds finished) samples for the measured rate. */
  private samples: { t: number; rounds: number }[] = [];

  get running(): boolean {
    return this.target !== null;
  }

  /** Start stepping `target`, or retune the running loop. */
  start(target: Steppable, opts: LoopOptions): void {
    if (this.target !== target) {
      this.target = target;
      this.credit = 1; // the first round is due at once
      this.lastRefill = now();
      this.samples = [{ t: this.lastRefill, rounds: this.rounds }];
    }
    this.opts = opts;
    this.schedule(0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.target = null;
    this.samples = [];
  }

  /** Measured rounds per second over the last second (0 when stopped). */
  measuredRate(): number {
    if (!this.target || this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const dt = (last.t - first.t) / 1000;
    return dt > 0 ? (last.rounds - first.rounds) / dt : 0;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.busy) return; // the running tick schedules the next one when it ends
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private refill(t: number): void {
    const cap = Math.max(1, this.opts.stepsPerSecond * MAX_DEBT_S);
    this.credit = Math.min(cap, this.credit + ((t - this.lastRefill) * this.opts.stepsPerSecond) / 1000);
    this.lastRefill = t;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const target = this.target;
    if (!target) return;
    if (target.active === 0) return this.stop();
    const start = now();
    this.refill(start);
    let started = 0;
    while (now() - start < CHUNK_MS) {
      if (!target.midRound) {
        if (this.credit < 1 || started >= this.opts.stepsPerFrame) break;
        this.credit -= 1;
        started++;
      }
      let stepped = target.stepNext();
      if (stepped instanceof Promise) {
        this.busy = true;
        try {
          stepped = await stepped;
        } finally {
          this.busy = false;
        }
      }
      if (this.target !== target) return; // stopped while a GPU step was in flight
      if (!stepped) break;
      if (!target.midRound) this.rounds++;
    }
    if (this.target !== target) return; // stopped from inside a step
    const t = now();
    this.samples.push({ t, rounds: this.rounds });
    while (this.samples.length > 2 && t - this.samples[1].t > RATE_WINDOW_MS) this.samples.shift();
    if (target.active === 0) return this.stop();
    this.refill(t);
    const due = target.midRound || this.credit >= 1;
    this.schedule(due ? 0 : Math.ceil(((1 - this.credit) * 1000) / this.opts.stepsPerSecond));
  }
}
