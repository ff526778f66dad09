import type { CouplingProblem } from './problem';

/**
 * The two half-iteration reductions Sinkhorn needs, over the implicit matrix log K + F + G:
 * rows: out_i = LSE_j(log K_ij + G_j); cols: out_j = LSE_i(log K_ij + F_i).
 * Implementations differ in speed and memory, never in the fixed point they reach.
 */
export interface LseOps {
  rows(G: Float64Array, out: Float64Array): void;
  cols(F: Float64Array, out: Float64Array): void;
}

export type LseOpsFactory = (pb: CouplingProblem, F: Float64Array, G: Float64Array) => LseOps;
