import { LR_DATA_BOX, predictiveAt, type LabeledPoint } from '../../engine/targets/logistic2d';

/** Class colours of the data panel: class 0 blue, class 1 orange (also told apart by shape: circle, square). */
export const CLASS_COLOURS = ['#2f6db5', '#d9711c'] as const;
const CLASS_RGB = [
  [47, 109, 181],
  [217, 113, 28],
] as const;

/** Decision lines drawn (evenly spaced particles of the chosen panel). */
export const LR_LINES = 30;
/** Most particles averaged for the shading (evenly spaced when the panel has more). */
export const LR_SHADE_PARTICLES = 300;
/** Cells per side of the shading image (smoothed when scaled up). */
const SHADE_CELLS = 48;

/** m evenly spaced particles of positions (n, 2): (m, 2), all of them when n <= m. */
export function everyKth(positions: ArrayLike<number>, m: number): Float64Array {
  const n = positions.length >> 1;
  const k = Math.min(n, m);
  const out = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    const i = k === n ? j : Math.floor((j * n) / k);
    out[2 * j] = positions[2 * i];
    out[2 * j + 1] = positions[2 * i + 1];
  }
  return out;
}

export interface LogisticScene {
  readonly points: readonly LabeledPoint[];
  readonly centre: readonly [number, number];
  /** The chosen panel's particles (weights), (n, 2), or null before the first frame. */
  readonly weights: ArrayLike<number> | null;
  /** CSS pixels of the square canvas and the device pixel ratio. */
  readonly size: number;
  readonly dpr: number;
  /** Thickness of lines and marks (projector mode draws them thicker). */
  readonly markScale?: number;
  /** The particle hovered in a sampler panel: its weights' decision line, drawn bold in the panel's colour. */
  readonly highlight?: { readonly w: readonly [number, number]; readonly colour: string } | null;
  /** The keyboard cursor (data coordinates), drawn as a ring while the plane has the focus. */
  readonly cursor?: readonly [number, number] | null;
}

/** What was drawn (left on the canvas's dataset for tests). */
export interface LogisticDrawn {
  readonly lines: number;
  readonly shaded: boolean;
}

const B = LR_DATA_BOX;
/** Data coordinates -> CSS pixels of a size x size canvas. */
const px = (x: number, size: number) => ((x - B.xmin) / (B.xmax - B.xmin)) * size;
const py = (y: number, size: number) => ((B.ymax - y) / (B.ymax - B.ymin)) * size;

let shadeCanvas: HTMLCanvasElement | null = null;

/**
 * The data panel: the predictive probability of class 1 as shading (blue 0, white 0.5, orange 1;
 * the mean of sigmoid(w.(x - c)) over up to LR_SHADE_PARTICLES particles), the decision lines
 * w.(x - c) = 0 of LR_LINES particles (all through the data centre c), the grid, the points and c.
 */
