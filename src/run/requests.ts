/**
 * The requests a panel driver makes of its worker and the callers waiting on them: what kinds
 * there are, the one in flight, the deferred promises handed to callers, and a wished-for session
 * (a new one, or one on a fresh worker that serves a reset or spec or continues the panel).
 */
import type { PanelInfo, PanelResume, PanelSpec, SessionInfo, SessionRequest } from '../../workers/samplerApi';

/** What every panel's session shares: a session request without its sampler. */
export type SharedRequest = Omit<SessionRequest, 'panel'>;

/** 'ping': the heartbeat of an idle worker (a paused panel), so a dead one is noticed without a click. */
export type RequestKind = 'create' | 'reset' | 'setPanel' | 'step' | 'run' | 'pause' | 'frame' | 'ping';

/** The request in flight and since when (performance.now()). */
export interface InFlight {
  readonly kind: RequestKind;
  readonly since: number;
}

/** Thrown to the callers of a request that a newer one replaced (or whose panel was removed). */
export class Superseded extends Error {
  constructor(what: string) {
    super(`superseded: ${what}`);
  }
}

export interface Deferred<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

export function deferred<T>(): { promise: Promise<T>; handle: Deferred<T> } {
  let handle!: Deferred<T>;
  const promise = new Promise<T>((resolve, reject) => (handle = { resolve, reject }));
  return { promise, handle };
}

export const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** A session to build on the panel's worker (a fresh worker when it has none). */
export interface SessionWish {
  readonly shared: SharedRequest;
  readonly spec: PanelSpec;
  /** Continue from this frame instead of step 0 (a replaced worker). */
  readonly resume: PanelResume | null;
  readonly waiters: Deferred<SessionInfo>[];
  /** Reset callers this session serves (their worker was replaced before it could reset). */
  readonly resetWaiters: Deferred<void>[];
  /** setSpec callers it serves; when the spec is refused, `fallback` puts the panel back as it was. */
  readonly specWaiters: Deferred<PanelInfo>[];
  readonly fallback: { readonly spec: PanelSpec; readonly resume: PanelResume | null; readonly notice: string | null } | null;
}

export const sessionWish = (shared: SharedRequest, spec: PanelSpec, more: Partial<SessionWish> = {}): SessionWish => ({
  shared,
  spec,
  resume: null,
  waiters: [],
  resetWaiters: [],
  specWaiters: [],
  fallback: null,
  ...more,
});

export function rejectWish(wish: SessionWish, e: unknown): void {
  for (const w of [...wish.waiters, ...wish.resetWaiters, ...wish.specWaiters]) w.reject(e);
}
