import type { Box } from '../../engine/targets/types';
import type { ShownLayer } from './trailLayers';

export const PARTICLE_FILL = '#ffffff';
const PARTICLE_STROKE = 'rgba(20, 16, 40, 0.75)';
const PARTICLE_RADIUS = 2.6; // CSS pixels
const PARTICLE_OUTLINE = 1.5; // CSS pixels

export interface SceneView {
  readonly box: Box;
  /** Heatmap and contours at backing-store resolution (see staticLayer). */
  readonly background: CanvasImageSource;
  /** Canvas size in CSS pixels and the device pixel ratio of its backing store. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** Particle size factor (larger on a projector); 1 by default. */
  readonly markScale?: number;
}

/** One particle (white disc, dark outline) at device resolution, drawn once per pixel ratio and size. */
const sprites = new Map<string, { canvas: HTMLCanvasElement; half: number }>();
function particleSprite(dpr: number, scale: number): { canvas: HTMLCanvasElement; half: number } {
  const key = `${dpr}|${scale}`;
  let sprite = sprites.get(key);
  if (!sprite) {
    const half = Math.ceil((PARTICLE_RADIUS + PARTICLE_OUTLINE) * scale * dpr) + 1;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 2 * half;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      ctx.setTransform(dpr * scale, 0, 0, dpr * scale, half, half);
      ctx.beginPath();
      ctx.arc(0, 0, PARTICLE_RADIUS, 0, 2 * Math.PI);
      ctx.lineWidth = PARTICLE_OUTLINE; // outline first, so the fill keeps its full radius
      ctx.strokeStyle = PARTICLE_STROKE;
      ctx.stroke();
      ctx.fillStyle = PARTICLE_FILL;
      ctx.fill();
    }
    sprites.set(key, (sprite = { canvas, half }));
  }
  return sprite;
}

/**
 * Draw background, fading trails (layers from TrailLayers, oldest first) and particles.
 * positions: (n, 2) in target coordinates, or null. Particles are one pre-drawn sprite each,
 * placed on whole device pixels: a tenth of the cost of stroking and filling n arcs in
 * Chromium's software raster.
 */
export function drawScene(ctx: CanvasRenderingContext2D, view: SceneView, positions: Float32Array | null, trails: readonly ShownLayer[] = []): void {
  const { box, width, height, dpr } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(view.background, 0, 0);
  for (const layer of trails) {
    ctx.globalAlpha = layer.alpha;
    ctx.drawImage(layer.canvas, 0, 0);
  }
  ctx.globalAlpha = 1;
  if (!positions) return;
  const sx = (width * dpr) / (box.xmax - box.xmin);
  const sy = (height * dpr) / (box.ymax - box.ymin);
  const { canvas: sprite, half } = particleSprite(dpr, view.markScale ?? 1);
  for (let i = 0; i < positions.length; i += 2) {
    const x = positions[i];
    const y = positions[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.drawImage(sprite, Math.round((x - box.xmin) * sx) - half, Math.round((box.ymax - y) * sy) - half);
  }
}
