import { densityGrid } from '../../src/engine/targets/densityGrid';
import type { Box, Target } from '../../src/engine/targets/types';
import type { Heatmap } from '../samplerApi';

/** Resolution of the heatmap a session sends with its info. */
export const GRID_SIZE = 128;

/** The session's heatmap of target over box (row 0 = top), at GRID_SIZE unless told. */
export function sessionHeatmap(target: Pick<Target, 'logDensityAt'>, box: Box, width = GRID_SIZE, height = GRID_SIZE): Heatmap {
  return densityGrid((x, y) => target.logDensityAt(x, y), box, width, height);
}
