import { Rng, STREAM } from '../random/rng';
import type { SamplerInit } from '../samplers/types';
import { particleHealth } from '../samplers/health';
import { dimOf, type Target } from '../targets/types';
import type { Diagnostics, Sampler } from '../samplers/types';

/**
 * What every baseline shares: a private copy of the initial cloud, its own random stream,
 * the step counter and particle health merged into each step's diagnostics. A baseline only
 * writes `advance`, one iteration of its update rule on `this.x` in place.
 */
export abstract class BaselineSampler implements Sampler {
  readonly n: number;
  /** Dimension of the points, dimOf(target). */
  protected readonly d: number;
  protected readonly target: Target;
  protected readonly x: Float64Array; // (N, d)
  protected readonly rng: Rng;
  private steps = 0;

  constructor(
    readonly label: string,
    init: SamplerInit,
  ) {
    const d = dimOf(init.target);
    if (init.initial.length < d || init.initial.length % d) {
      throw new Error(`invalid initial cloud: need (n, ${d}) coordinates, got ${init.initial.length} numbers`);
    }
    this.target = init.target;
    this.d = d;
    this.n = init.initial.length / d;
    this.x = Float64Array.from(init.initial);
    this.rng = new Rng(init.seed, STREAM.sampler);
  }

  get iteration(): number {
    return this.steps;
  }

  positions(): Float64Array {
    return this.x;
  }

  step(): Diagnostics {
    const diag = this.advance(this.steps);
    this.steps++;
    return { ...diag, ...particleHealth(this.x, this.target.box, this.target.unboundedX, this.d) };
  }

  /** One iteration; t = 0 at the first step. */
  protected abstract advance(t: number): Diagnostics;
}
