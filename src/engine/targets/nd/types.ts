import type { Rng } from '../../random/rng';
import type { Target } from '../types';

/** One isotropic Gaussian component of a d-dimensional mixture (for mode metrics). */
export interface NdMode {
  /** (d); do not mutate. */
  readonly center: Float64Array;
  readonly std: number;
  readonly weight: number;
}

/**
 * A normalised d-dimensional target density pi on R^d with exact moments and an exact sampler,
 * so metrics need no grid. Points are row-major Float64Arrays of shape (n, d). The Float64Array
 * fields are shared: read them, never write them.
 */
export interface TargetNd {
  readonly name: string;
  /** d, an integer in [ND_DIM_MIN, ND_DIM_MAX]. */
  readonly dim: number;
  /** Exact mean. (d) */
  readonly mean: Float64Array;
  /** Exact per-coordinate variance, the diagonal of the covariance. (d) */
  readonly variance: Float64Array;
  /** Mixture components, when the target is a mixture (for mode coverage and balance). */
  readonly modes?: readonly NdMode[];
  /** log pi at n points (normalised). points: (n, d), out: (n). Returns out. */
  logDensity(points: Float64Array, out?: Float64Array): Float64Array;
  /** grad log pi at n points. points: (n, d), out: (n, d). Returns out. */
  score(points: Float64Array, out?: Float64Array): Float64Array;
  /** n exact independent draws. Returns (n, d). */
  sample(n: number, rng: Rng): Float64Array;
  /**
   * The exact marginal law of coordinates (i, j) (0-based, i !== j) as a normalised 2D target:
   * x is coordinate i, y is coordinate j. Its box holds the marginal's mass, its modes are the
   * projected mixture components (coinciding ones merged), so the 2D drawing code applies as is.
   */
  marginal2d(i: number, j: number): Target;
}
