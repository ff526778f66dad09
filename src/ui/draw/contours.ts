import { contours, geoPath } from 'd3';
import type { Heatmap } from '../../../workers/samplerApi';
import { colourDomain } from './colourDomain';

/** Contour levels drawn over the heatmap, evenly spaced in log density. */
export const CONTOUR_LEVELS = 8;

/**
 * Contour lines of a log-density grid as SVG path strings in grid units (x in [0, width],
 * y in [0, height], row 0 at the top, like the heatmap image). Drawing data, computed once per
 * target: the caller memoises it and scales the paths onto the canvas.
 */
export function contourPaths(heatmap: Heatmap, levels = CONTOUR_LEVELS): string[] {
  const { width, height, values } = heatmap; // values: (height, width)
  const [lo, hi] = colourDomain(values);
  const floor = lo - 1;
  const grid = new Float64Array(width * height);
  for (let k = 0; k < grid.length; k++) {
    const v = values[k];
    grid[k] = Number.isFinite(v) ? Math.max(v, floor) : floor;
  }
  const step = (hi - lo) / (levels + 1);
  const thresholds = Array.from({ length: levels }, (_, k) => lo + (k + 1) * step);
  const path = geoPath();
  return contours()
    .size([width, height])
    .thresholds(thresholds)(Array.from(grid))
    .map((g) => path(g) ?? '')
    .filter((d) => d !== '');
}
