/**
 * What a fresh worker does after a panel's worker was lost (died, hung, or terminated to cancel a
 * step), and what the panel then says: the new session, reset or spec that was waiting if there
 * is one (each starts at step 0, so the replacement is exact), else the panel from its last frame.
 */
import type { PanelFrame, PanelInfo, PanelResume, PanelSpec } from '../../workers/samplerApi';
import { sessionWish, type Deferred, type SessionWish, type SharedRequest } from './requests';
import { lossNotice, type LossCause } from './workerWatch';

/**
 * Where a replacement worker continues the panel: its last frame, every coordinate of it on a
 * d-dimensional target (null: from step 0, exactly as before).
 */
export function resumeFrom(f: PanelFrame): PanelResume | null {
  if (f.iteration === 0 || f.positions.length === 0) return null;
  return { positions: f.coordinates ?? f.positions, iteration: f.iteration, ...(f.metricHistory ? { history: f.metricHistory } : {}) };
}

/** What was waiting for the lost worker. */
export interface Waiting {
  readonly createWish: SessionWish | null;
  readonly resetWaiters: Deferred<void>[] | null;
  readonly specWish: { readonly spec: PanelSpec; readonly waiters: Deferred<PanelInfo>[] } | null;
}

export interface Replacement {
  /** The session for the fresh worker (the waiting one, or a new one that took over a reset or spec). */
  readonly wish: SessionWish;
  /** It serves the waiting reset or spec: those are no longer waiting. */
  readonly took: 'session' | 'reset' | 'spec' | 'restore';
  /** What the panel says now; undefined: leave it as it is (a cancel made exact by a new session, reset or spec). */
  readonly notice?: string;
}

/** The replacement for a lost worker, or null when there is nothing to restore (no session was ever built). */
export function replacement(cause: LossCause, waiting: Waiting, panel: { shared: SharedRequest | null; spec: PanelSpec | null; frame: PanelFrame }): Replacement | null {
  const told = (from: number) => (cause.kind === 'cancel' ? {} : { notice: lossNotice(cause, from) });
  if (waiting.createWish) return { wish: waiting.createWish, took: 'session', ...told(waiting.createWish.resume?.iteration ?? 0) };
  const { shared, spec } = panel;
  if (!shared || !spec) return null;
  if (waiting.resetWaiters) return { wish: sessionWish(shared, spec, { resetWaiters: waiting.resetWaiters }), took: 'reset', ...told(0) };
  const resume = resumeFrom(panel.frame);
  const restored = lossNotice(cause, resume?.iteration ?? 0);
  if (waiting.specWish) {
    const fallback = { spec, resume, notice: restored };
    return { wish: sessionWish(shared, waiting.specWish.spec, { specWaiters: waiting.specWish.waiters, fallback }), took: 'spec', ...told(0) };
  }
  return { wish: sessionWish(shared, spec, { resume }), took: 'restore', notice: restored };
}
