/**
 * The typed API of the BLR reference worker (workers/blrReference.worker.ts): long HMC on a
 * user's CSV (src/engine/targets/blr/buildReference.ts), advanced in timed chunks so the page
 * shows progress between calls and cancels by terminating the worker.
 */
import type { ReferenceProgress, ReferenceRunOptions } from '../src/engine/targets/blr/buildReference';
import type { BlrReference } from '../src/engine/targets/blr/reference';

export type { ReferenceProgress, ReferenceRunOptions };

export interface BlrReferenceStart {
  /** The data set's key (csv:<file name>) and the CSV text the page read. */
  readonly key: string;
  readonly csv: string;
  readonly options?: ReferenceRunOptions;
}

export interface BlrReferenceApi {
  /** Parse the CSV, find the mode and the Laplace metric, start the chains; returns the progress at iteration 0. */
  start(req: BlrReferenceStart): Promise<ReferenceProgress>;
  /** Advance for about `ms` milliseconds (at least one iteration); returns where the run is. */
  advance(ms: number): Promise<ReferenceProgress>;
  /** The finished reference (its arrays transferred). */
  result(): Promise<BlrReference>;
}
