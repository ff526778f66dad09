import { defaults, type ParamTable } from '../params/declare';
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


/** Everything a sampler is built from; samplers with the same seed and initial cloud are comparable. */
export interface SamplerInit {
  readonly target: Target;
  readonly seed: number;
  /** Initial particles (n, d), d = dimOf(target); copied. */
  readonly initial: Float64Array;
  /** Parameter overrides by name (validated against the declarations). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** "About this sampler": what it does, its update rule (TeX), its symbols, what it gets wrong. */
export interface SamplerCard {
  /** What it does, in two or three sentences. */
  readonly does: string;
  /** Its update rule, one display formula in TeX (parts separated by \qquad). */
  readonly rule: string;
  /** What the symbols in the rule are. */
  readonly where: string;
  /** What it is known to get wrong. */
  readonly weaknesses: readonly string[];
}

/**
 * A sampler, whole: its name and label, a one-sentence doc, its declared parameters (and the
 * values it runs with when none is overridden), how to build it, how long a step takes, and its
 * About card with every parameter in words. The catalog (./catalog.ts) is a list of these: adding
 * a sampler is its module plus one line there.
 */
export interface SamplerModule<P extends ParamTable = ParamTable> {
  /** The name in links, configs and the runners, e.g. 'svgd'. */
  readonly name: string;
  /** Shown on panels, e.g. 'SVGD'. */
  readonly label: string;
  readonly family: 'etd' | 'baseline';
  readonly doc: string;
  readonly params: P;
  /** The values it runs with when nothing is overridden (an ETD variant's own choices included). */
  readonly defaults: Readonly<Record<string, number | boolean | string>>;
  create(init: SamplerInit): Sampler;
  /**
   * Predicted milliseconds of one step with n particles in d dimensions under these overrides:
   * typical, or the worst an honest step may take (the watchdog waits that long).
   */
  stepMs(n: number, params: Readonly<Record<string, unknown>>, d: number, worst: boolean): number;
  readonly card: SamplerCard;
  /** Every declared parameter in the words a teacher would say (the About card and the parameter sheet). */
  readonly words: { readonly [K in keyof P]: string };
}

/** A baseline's module: defaults from its declarations. */
export function baselineSampler<P extends ParamTable>(m: Omit<SamplerModule<P>, 'family' | 'defaults'>): SamplerModule<P> {
  return { ...m, family: 'baseline', defaults: defaults(m.params) };
}
