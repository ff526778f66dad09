import { createPresetTarget } from '../../engine/targets/presets/index';
import type { Box } from '../../engine/targets/types';
import { heatmapImage } from '../draw/heatmapImage';
import { densityGrid } from '../../engine/targets/densityGrid';
import { gridSize } from './densityImage';

/** Longest side of a gallery thumbnail, in grid cells (CSS scales it up). */
export const THUMBNAIL_CELLS = 48;

export interface Thumbnail {
  readonly image: ImageData;
  readonly box: Box;
}

const cache = new Map<string, Thumbnail>();

/** The preset's density on a small grid over its box, computed once per page (confined, as the gallery runs it). */
export function presetThumbnail(name: string): Thumbnail {
  let t = cache.get(name);
  if (!t) {
    const target = createPresetTarget(name, { confine: true });
    const { width, height } = gridSize(target.box, THUMBNAIL_CELLS);
    t = { image: heatmapImage(densityGrid(target.logDensityAt, target.box, width, height)), box: target.box };
    cache.set(name, t);
  }
  return t;
}
