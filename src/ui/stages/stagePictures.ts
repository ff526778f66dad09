/**
 * The pictures of the stages drawn in the plane (all but Sinkhorn's): the density in the panel's
 * own colour map (viridis, contours) with x and y axes, then what the stage computed, on d3
 * scales with equal units on both axes. Every mark's colour comes from STAGE_INK, which the
 * legend under the picture (stageLegend.ts) reads too.
 */
import { interpolateBlues, interpolateRgb, scaleLinear, type ScaleLinear } from 'd3';
import type { Box } from '../../engine/targets/types';
import type { StageRecord } from '../../../workers/samplerApi';
import { axisTicks } from '../draw/axisTicks';

export interface Plane {
  readonly ctx: CanvasRenderingContext2D;
  readonly sx: ScaleLinear<number, number>;
  readonly sy: ScaleLinear<number, number>;
  /** Pixels per unit. */
  readonly k: number;
}

/** The density behind the marks: the panel's heatmap image and its contour paths (grid units). */
export interface Ground {
  readonly heatmap: HTMLCanvasElement;
  readonly contours: readonly Path2D[];
}

/** Colours of the marks, chosen to read on viridis (dark purple to yellow). */
export const STAGE_INK = {
  particle: '#ffffff',
  edge: '#1f1d2b',
  drift: '#ff8c1a',
  proposal: '#e6f2ff',
  chosen: '#ff3d8b',
  floored: '#b9b9c6',
  move: '#9fd0ff',
  halo: 'rgba(20, 16, 40, 0.85)',
} as const;

/** Nats below the largest weight that the weight colours span. */
export const COLOUR_NATS = 8;
/** Normalised cost at which the cost colours stop darkening. */
export const COST_MAX = 3;
/** Light (small weight) to dark (large weight): heavy proposals sit on the bright modes. */
export const weightColour = interpolateRgb('#ffd9ee', '#8a0058');
/** Dark (cheap) to light (dear), from a blue scale that viridis does not use. */
export const costColour = (c: number): string => interpolateBlues(0.95 - 0.85 * Math.min(1, Math.max(0, c / COST_MAX)));

/** Room for the axes' tick labels, in CSS pixels. */
const MARGIN = { left: 40, right: 8, top: 8, bottom: 28 } as const;

/** Scales mapping the box into a width x height canvas (CSS pixels) inside the axes' margins, same units on both axes, centred. */
export function planeScales(box: Box, width: number, height: number): { sx: ScaleLinear<number, number>; sy: ScaleLinear<number, number>; k: number } {
  const w = box.xmax - box.xmin;
  const h = box.ymax - box.ymin;
  const k = Math.max(1e-9, Math.min((width - MARGIN.left - MARGIN.right) / w, (height - MARGIN.top - MARGIN.bottom) / h));
  const ox = MARGIN.left + (width - MARGIN.left - MARGIN.right - k * w) / 2;
  const oy = MARGIN.top + (height - MARGIN.top - MARGIN.bottom - k * h) / 2;
  return {
    sx: scaleLinear().domain([box.xmin, box.xmax]).range([ox, ox + k * w]),
    sy: scaleLinear().domain([box.ymin, box.ymax]).range([oy + k * h, oy]),
    k,
  };
}

/** White margins, the density over the box as the panel draws it (heatmap and contours), x and y axes with ticks. */
export function drawGround(p: Plane, box: Box, ground: Ground | null, width: number, height: number): void {
  const { ctx, sx, sy } = p;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const x0 = sx(box.xmin), y0 = sy(box.ymax), w = sx(box.xmax) - x0, h = sy(box.ymin) - y0;
  ctx.fillStyle = '#2a2540';
  ctx.fillRect(x0, y0, w, h);
  if (ground) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(ground.heatmap, x0, y0, w, h);
    ctx.save();
    ctx.translate(x0, y0);
    ctx.scale(w / ground.heatmap.width, h / ground.heatmap.height);
    ctx.lineWidth = ground.heatmap.width / w;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.32)';
    for (const c of ground.contours) ctx.stroke(c);
    ctx.restore();
  }
  drawAxes(p, box, x0, y0, w, h);
}

/** Canvas text grows with the page's root font (projector mode: 21 px instead of 14). */
const textScale = (): number => (typeof document === 'undefined' ? 1 : parseFloat(getComputedStyle(document.documentElement).fontSize) / 14 || 1);

