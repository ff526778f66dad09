import { Rng, STREAM } from '../random/rng';
import type { SamplerInit } from '../samplers/etdSampler';
import { particleHealth } from '../samplers/health';
import type { Target } from '../targets/types';
import type { Diagnostics, Sampler } from '../samplers/types';

/**
 * What every baseline shares: a private copy of the initial cloud, its own random stream,
 * the step counter and particle health merged into each step's diagnostics. A baseline only
 * writes `advance`, one iteration of its update rule on `this.x` in place.
 */
export abstract class BaselineSampler implements Sampler {
  readonly n: number;
  protected readonly target: Target;
  protected readonly x: Float64Array; // (N, 2)
  protected readonly rng: Rng;
  private steps = 0;

  constructor(
    readonly label: string,
    init: SamplerInit,
  ) {
    if (init.initial.length < 2 || init.initial.length % 2) throw new Error('invalid initial cloud: need (n, 2) coordinates');
    this.target = init.target;
    this.n = init.initial.length >> 1;
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
    const d = this.advance(this.steps);
    this.steps++;
    return { ...d, ...particleHealth(this.x, this.target.box, this.target.unboundedX) };
  }

  /** One iteration; t = 0 at the first step. */
  protected abstract advance(t: number): Diagnostics;
}
