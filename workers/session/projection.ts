import type { Axes } from '../../src/engine/targets/ndSpec';

/**
 * Which two coordinates of a session's d-dimensional particles are drawn. Frames, trails and the
 * heatmap show the (i, j) projection; the samplers step in all d coordinates and never see it,
 * so the pair can change between any two steps.
 */
export class Projection {
  constructor(
    readonly dim: number,
    /** The drawn pair (0-based, distinct, < dim); the session checks it before setting it. */
    public axes: Axes,
  ) {}

  /** Coordinates (i, j) of x: (n, d) as (n, 2); x itself when d = 2 (the pair is then (0, 1)). */
  project(x: Float64Array): Float64Array {
    const d = this.dim;
    if (d === 2) return x;
    const [i, j] = this.axes;
    const n = Math.floor(x.length / d);
    const out = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      out[2 * k] = x[k * d + i];
      out[2 * k + 1] = x[k * d + j];
    }
    return out;
  }
}
