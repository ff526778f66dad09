/**
 * The sweep worker's API (workers/sweep.worker.ts): one request in, a stream of events out to a
 * callback (a comlink proxy). The page cancels a sweep by terminating the worker, so there is no
 * cancel message.
 */
import type { SweepPoint, SweepRequest } from '../src/engine/experiment/dimensionSweep';

export type { SweepPoint, SweepRequest };

export type SweepMessage =
  /** Steps done of the whole sweep; sent at most every PROGRESS_MS, and at the end of every run. */
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  /** One sampler finished at one dimension. */
  | { readonly kind: 'point'; readonly point: SweepPoint }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string };

/** Progress messages are at most this often (every step would flood the page at small N). */
export const PROGRESS_MS = 80;

export interface SweepApi {
  /** Run the sweep, calling onMessage with its events; resolves after 'done' or 'error'. */
  run(req: SweepRequest, onMessage: (m: SweepMessage) => void | Promise<void>): Promise<void>;
}
