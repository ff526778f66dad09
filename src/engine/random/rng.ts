import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * Seeded random numbers: the same (seed, stream) gives the same sequence in Node,
 * a worker and the browser. Streams are independent sub-sequences (xoroshiro jumps),
 * so the initial cloud and each sampler draw from their own stream.
 */
export class Rng {
  private readonly gen: JumpableRandomGenerator;
  private spare = NaN;

  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(seed)) throw new Error(`invalid seed: ${seed} (must be an integer)`);
    this.gen = xoroshiro128plus(seed | 0);
    for (let s = 0; s < stream; s++) this.gen.jump();
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Standard normal (polar Box-Muller; the second value is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * k;
    return u * k;
  }

  /** Fill out with independent standard normals. */
  fillNormal(out: Float64Array): Float64Array {
    for (let k = 0; k < out.length; k++) out[k] = this.normal();
    return out;
  }
}

/** Stream ids, so every consumer of one seed draws from its own independent sequence. */
export const STREAM = {
  initialCloud: 0,
  reference: 1,
  sampler: 2,
} as const;
