import type { Box } from '../../engine/targets/types';
import type { Heatmap } from '../../../workers/samplerApi';
import { heatmapImage } from '../draw/heatmapImage';

/**
 * log density at cell centres of a width x height grid over box (row 0 at the top, y = ymax), for
 * pictures on the main thread: gallery thumbnails and editor previews (not sampler numerics).
 */
export function logDensityGrid(logDensityAt: (x: number, y: number) => number, box: Box, width: number, height = width): Heatmap {
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

/** Paint a heatmap into canvas at data resolution (CSS scales it up). */
export function paintHeatmap(canvas: HTMLCanvasElement, heatmap: Heatmap | ImageData): void {
  const image = heatmap instanceof ImageData ? heatmap : heatmapImage(heatmap);
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  canvas.getContext('2d')?.putImageData(image, 0, 0);
}

/** Grid size with the box's aspect ratio, longest side `long` cells. */
export function gridSize(box: Box, long: number): { width: number; height: number } {
  const ar = (box.xmax - box.xmin) / (box.ymax - box.ymin);
  return ar >= 1
    ? { width: long, height: Math.max(8, Math.round(long / ar)) }
    : { width: Math.max(8, Math.round(long * ar)), height: long };
}

const fmt = (v: number) => String(Number(v.toPrecision(4)));
/** "[-4, 4]²" or "[-10, 10] × [-8, 8]". */
export function boxLabel(box: Box): string {
  const x = `[${fmt(box.xmin)}, ${fmt(box.xmax)}]`;
  const y = `[${fmt(box.ymin)}, ${fmt(box.ymax)}]`;
  return x === y ? `${x}²` : `${x} × ${y}`;
}

/** The same, compact for a thumbnail caption: "[-4,4]²", "[-10,10]×[-8,8]". */
export function shortBoxLabel(box: Box): string {
  return boxLabel(box).replace(/, /g, ',').replace(' × ', '×\u200b'); // may wrap after the ×
}
