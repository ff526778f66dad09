import type { Box } from '../../engine/targets/types';

export const PARTICLE_FILL = '#ffffff';
const PARTICLE_STROKE = 'rgba(20, 16, 40, 0.75)';
const PARTICLE_RADIUS = 2.6; // CSS pixels

export interface SceneView {
  readonly box: Box;
  /** Heatmap at data resolution, stretched over the whole canvas. */
  readonly heatmap: CanvasImageSource;
  /** Canvas size in CSS pixels and the device pixel ratio of its backing store. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** Draw the heatmap and the particles. positions: (n, 2) in target coordinates, or null. */
export function drawScene(ctx: CanvasRenderingContext2D, view: SceneView, positions: Float32Array | null): void {
  const { box, width, height, dpr } = view;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(view.heatmap, 0, 0, width, height);
  if (!positions) return;

  const sx = width / (box.xmax - box.xmin);
  const sy = height / (box.ymax - box.ymin);
  ctx.beginPath();
  for (let i = 0; i < positions.length; i += 2) {
    const x = positions[i];
    const y = positions[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const px = (x - box.xmin) * sx;
    const py = (box.ymax - y) * sy;
    ctx.moveTo(px + PARTICLE_RADIUS, py);
    ctx.arc(px, py, PARTICLE_RADIUS, 0, 2 * Math.PI);
  }
  ctx.lineWidth = 1.5; // outline first, so the fill keeps its full radius
  ctx.strokeStyle = PARTICLE_STROKE;
  ctx.stroke();
  ctx.fillStyle = PARTICLE_FILL;
  ctx.fill();
}
