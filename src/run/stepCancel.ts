/**
 * Cancelling a step: a worker busy in a long step cannot hear a Pause, Reset, new spec or new
 * session (a step runs to its end; there is no shared memory to interrupt it). While one waits, a
 * timer checks whether the worker has kept it waiting for cancelMs, or was already that long on
 * the request that blocks it; then the request in flight is given up and the worker terminated
 * (the driver's replacement continues the panel).
 */
import type { PanelLink } from './panelLink';
import type { Wishes } from './panelRequests';
import type { RequestKind } from './requests';

/** Requests that a Pause, Reset or new spec is waiting on. */
const URGENT_KINDS: ReadonlySet<RequestKind> = new Set(['reset', 'setPanel', 'pause']);
/** How often a pending Pause / Reset / spec / session checks whether its worker is stuck in a step. */
const CHECK_MS = 50;

export interface CancelHost {
  readonly link: PanelLink;
  readonly wishes: Wishes;
  /** The panel was given up (nothing to cancel). */
  readonly failed: boolean;
  readonly cancelMs: number;
  /** Predicted milliseconds of one step of the panel's sampler. */
  typicalStepMs(): number;
}

export class StepCanceller {
  /** Since when (performance.now()) a Pause, Reset, spec or session has waited for the worker, or null. */
  since: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: CancelHost) {}

  /** Something urgent waits: check until it got through. */
  urge(): void {
    this.since ??= performance.now();
    this.timer ??= setInterval(() => this.check(), CHECK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.since = null;
  }

  /** A Pause, Reset, spec or session is still waiting for the worker. */
  outstanding(): boolean {
    const { wishes: w, link } = this.host;
    const f = link.inFlight;
    return (
      w.createWish !== null ||
      w.resetWaiters !== null ||
      w.specWish !== null ||
      w.pauseWanted ||
      (f !== null && (URGENT_KINDS.has(f.kind) || (f.kind === 'create' && !link.fresh)))
    );
  }

  private check(): void {
    const { link, cancelMs } = this.host;
    if (this.host.failed || !this.outstanding()) return this.stop();
    const f = link.inFlight;
    if (!f || (f.kind === 'create' && link.fresh)) return; // about to send, or a fresh worker is loading
    const now = performance.now();
    const asked = this.since ?? now;
    // A worker that was on the blocking request since before it was asked, and whose steps are long: no point waiting.
    const known = f.since < asked && now - f.since >= cancelMs && this.host.typicalStepMs() >= 2 * cancelMs;
    if (now - asked < cancelMs && !known) return;
    const began = f.kind === 'step' ? Math.max(f.since, link.lastReplyAt) : link.lastReplyAt;
    link.cancel({ kind: 'cancel', elapsedMs: now - began });
  }
}
