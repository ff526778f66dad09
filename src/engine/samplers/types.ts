import type { Target } from '../targets/types';

/** Per-step numbers a sampler reports (names are sampler-specific, values finite or NaN). */
export type Diagnostics = Record<string, number>;

/** What every sampler (ETD variants and baselines) implements. */
export interface Sampler {
  /** Variant label, e.g. 'etd-b'. */
  readonly label: string;
  /** Number of particles. */
  readonly n: number;
  /** Steps taken so far. */
  readonly iteration: number;
  /** Current positions (n, 2). A live view: copy it if you keep it across steps. */
  positions(): Float64Array;
  /** Advance one iteration and return its diagnostics. */
  step(): Diagnostics;
}

/** Everything needed to start a sampler; samplers with the same seed and initial cloud are comparable. */
export interface SamplerContext<C> {
  readonly target: Target;
  readonly config: C;
  /** Seed of the sampler's own random stream. */
  readonly seed: number;
  /** Initial particles (n, 2); copied, never mutated. */
  readonly initial: Float64Array;
}

export type SamplerFactory<C> = (ctx: SamplerContext<C>) => Sampler;
