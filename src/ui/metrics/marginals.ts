/**
 * Marginals for the histogram view (pure): the exact x and y marginals of the target from
 * the session's log-density heatmap, and histograms of the particles, both as densities so
 * they share one y axis.
 */
import type { Heatmap } from '../../../workers/samplerApi';
import type { Box } from '../../engine/targets/types';

export interface ExactMarginals {
  /** (width) mass of each column, left to right (x from xmin), sums to 1. */
  readonly x: Float64Array;
  /** (height) mass of each row, bottom to top (y from ymin), sums to 1. */
  readonly y: Float64Array;
}

const cache = new WeakMap<Heatmap, ExactMarginals>();

/**
 * exp-normalise the log-density grid (row 0 = top) and sum rows / columns: the target treated
 * as piecewise uniform on the heatmap's cells (as the worker's exact reference, on a coarser
 * grid). Memoised per heatmap object, i.e. once per session. All zeros when no cell is finite.
 */
export function exactMarginals(heatmap: Heatmap): ExactMarginals {
  const hit = cache.get(heatmap);
  if (hit) return hit;
  const { width, height, values } = heatmap; // values: (height, width)
  let max = -Infinity;
  for (const v of values) if (v > max && Number.isFinite(v)) max = v;
  const x = new Float64Array(width);
  const y = new Float64Array(height);
  let total = 0;
  if (max > -Infinity) {
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const v = values[row * width + col];
        if (!Number.isFinite(v)) continue;
        const p = Math.exp(v - max);
        x[col] += p;
        y[height - 1 - row] += p;
        total += p;
      }
    }
    for (let k = 0; k < width; k++) x[k] /= total;
    for (let k = 0; k < height; k++) y[k] /= total;
  }
  const out = { x, y };
  cache.set(heatmap, out);
  return out;
}

/**
 * Counts of coordinate `axis` (0: x, 1: y) of positions (n, 2) in `bins` equal bins over
 * [lo, hi]; non-finite and out-of-range values are left out (hi itself goes to the last bin).
 */
export function histogram(positions: Float32Array, axis: 0 | 1, lo: number, hi: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (let i = axis; i < positions.length; i += 2) {
    const v = positions[i];
    if (!(v >= lo && v <= hi)) continue; // also NaN
    counts[Math.min(bins - 1, Math.floor((v - lo) * scale))]++;
  }
  return counts;
}

/** Masses (or counts of `total` items) per equal cell over [lo, hi] -> density per unit length. */
export function toDensity(masses: ArrayLike<number>, lo: number, hi: number, total = 1): Float64Array {
  const width = (hi - lo) / masses.length;
  const out = new Float64Array(masses.length);
  if (total > 0) for (let k = 0; k < masses.length; k++) out[k] = masses[k] / (total * width);
  return out;
}

/** [lo, hi] of axis 0 (x) or 1 (y) of a box. */
export const axisRange = (box: Box, axis: 0 | 1): [number, number] => (axis === 0 ? [box.xmin, box.xmax] : [box.ymin, box.ymax]);
