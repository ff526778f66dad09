/**
 * How long a panel's worker may stay silent, and what the panel says when it was replaced. A busy
 * worker cannot answer (a step runs to its end; there is no shared memory to interrupt it), so a
 * dead worker (terminated, closed), a hung one (an endless loop) and an honest long step all look
 * the same: no reply. The step cost model (src/engine/samplers/costModel.ts) tells them apart: a
 * request unanswered for longer than max(floor, margin + per step it may wait for the larger of 3x
 * the typical step and 2x the slowest one) means the worker is gone or hung. Cancelling (Pause,
 * Reset, a new spec or session while a step runs) terminates the worker too: it cannot hear them.
 * Chromium lets a terminated worker that is running script go on for 2 s before it stops it by force
 * (Blink's kForcibleTerminationDelay; whatwg/html#6210): the page does not wait for it, but that
 * core stays busy meanwhile.
 */
import { estimateStepMs, worstStepMs } from '../engine/samplers/costModel';
import type { PanelSpec } from '../../workers/samplerApi';

/** Predicted milliseconds of one step: as usual, and at most (every Sinkhorn iteration used). */
export interface StepCost {
  readonly typical: number;
  readonly worst: number;
}

export interface WatchTiming {
  /** The cost model: what one step of `spec` at n particles takes. */
  /** d: the dimension of the target's points (2 for the 2D targets). */
  readonly stepCost: (spec: PanelSpec, n: number, d: number) => StepCost;
  /** No request is called hung sooner (at small N every reply comes within milliseconds). */
  readonly hungFloorMs: number;
  /** Added for a create: a fresh worker loads its module and picks a backend, the session builds its target and reference. */
  readonly createMs: number;
  /** Added to the steps a request may wait for. */
  readonly marginMs: number;
  /** Pause, Reset, a new spec or a new session not taken up within this long terminates a busy worker. */
  readonly cancelMs: number;
}

/**
 * 1.5 s: with the page polling a playing panel every 30 ms, a dead worker is reported within ~1.6 s
 * of dying (the bar is 2 s), far above the milliseconds a reply takes at small N.
 */
export const HUNG_FLOOR_MS = 1500;
/** A worker replaced this many times in a row without the panel getting further stays down (the panel fails). */
export const MAX_RESTARTS = 3;

/** The cost model, or nothing (an unknown sampler: the worker will refuse it anyway). */
export function costModelStep(spec: PanelSpec, n: number, d = 2): StepCost {
  try {
    const params = spec.params ?? {};
    return { typical: estimateStepMs(spec.sampler, n, params, d), worst: worstStepMs(spec.sampler, n, params, d) };
  } catch {
    return { typical: 0, worst: 0 };
  }
}

export const DEFAULT_TIMING: WatchTiming = {
  stepCost: costModelStep,
  hungFloorMs: HUNG_FLOOR_MS,
  createMs: 15_000,
  marginMs: 500,
  cancelMs: 250,
};

/**
 * How long a request may stay unanswered before the worker is called hung: `steps` is how many
 * steps it may have to wait for (the one the worker's loop may be in, plus those it asks for),
 * doubled for every restart in a row that did not get the panel further.
 */
export function allowanceMs(t: WatchTiming, cost: StepCost, steps: number, create: boolean, restarts: number): number {
  const perStep = Math.max(3 * cost.typical, 2 * cost.worst);
  const base = Math.max(t.hungFloorMs, steps * perStep + t.marginMs) + (create ? t.createMs : 0);
  return base * 2 ** restarts;
}

/** Why a panel's worker was given up. */
export type LossCause =
  /** A request went unanswered for longer than its allowance. */
  | { readonly kind: 'hung'; readonly silentMs: number }
  /** The worker reported its death (an uncaught error, an unreadable message) or broke the API's contract. */
  | { readonly kind: 'dead'; readonly message: string }
  /** Pause, Reset, a new spec or session could not reach it while it stepped: terminated on purpose. */
  | { readonly kind: 'cancel'; readonly elapsedMs: number };

/** The in-flight request was given up: its worker is terminated and replaced. */
export class WorkerLost extends Error {
  constructor(readonly loss: LossCause) {
    super(loss.kind === 'dead' ? loss.message : loss.kind === 'hung' ? 'the sampler worker stopped answering' : 'cancelled');
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const AFRESH = ' (its sampler starts afresh from those positions: step-size schedules and other internal state restart)';

/**
 * What the panel says after its worker was replaced and the panel continues from step `at` (0:
 * from the initial cloud, exactly as before), e.g. "the sampler worker stopped answering for 1.5 s;
 * restarted from step 37 (...)" or "step 13 cancelled after 4.2 s; continuing from step 12 (...)".
 */
export function lossNotice(cause: LossCause, at: number): string {
  const afresh = at > 0 ? AFRESH : '';
  if (cause.kind === 'cancel') return `step ${at + 1} cancelled after ${seconds(cause.elapsedMs)}; continuing from step ${at}${afresh}`;
  const what = cause.kind === 'hung' ? `the sampler worker stopped answering for ${seconds(cause.silentMs)}` : cause.message;
  return `${what}; restarted ${at > 0 ? 'from' : 'at'} step ${at}${afresh}`;
}

/** What a panel says when its worker kept failing and it was left stopped. */
export function gaveUpMessage(cause: LossCause, at: number): string {
  const what = cause.kind === 'hung' ? `the sampler worker stopped answering for ${seconds(cause.silentMs)}` : cause.kind === 'dead' ? cause.message : 'cancelled';
  return `${what}, ${MAX_RESTARTS + 1} times in a row at step ${at}: stopped (press Reset, change this panel, or lower N)`;
}
