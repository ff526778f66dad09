import type { Box } from '../../engine/targets/types';

export const PARTICLE_FILL = '#ffffff';
const PARTICLE_STROKE = 'rgba(20, 16, 40, 0.75)';
const PARTICLE_RADIUS = 2.6; // CSS pixels
/** Opacity of the newest trail segment; older ones fade linearly towards 0. */
const TRAIL_ALPHA = 0.55;

export interface SceneView {
  readonly box: Box;
  /** Heatmap and contours at backing-store resolution (see staticLayer). */
  readonly background: CanvasImageSource;
  /** Canvas size in CSS pixels and the device pixel ratio of its backing store. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** A panel's ring buffer of past positions (see PanelFrame). */
export interface Trails {
  /** (trailLength, n, 2) */
  readonly data: Float32Array;
  readonly head: number;
  readonly count: number;
  /** Colour of the trail lines (the panel colour). */
  readonly colour: string;
}

/** Draw background, fading trails (older = more transparent) and particles. positions: (n, 2) in target coordinates, or null. */
export function drawScene(ctx: CanvasRenderingContext2D, view: SceneView, positions: Float32Array | null, trails: Trails | null = null): void {
  const { box, width, height, dpr } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(view.background, 0, 0);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  if (!positions) return;
  const sx = width / (box.xmax - box.xmin);
  const sy = height / (box.ymax - box.ymin);
  const px = (x: number) => (x - box.xmin) * sx;
  const py = (y: number) => (box.ymax - y) * sy;

  if (trails && trails.count > 1) drawTrails(ctx, trails, positions.length >> 1, px, py);

  ctx.beginPath();
  for (let i = 0; i < positions.length; i += 2) {
    const x = positions[i];
    const y = positions[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const cx = px(x);
    const cy = py(y);
    ctx.moveTo(cx + PARTICLE_RADIUS, cy);
    ctx.arc(cx, cy, PARTICLE_RADIUS, 0, 2 * Math.PI);
  }
  ctx.lineWidth = 1.5; // outline first, so the fill keeps its full radius
  ctx.strokeStyle = PARTICLE_STROKE;
  ctx.stroke();
  ctx.fillStyle = PARTICLE_FILL;
  ctx.fill();
}

/** One path per age: segment a joins slot a to slot a + 1 for every particle. */
function drawTrails(ctx: CanvasRenderingContext2D, t: Trails, n: number, px: (x: number) => number, py: (y: number) => number): void {
  const L = t.data.length / (2 * n);
  if (!Number.isInteger(L) || L < 2) return;
  const oldest = (((t.head - t.count + 1) % L) + L) % L;
  const segments = t.count - 1;
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = t.colour;
  ctx.lineCap = 'round';
  for (let a = 0; a < segments; a++) {
    const from = ((oldest + a) % L) * 2 * n;
    const to = ((oldest + a + 1) % L) * 2 * n;
    ctx.globalAlpha = (TRAIL_ALPHA * (a + 1)) / segments;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x0 = t.data[from + 2 * i], y0 = t.data[from + 2 * i + 1];
      const x1 = t.data[to + 2 * i], y1 = t.data[to + 2 * i + 1];
      if (!(Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1))) continue;
      ctx.moveTo(px(x0), py(y0));
      ctx.lineTo(px(x1), py(y1));
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
