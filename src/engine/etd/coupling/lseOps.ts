import type { CouplingProblem } from './problem';

/**
 * The two half-iteration reductions Sinkhorn needs, over the implicit matrix log K + F + G:
 * rows: out_i = LSE_j(log K_ij + G_j); cols: out_j = LSE_i(log K_ij + F_i).
 * Implementations differ in speed and memory, never in the fixed point they reach.
 */
export interface LseOps {
  rows(G: Float64Array, out: Float64Array): void;
  cols(F: Float64Array, out: Float64Array): void;
  /**
   * The final row pass: rows() plus each row's ESS; may return the held kernel rows so the
   * update can sample from them without recomputing exps (valid until the next solve).
   */
  rowsEss?(G: Float64Array, lse: Float64Array, ess: Float64Array): HeldRows | null;
  /**
   * rows(G) -> r, then F <- F + omega (lamA (log a - r) - F) in place (log a: the problem's
   * logA), then cols(F) -> out, in one pass over a held kernel. False (F untouched) when some row
   * needs the exact log-domain path: the caller then takes the two passes.
   */
  sweep?(G: Float64Array, F: Float64Array, r: Float64Array, lamA: number, omega: number, out: Float64Array): boolean;
}

/**
 * Row i of the plan as held numbers: gbar_ij = kt[i * stride + j] * v[j] / rowSum[i].
 * rowSum[i] is NaN for a row that had to be recomputed in the log domain (use the exact path).
 */
export interface HeldRows {
  readonly kt: Float32Array | Float64Array; // (N, stride)
  readonly stride: number;
  readonly v: Float32Array | Float64Array; // (P)
  readonly rowSum: Float64Array; // (N)
  /**
   * Categorical draws from the held rows at once (faster than row by row, split across threads):
   * for every row with rowSum[i] > 0, picks[i] = the first j whose running sum of kt_ij v_j
   * exceeds u[i] rowSum[i] (the last j with mass when rounding leaves the sum short; -1: none).
   * Rows with rowSum NaN are left as they are. u: (N) uniforms; picks: (N).
   */
  readonly pick?: (u: Float64Array, picks: Int32Array) => void;
  /**
   * Row totals and unnormalised barycentres at once (2D): for every row with rowSum[i] > 0,
   * total[i] = sum_j kt_ij v_j and means[2i + k] = sum_j kt_ij v_j y_jk. total: (N); means: (N, 2).
   */
  readonly means?: (total: Float64Array, means: Float64Array) => void;
}

export type LseOpsFactory = (pb: CouplingProblem, F: Float64Array, G: Float64Array) => LseOps;
