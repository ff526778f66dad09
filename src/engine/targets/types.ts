/** Axis-aligned box [xmin, xmax] x [ymin, ymax] on which a target is shown and normalised. */
export interface Box {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** One component of a mixture target, used by mode-coverage metrics. */
export interface Mode {
  readonly center: readonly [number, number];
  readonly std: number;
  readonly weight: number;
}

/** Why a target's log pi or score is not finite at a point, as far as the target can tell. */
export interface NonFiniteExplanation {
  /** The cause, e.g. "division by 0 in '1/x' at column 2". */
  readonly message: string;
  /** 1-based column and length in the target's formula, for targets typed as formulas. */
  readonly column?: number;
  readonly length?: number;
}

/**
 * An unnormalised 2D target density pi(x) = exp(-U(x)).
 * Points are interleaved (x0, y0, x1, y1, ...): a Float64Array of shape (n, 2).
 */
export interface Target {
  readonly name: string;
  /**
   * Dimension d of the points logDensity and score take, (n, d) row-major; absent means 2.
   * With d > 2, box, modes and logDensityAt describe the view of two coordinates (the exact
   * 2D marginal drawn under the particles), not the target itself.
   */
  readonly dim?: number;
  readonly box: Box;
  /** Mixture components, when the target is a mixture (for mode coverage). */
  readonly modes?: readonly Mode[];
  /**
   * The density does not confine z1 (U2-U4 without the soft box): the box is only a view, so
   * particles far along z1 are expected, not "escaped".
   */
  readonly unboundedX?: boolean;
  /** log pi at n points. points: (n, 2), out: (n). Returns out. */
  logDensity(points: Float64Array, out?: Float64Array): Float64Array;
  /** grad log pi at n points. points: (n, 2), out: (n, 2). Returns out. */
  score(points: Float64Array, out?: Float64Array): Float64Array;
  /** log pi at one point: the fast path for drawing heatmaps and thumbnails. */
  logDensityAt(x: number, y: number): number;
  /**
   * Why log pi or the score is not finite at (x, y); null when both are. Optional: targets that
   * can name a cause (formulas name the operation and its column) implement it.
   */
  explainNonFinite?(x: number, y: number): NonFiniteExplanation | null;
}

/** The dimension of a target's points (2 unless it says otherwise). */
export const dimOf = (t: Pick<Target, 'dim'>): number => t.dim ?? 2;
