/**
 * Every ETD cost is a scaled squared distance between a (possibly shifted) particle z_i and a
 * proposal y_j: C_ij = coef * ||y_j - z_i||^2. Keeping that form (instead of an N x P matrix)
 * lets every Sinkhorn pass recompute log K from the d coordinates on the fly.
 */
export interface QuadraticCost {
  /** Source points z (N, d). */
  readonly z: Float64Array;
  /** C_ij = coef * ||y_j - z_i||^2. */
  readonly coef: number;
}

/** Inputs a cost may use: particles, their (clipped) scores and the entropic eps. */
export interface CostInputs {
  readonly x: Float64Array; // (N, d)
  readonly scores: Float64Array; // (N, d)
  readonly eps: number;
}

export type CostFn = (inp: CostInputs) => QuadraticCost;

/** Typical size of C over all pairs, used to make eps relative. y: (P, d); d defaults to 2. */
export type CostScaleFn = (cost: QuadraticCost, y: Float64Array, d?: number) => number;
