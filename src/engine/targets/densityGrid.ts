import type { Box } from './types';

/** log pi on a grid, row-major: values (height, width), row 0 at the top (y near ymax). */
export interface DensityGrid {
  readonly width: number;
  readonly height: number;
  readonly values: Float32Array;
}

/**
 * log density at cell centres of a width x height grid over box; column 0 is the left
 * (x near xmin). NaN becomes -Infinity (no mass). Used for every picture of a density: the
 * worker's panel heatmaps, the gallery's thumbnails and the editors' previews.
 */
export function densityGrid(logDensityAt: (x: number, y: number) => number, box: Box, width: number, height = width): DensityGrid {
  const values = new Float32Array(width * height); // (height, width)
  const dx = (box.xmax - box.xmin) / width;
  const dy = (box.ymax - box.ymin) / height;
  for (let row = 0; row < height; row++) {
    const y = box.ymax - (row + 0.5) * dy;
    for (let col = 0; col < width; col++) {
      const v = logDensityAt(box.xmin + (col + 0.5) * dx, y);
      values[row * width + col] = Number.isNaN(v) ? -Infinity : v;
    }
  }
  return { width, height, values };
}
