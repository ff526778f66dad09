/**
 * The preconditioner axis of ETD (docs/preconditioning.md). A preconditioner owns a small state
 * built from the particles (a Cholesky factor of their covariance, or a running mean of squared
 * scores) and gives each step a StepShape: the matrix A that multiplies the score drift, the
 * matrix B that shapes the proposal noise and whitens the cost (for Cholesky A = L L^T, B = L).
 * The shape of step t comes from the state after step t - 1 (a one-step lag, as in the authors'
 * code), so a step never uses a factor built from its own proposals.
 */

/** The settings a preconditioner reads (from the declared parameters). */
export interface PrecondSettings {
  /** Cholesky: shrinkage of the covariance towards its diagonal, in [0, 1]. */
  readonly shrink: number;
  /** Cholesky: weight of the previous covariance in the moving average (0 = fresh each step). */
  readonly ema: number;
  /** Diagonal: decay of the running mean of squared scores. */
  readonly beta: number;
}

/** What one step uses: proposals N(x + alpha A s, sigma^2 B B^T), cost 0.5 ||B^-1 (x - y)||^2. */
export interface StepShape {
  readonly d: number;
  /** out[oo..oo+d) = A s[so..so+d) (the drift direction of one particle). */
  drift(s: Float64Array, so: number, out: Float64Array, oo: number): void;
  /** out[oo..oo+d) = B xi (one proposal's noise). */
  noise(xi: Float64Array, out: Float64Array, oo: number): void;
  /** B^-1 applied to every row of points (k, d): a new (k, d) array (the whitened coordinates). */
  whiten(points: Float64Array): Float64Array;
  /** log |det B| = sum_k log B_kk (B triangular or diagonal). */
  readonly logDet: number;
  /** The lower-triangular B (d, d) when it is a Cholesky factor (for the MCMC moves); null for the diagonal one. */
  readonly factor: Float64Array | null;
}

/** A preconditioner's state for one sampler: the shape of the coming step, and how a finished step updates it. */
export interface Preconditioner {
  readonly kind: string;
  /** The shape of the coming step (built from the state the previous step left). */
  shape(): StepShape;
  /**
   * Fold a finished step into the state: x (N, d) the positions after the update and any mutation,
   * scores (N, d) the clipped scores that step drew its proposals with (only the diagonal
   * preconditioner reads them). Returns false when the new state could not be built (non-finite or
   * degenerate particles) and the previous one was kept.
   */
  advance(x: Float64Array, scores?: Float64Array): boolean;
}

/** Builds a sampler's preconditioner from its initial cloud x0 (N, d); null means none. */
export type PreconditionerFactory = (x0: Float64Array, d: number, o: PrecondSettings) => Preconditioner | null;

/** A shape's drift applied to every row of s (N, d): a new (N, d) array. */
export function driftAll(shape: StepShape, s: Float64Array): Float64Array {
  const out = new Float64Array(s.length);
  for (let o = 0; o < s.length; o += shape.d) shape.drift(s, o, out, o);
  return out;
}
