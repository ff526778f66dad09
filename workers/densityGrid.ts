import type { Box, Target } from '../src/engine/targets/types';
import type { Heatmap } from './samplerApi';

export const GRID_SIZE = 128;

/**
 * log density of target at cell centres of a width x height grid over box.
 * Row 0 is the top of the picture (y near ymax), column 0 the left (x near xmin).
 */
export function densityGrid(
  target: Pick<Target, 'logDensityAt'>,
  box: Box,
  width = GRID_SIZE,
  height = GRID_SIZE,
): Heatmap {
  const values = new Float32Array(width * height); // (height, width)
  const dx = (box.xmax - box.xmin) / width;
  const dy = (box.ymax - box.ymin) / height;
  for (let row = 0; row < height; row++) {
    const y = box.ymax - (row + 0.5) * dy;
    for (let col = 0; col < width; col++) {
      const v = target.logDensityAt(box.xmin + (col + 0.5) * dx, y);
      values[row * width + col] = Number.isNaN(v) ? -Infinity : v;
    }
  }
  return { width, height, values };
}
