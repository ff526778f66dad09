/**
 * The worker's run loop. It steps in small chunks and yields with setTimeout between them, so
 * messages (frame, pause, ...) are served between chunks; exactly one timer is pending at a time,
 * so work never queues up. The rate is capped with a token bucket holding at most 50 ms of steps:
 * a loop that falls behind (slow steps, long messages) does not race to catch up later.
 */

/** What the loop drives: a sampler's steps. */
export interface Steppable {
  /** It can step; false stops the loop. */
  readonly active: boolean;
  /** One step; false when it could not step. A promise while a GPU step is in flight. */
  stepNext(): boolean | Promise<boolean>;
}

export interface LoopOptions {
  /** Steps per second. */
  readonly stepsPerSecond: number;
  /** Most steps in one chunk. */
  readonly stepsPerFrame: number;
}

/** A chunk ends after this long even when more steps are due, so the worker answers promptly. */
export const CHUNK_MS = 12;
/** Most catch-up after a slow stretch, in seconds of the requested rate (at least one step). */
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
  /** Steps allowed but not yet started. */
  private credit = 0;
  private lastRefill = 0;
  /** Steps finished since this loop object was made. */
  private steps = 0;
  /** (time, steps finished) samples for the measured rate. */
  private samples: { t: number; steps: number }[] = [];

  get running(): boolean {
    return this.target !== null;
  }

  /** Start stepping `target`, or retune the running loop. */
  start(target: Steppable, opts: LoopOptions): void {
    if (this.target !== target) {
      this.target = target;
      this.credit = 1; // the first step is due at once
      this.lastRefill = now();
      this.samples = [{ t: this.lastRefill, steps: this.steps }];
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

  /** Measured steps per second over the last second (0 when stopped). */
  measuredRate(): number {
    if (!this.target || this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const dt = (last.t - first.t) / 1000;
    return dt > 0 ? (last.steps - first.steps) / dt : 0;
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
    if (!target.active) return this.stop();
    const start = now();
    this.refill(start);
    let started = 0;
    while (now() - start < CHUNK_MS) {
      if (this.credit < 1 || started >= this.opts.stepsPerFrame) break;
      this.credit -= 1;
      started++;
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
      this.steps++;
    }
    if (this.target !== target) return; // stopped from inside a step
    const t = now();
    this.samples.push({ t, steps: this.steps });
    while (this.samples.length > 2 && t - this.samples[1].t > RATE_WINDOW_MS) this.samples.shift();
    if (!target.active) return this.stop();
    this.refill(t);
    const due = this.credit >= 1;
    this.schedule(due ? 0 : Math.ceil(((1 - this.credit) * 1000) / this.opts.stepsPerSecond));
  }
}
