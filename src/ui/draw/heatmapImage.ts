import { interpolateViridis, rgb } from 'd3';
import type { Heatmap } from '../../../workers/samplerApi';
import { colourDomain } from './colourDomain';

const LUT_SIZE = 256;

/** Viridis as LUT_SIZE packed RGB triples: (LUT_SIZE, 3). */
const VIRIDIS_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) {
    const c = rgb(interpolateViridis(k / (LUT_SIZE - 1)));
    lut[3 * k] = c.r;
    lut[3 * k + 1] = c.g;
    lut[3 * k + 2] = c.b;
  }
  return lut;
})();

/**
 * The heatmap as an image at data resolution (one pixel per grid cell). The caller scales
 * it up with drawImage, so the browser interpolates instead of us painting rectangles.
 */
export function heatmapImage(heatmap: Heatmap): ImageData {
  const { width, height, values } = heatmap; // values: (height, width), row 0 = top
  const [lo, hi] = colourDomain(values);
  const scale = (LUT_SIZE - 1) / (hi - lo);
  const image = new ImageData(width, height);
  const px = image.data; // (height, width, 4)
  for (let k = 0; k < width * height; k++) {
    const v = values[k];
    const t = Number.isFinite(v) ? Math.round((Math.min(Math.max(v, lo), hi) - lo) * scale) : 0;
    px[4 * k] = VIRIDIS_LUT[3 * t];
    px[4 * k + 1] = VIRIDIS_LUT[3 * t + 1];
    px[4 * k + 2] = VIRIDIS_LUT[3 * t + 2];
    px[4 * k + 3] = 255;
  }
  return image;
}

/** A small canvas holding heatmapImage(heatmap), ready for a scaled drawImage. */
export function heatmapCanvas(heatmap: Heatmap): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = heatmap.width;
  canvas.height = heatmap.height;
  canvas.getContext('2d')?.putImageData(heatmapImage(heatmap), 0, 0);
  return canvas;
}
