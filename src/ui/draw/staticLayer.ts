/**
 * The part of a panel picture that changes only with the target or the canvas size: the
 * heatmap scaled up from data resolution and its contour lines. Rendered once into an
 * offscreen canvas and copied under every frame.
 */
export interface StaticLayerInput {
  /** Heatmap at data resolution (gridWidth x gridHeight pixels). */
  readonly heatmap: HTMLCanvasElement;
  /** Contour paths in grid units. */
  readonly contours: readonly Path2D[];
}

const CONTOUR_STROKE = 'rgba(255, 255, 255, 0.32)';

export function renderStaticLayer(input: StaticLayerInput, pixelWidth: number, pixelHeight: number, dpr: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = pixelWidth;
  canvas.height = pixelHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(input.heatmap, 0, 0, pixelWidth, pixelHeight);
  const sx = pixelWidth / input.heatmap.width;
  const sy = pixelHeight / input.heatmap.height;
  ctx.setTransform(sx, 0, 0, sy, 0, 0);
  ctx.lineWidth = dpr / Math.sqrt(sx * sy); // one CSS pixel after scaling
  ctx.strokeStyle = CONTOUR_STROKE;
  for (const p of input.contours) ctx.stroke(p);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return canvas;
}
