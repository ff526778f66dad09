import { malaMove } from '../../mcmc/mala';
import { rwmMove } from '../../mcmc/rwm';
import type { Rng } from '../../random/rng';
import { lookup } from '../../lookup';
import { dimOf, type Target } from '../../targets/types';

export interface MutationOptions {
  readonly steps: number;
  readonly h: number;
  readonly clip: number;
  /** A lower-triangular (d, d) factor L that preconditions the moves (Sigma = L L^T), or none. */
  readonly factor?: Float64Array | null;
}

/** A mutation axis: K MCMC moves of x (N, d), d = dimOf(target), in place; returns the acceptance rate (NaN if none). */
export type MutationFn = (target: Target, x: Float64Array, opts: MutationOptions, rng: Rng) => number;

const repeat =
  (move: (target: Target, x: Float64Array, opts: MutationOptions, rng: Rng) => number): MutationFn =>
  (target, x, opts, rng) => {
    let accepted = 0;
    for (let k = 0; k < opts.steps; k++) accepted += move(target, x, opts, rng);
    return accepted / (opts.steps * (x.length / dimOf(target)));
  };

export const MUTATIONS = {
  none: () => NaN,
  mala: repeat((t, x, o, r) => malaMove(t, x, o.h, o.clip, r, o.factor)),
  rwm: repeat((t, x, o, r) => rwmMove(t, x, o.h, r, o.factor)),
} as const satisfies Record<string, MutationFn>;

export const getMutation = (name: string): MutationFn => lookup<MutationFn>('mutation', MUTATIONS, name);
