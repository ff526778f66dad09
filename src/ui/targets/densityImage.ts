import type { Box } from '../../engine/targets/types';
import type { Heatmap } from '../../../workers/samplerApi';
import { heatmapImage } from '../draw/heatmapImage';

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
