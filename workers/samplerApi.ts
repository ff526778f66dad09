/**
 * The typed API of the sampler worker (workers/sampler.worker.ts). The UI imports only
 * these types; all sampler state lives in the worker. Errors thrown by any method arrive
 * in the UI as plain Errors with a readable message (comlink forwards them).
 */
import type { Box } from '../src/engine/targets/types';

export interface InitRequest {
  /** Preset target name (PRESET_NAMES). */
  readonly target: string;
  /** Sampler label (SAMPLER_LABELS), e.g. 'etd-b'. */
  readonly sampler: string;
  /** Number of particles. */
  readonly n: number;
  /** Seed shared by the initial cloud and the sampler. */
  readonly seed: number;
  /** Sampler parameter overrides; validated by the engine. */
  readonly params?: Record<string, unknown>;
}

/** log density on a regular grid over the box; row 0 is the top row (y = ymax). */
export interface Heatmap {
  readonly width: number;
  readonly height: number;
  /** (height, width), row-major; -Infinity where the density is zero. */
  readonly values: Float32Array;
}

export interface InitResult {
  readonly box: Box;
  readonly heatmap: Heatmap;
}

export interface Frame {
  /** Steps taken since init or reset. */
  readonly iteration: number;
  /** (n, 2) interleaved x, y; transferred, so the receiver owns it. */
  readonly positions: Float32Array;
  /** Diagnostics of the last step (empty before the first step). */
  readonly diagnostics: Record<string, number>;
}

export interface SamplerApi {
  /** Build target, initial cloud and sampler; replaces any previous run. */
  init(req: InitRequest): Promise<InitResult>;
  /** Advance k >= 0 iterations (k = 0 just reads the current frame). */
  step(k: number): Promise<Frame>;
  /** Back to iteration 0 with the same initial cloud and seed. */
  reset(): Promise<void>;
}