export function drawLogistic(ctx: CanvasRenderingContext2D, scene: LogisticScene): LogisticDrawn {
  const { points, centre, weights, size, dpr, markScale = 1 } = scene;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  const n = weights ? weights.length >> 1 : 0;

  let shaded = false;
  if (weights && n > 0) {
    const sub = everyKth(weights, LR_SHADE_PARTICLES);
    shadeCanvas ??= document.createElement('canvas');
    shadeCanvas.width = SHADE_CELLS;
    shadeCanvas.height = SHADE_CELLS;
    const sctx = shadeCanvas.getContext('2d');
    if (sctx) {
      const img = sctx.createImageData(SHADE_CELLS, SHADE_CELLS);
      for (let r = 0; r < SHADE_CELLS; r++) {
        const y = B.ymax - ((r + 0.5) * (B.ymax - B.ymin)) / SHADE_CELLS;
        for (let c = 0; c < SHADE_CELLS; c++) {
          const x = B.xmin + ((c + 0.5) * (B.xmax - B.xmin)) / SHADE_CELLS;
          const p = predictiveAt(sub, centre, x, y);
          // white at 0.5, towards the class colour (lightened) at 0 and 1
          const t = Math.min(1, Math.abs(2 * p - 1)) * 0.6;
          const rgb = CLASS_RGB[p >= 0.5 ? 1 : 0];
          const k = 4 * (r * SHADE_CELLS + c);
          img.data[k] = Math.round(255 + (rgb[0] - 255) * t);
          img.data[k + 1] = Math.round(255 + (rgb[1] - 255) * t);
          img.data[k + 2] = Math.round(255 + (rgb[2] - 255) * t);
          img.data[k + 3] = 255;
        }
      }
      sctx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(shadeCanvas, 0, 0, size, size);
      shaded = true;
    }
  }

  // Grid at the integers, the axes a little darker.
  ctx.lineWidth = 1;
  for (let v = Math.ceil(B.xmin); v <= B.xmax; v++) {
    ctx.strokeStyle = v === 0 ? 'rgba(0,0,0,0.28)' : 'rgba(0,0,0,0.08)';
    ctx.beginPath();
    ctx.moveTo(px(v, size), 0);
    ctx.lineTo(px(v, size), size);
    ctx.moveTo(0, py(v, size));
    ctx.lineTo(size, py(v, size));
    ctx.stroke();
  }

  // Decision lines: w.(x - c) = 0 is the line through c along (-w2, w1), drawn across the box.
  let lines = 0;
  if (weights && n > 0) {
    const few = everyKth(weights, LR_LINES);
    const reach = 2 * (B.xmax - B.xmin);
    ctx.strokeStyle = 'rgba(20, 20, 30, 0.45)';
    ctx.lineWidth = Math.max(1, size / 400) * markScale;
    ctx.beginPath();
    for (let j = 0; j < few.length >> 1; j++) {
      const w1 = few[2 * j], w2 = few[2 * j + 1];
      const norm = Math.hypot(w1, w2);
      if (!(norm > 1e-9) || !Number.isFinite(norm)) continue;
      const dx = -w2 / norm, dy = w1 / norm;
      ctx.moveTo(px(centre[0] - reach * dx, size), py(centre[1] - reach * dy, size));
      ctx.lineTo(px(centre[0] + reach * dx, size), py(centre[1] + reach * dy, size));
      lines++;
    }
    ctx.stroke();
  }

  if (scene.highlight) {
    const [w1, w2] = scene.highlight.w;
    const norm = Math.hypot(w1, w2);
    if (norm > 1e-9 && Number.isFinite(norm)) {
      const reach = 2 * (B.xmax - B.xmin);
      const dx = -w2 / norm, dy = w1 / norm;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 6 * markScale;
      ctx.beginPath();
      ctx.moveTo(px(centre[0] - reach * dx, size), py(centre[1] - reach * dy, size));
      ctx.lineTo(px(centre[0] + reach * dx, size), py(centre[1] + reach * dy, size));
      ctx.stroke();
      ctx.strokeStyle = scene.highlight.colour;
      ctx.lineWidth = 3 * markScale;
      ctx.stroke();
    }
  }

  // Points: class 0 circles, class 1 squares, white-edged.
  const r = Math.max(4, size / 70) * markScale;
  ctx.lineWidth = Math.max(1.2, size / 300);
  for (const [x, y, c] of points) {
    const X = px(x, size), Y = py(y, size);
    ctx.fillStyle = CLASS_COLOURS[c];
    ctx.strokeStyle = '#ffffff';
    ctx.beginPath();
    if (c === 0) ctx.arc(X, Y, r, 0, 2 * Math.PI);
    else ctx.rect(X - r * 0.9, Y - r * 0.9, 1.8 * r, 1.8 * r);
    ctx.fill();
    ctx.stroke();
  }

  if (scene.cursor) {
    const [cx, cy] = scene.cursor;
    ctx.strokeStyle = '#e8590c';
    ctx.lineWidth = 2;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.arc(px(cx, size), py(cy, size), 2.2 * r, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // The data centre c: every decision line passes through it.
  const X = px(centre[0], size), Y = py(centre[1], size);
  ctx.strokeStyle = '#111111';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(X - r, Y);
  ctx.lineTo(X + r, Y);
  ctx.moveTo(X, Y - r);
  ctx.lineTo(X, Y + r);
  ctx.stroke();
  return { lines, shaded };
}

/** The data coordinates of a click at CSS offset (ox, oy) on a size x size canvas. */
export function dataAt(ox: number, oy: number, size: number): [number, number] {
  return [B.xmin + (ox / size) * (B.xmax - B.xmin), B.ymax - (oy / size) * (B.ymax - B.ymin)];
}

/** Index of the point nearest (x, y) within `radius` (data units), or -1. */
export function nearestPoint(points: readonly LabeledPoint[], x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  points.forEach(([a, b], i) => {
    const d = (a - x) ** 2 + (b - y) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  });
  return best;
}