function drawAxes(p: Plane, box: Box, x0: number, y0: number, w: number, h: number): void {
  const { ctx } = p;
  const f = textScale();
  ctx.strokeStyle = '#615d78';
  ctx.fillStyle = '#615d78';
  ctx.lineWidth = 1;
  ctx.font = `${Math.round(11 * f)}px system-ui, sans-serif`;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x0, y0 + h);
  ctx.lineTo(x0 + w, y0 + h);
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // The axes' names sit at their ends: ticks too close to them are left out.
  for (const t of axisTicks(box.xmin, box.xmax, w).filter((t) => t.at < w - 14)) {
    ctx.beginPath();
    ctx.moveTo(x0 + t.at, y0 + h);
    ctx.lineTo(x0 + t.at, y0 + h + 4);
    ctx.stroke();
    ctx.fillText(t.label, x0 + t.at, y0 + h + 5);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of axisTicks(box.ymin, box.ymax, h, true).filter((t) => t.at > 14)) {
    ctx.beginPath();
    ctx.moveTo(x0, y0 + t.at);
    ctx.lineTo(x0 - 4, y0 + t.at);
    ctx.stroke();
    ctx.fillText(t.label, x0 - 6, y0 + t.at);
  }
  ctx.font = `italic ${Math.round(12 * f)}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText('x', x0 + w - 8, y0 + h + 5);
  ctx.textAlign = 'right';
  ctx.fillText('y', x0 - 6, y0);
}

/** One path of circles of radius r (pixels) around the points (n, 2). */
function circlesPath(p: Plane, pts: Float32Array, r: number): void {
  const { ctx, sx, sy } = p;
  ctx.beginPath();
  for (let i = 0; i < pts.length; i += 2) {
    const x = sx(pts[i]), y = sy(pts[i + 1]);
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
}

function dots(p: Plane, pts: Float32Array, r: number, fill: string, stroke?: string): void {
  const { ctx } = p;
  ctx.fillStyle = fill;
  circlesPath(p, pts, r);
  ctx.fill();
  if (stroke) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = 0.75;
    ctx.stroke();
  }
}

function rings(p: Plane, pts: Float32Array, r: number, stroke: string, width = 1): void {
  const { ctx } = p;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
  circlesPath(p, pts, r);
  ctx.stroke();
}

/** Segments from a[i] to b[i] (both (n, 2)), over a dark halo so they read on light and dark ground; with heads when arrows is set. */
function segments(p: Plane, a: Float32Array, b: Float32Array, stroke: string, width: number, arrows = false): void {
  const { ctx, sx, sy } = p;
  ctx.beginPath();
  for (let i = 0; i < a.length; i += 2) {
    const x0 = sx(a[i]), y0 = sy(a[i + 1]), x1 = sx(b[i]), y1 = sy(b[i + 1]);
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (!arrows || len < 3) continue;
    const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    const head = Math.min(6, len / 2);
    ctx.moveTo(x1 - head * (ux - 0.5 * uy), y1 - head * (uy + 0.5 * ux));
    ctx.lineTo(x1, y1);
    ctx.lineTo(x1 - head * (ux + 0.5 * uy), y1 - head * (uy - 0.5 * ux));
  }
  ctx.strokeStyle = STAGE_INK.halo;
  ctx.lineWidth = width + 1.5;
  ctx.stroke();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
  ctx.stroke();
}

function point(pts: Float32Array, i: number): Float32Array {
  return pts.subarray(2 * i, 2 * i + 2);
}

/** The followed particle: a filled dot in a ring. */
function mark(p: Plane, at: Float32Array): void {
  dots(p, at, 4.5, STAGE_INK.chosen, '#ffffff');
  rings(p, at, 8, STAGE_INK.chosen, 2);
}

/** Stage 1: particles and their drift arrows x_i -> mu_i. */
function drawScores(p: Plane, r: StageRecord): void {
  segments(p, r.x, r.mu, STAGE_INK.drift, 1.5, true);
  dots(p, r.x, 3, STAGE_INK.particle, STAGE_INK.edge);
  mark(p, point(r.x, r.particle));
}

/** Stage 2: the pooled proposals around their means. */
function drawProposals(p: Plane, r: StageRecord): void {
  p.ctx.globalAlpha = 0.7;
  dots(p, r.y, 1.6, STAGE_INK.proposal);
  p.ctx.globalAlpha = 1;
  dots(p, r.mu, 2.8, STAGE_INK.drift, STAGE_INK.edge);
}

/** Stage 3: proposals sized and coloured by log b_j, floored ones as grey crosses; the particles as white rings. */
function drawWeights(p: Plane, r: StageRecord): void {
  const { ctx, sx, sy } = p;
  const P = r.proposals;
  let max = -Infinity;
  for (let j = 0; j < P; j++) max = Math.max(max, r.logB[j]);
  const lo = r.logBFloor;
  // Colour spans the top COLOUR_NATS: the floor is 30 nats down, where colours would all look alike.
  const top = Math.max(lo, max - COLOUR_NATS);
  const order = Array.from({ length: P }, (_, j) => j).sort((a, b) => r.logB[a] - r.logB[b]);
  ctx.strokeStyle = STAGE_INK.floored;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const j of order) {
    if (r.logB[j] > lo) break;
    const x = sx(r.y[2 * j]), y = sy(r.y[2 * j + 1]);
    ctx.moveTo(x - 2, y - 2);
    ctx.lineTo(x + 2, y + 2);
    ctx.moveTo(x - 2, y + 2);
    ctx.lineTo(x + 2, y - 2);
  }
  ctx.stroke();
  for (const j of order) {
    const v = r.logB[j];
    if (v <= lo) continue;
    const x = sx(r.y[2 * j]), y = sy(r.y[2 * j + 1]);
    const t = max > top ? Math.max(0, (v - top) / (max - top)) : 1;
    const rad = 1.2 + 4.8 * Math.sqrt(Math.exp(v - max));
    ctx.fillStyle = weightColour(t);
    ctx.beginPath();
    ctx.arc(x, y, rad, 0, 2 * Math.PI);
    ctx.fill();
  }
  rings(p, r.x, 3, STAGE_INK.particle, 1.2);
}

/** Stage 4: proposals coloured by the normalised cost from the chosen particle's anchor z_i; C = 1 and C = eps circles. */
function drawCost(p: Plane, r: StageRecord): void {
  const { ctx, sx, sy, k } = p;
  const P = r.proposals;
  const order = Array.from({ length: P }, (_, j) => j).sort((a, b) => r.costRow[b] - r.costRow[a]);
  for (const j of order) {
    ctx.fillStyle = costColour(r.costRow[j]);
    ctx.beginPath();
    ctx.arc(sx(r.y[2 * j]), sy(r.y[2 * j + 1]), 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  const [ax, ay] = r.anchor;
  const eps = Number(r.params.eps);
  const unit = Math.sqrt(r.costScale / r.costCoef); // C = 1
  for (const [radius, dash] of [
    [unit * k, [5, 4]],
    [Math.sqrt(eps) * unit * k, []],
  ] as const) {
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.arc(sx(ax), sy(ay), radius, 0, 2 * Math.PI);
    ctx.strokeStyle = STAGE_INK.halo;
    ctx.lineWidth = 3;
    ctx.stroke();
    ctx.strokeStyle = STAGE_INK.chosen;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  ctx.setLineDash([]);
  mark(p, point(r.x, r.particle));
}

/** Stage 6: each particle's move (to its drawn proposal, or its row mean), with the chosen row in pink. */
function drawUpdate(p: Plane, r: StageRecord): void {
  const { ctx, sx, sy } = p;
  let max = 0;
  for (let j = 0; j < r.proposals; j++) max = Math.max(max, r.planRow[j]);
  if (max > 0)
    for (let j = 0; j < r.proposals; j++) {
      const w = r.planRow[j] / max;
      if (w < 0.01) continue;
      ctx.globalAlpha = 0.2 + 0.8 * w;
      ctx.fillStyle = STAGE_INK.chosen;
      ctx.beginPath();
      ctx.arc(sx(r.y[2 * j]), sy(r.y[2 * j + 1]), 1.5 + 3 * Math.sqrt(w), 0, 2 * Math.PI);
      ctx.fill();
    }
  ctx.globalAlpha = 1;
  const target = r.means ?? r.xUpdated;
  segments(p, r.x, target, STAGE_INK.move, 1);
  rings(p, r.x, 2.5, STAGE_INK.particle, 0.8);
  if (r.means) {
    ctx.strokeStyle = STAGE_INK.drift;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let i = 0; i < r.means.length; i += 2) {
      const x = sx(r.means[i]), y = sy(r.means[i + 1]);
      ctx.moveTo(x - 3, y - 3);
      ctx.lineTo(x + 3, y + 3);
      ctx.moveTo(x - 3, y + 3);
      ctx.lineTo(x + 3, y - 3);
    }
    ctx.stroke();
  }
  dots(p, r.xUpdated, 3, STAGE_INK.particle, STAGE_INK.edge);
  mark(p, point(r.x, r.particle));
}

/** Stage 7: before (rings) and after (dots) the mutation. */
function drawMutation(p: Plane, r: StageRecord): void {
  segments(p, r.xUpdated, r.xAfter, STAGE_INK.drift, 1);
  rings(p, r.xUpdated, 3.5, STAGE_INK.particle, 0.8);
  dots(p, r.xAfter, 3, STAGE_INK.particle, STAGE_INK.edge);
}

/** The plane picture of stage `stage` (0-based; 4, Sinkhorn, has its own pictures). */
export function drawPlaneStage(p: Plane, r: StageRecord, stage: number, box: Box): void {
  const { ctx, sx, sy } = p;
  ctx.save();
  ctx.beginPath();
  ctx.rect(sx(box.xmin), sy(box.ymax), sx(box.xmax) - sx(box.xmin), sy(box.ymin) - sy(box.ymax));
  ctx.clip();
  [drawScores, drawProposals, drawWeights, drawCost, () => undefined, drawUpdate, drawMutation][stage]?.(p, r);
  ctx.restore();
}
