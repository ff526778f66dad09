/**
 * The pictures of the stages drawn in the plane (all but Sinkhorn's): the density faintly behind,
 * then what the stage computed, on d3 scales with equal units on both axes.
 */
import { interpolatePlasma, interpolateYlGnBu, scaleLinear, type ScaleLinear } from 'd3';
import type { Box } from '../../engine/targets/types';
import type { StageRecord } from '../../../workers/samplerApi';

export interface Plane {
  readonly ctx: CanvasRenderingContext2D;
  readonly sx: ScaleLinear<number, number>;
  readonly sy: ScaleLinear<number, number>;
  /** Pixels per unit. */
  readonly k: number;
}

const INK = '#1f1d2b';
const DRIFT = '#e4572e';
const PROPOSAL = '#2f6fb0';
const CHOSEN = '#d62839';
const MUTED = 'rgba(31, 29, 43, 0.35)';
/** Nats below the largest weight that the weight colours span. */
const COLOUR_NATS = 8;

/** Scales mapping the box into a width x height canvas (CSS pixels), same units on both axes, centred. */
export function planeScales(box: Box, width: number, height: number, pad = 8): { sx: ScaleLinear<number, number>; sy: ScaleLinear<number, number>; k: number } {
  const w = box.xmax - box.xmin;
  const h = box.ymax - box.ymin;
  const k = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h);
  const ox = (width - k * w) / 2;
  const oy = (height - k * h) / 2;
  return {
    sx: scaleLinear().domain([box.xmin, box.xmax]).range([ox, ox + k * w]),
    sy: scaleLinear().domain([box.ymin, box.ymax]).range([oy + k * h, oy]),
    k,
  };
}

/** White ground, the density image over the box (faint), and the box outline. */
export function drawGround(p: Plane, box: Box, density: CanvasImageSource | null, width: number, height: number): void {
  const { ctx, sx, sy } = p;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const x0 = sx(box.xmin), y0 = sy(box.ymax), w = sx(box.xmax) - x0, h = sy(box.ymin) - y0;
  if (density) {
    ctx.globalAlpha = 0.35;
    ctx.drawImage(density, x0, y0, w, h);
    ctx.globalAlpha = 1;
  }
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.25)';
  ctx.lineWidth = 1;
  ctx.strokeRect(x0, y0, w, h);
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

function rings(p: Plane, pts: Float32Array, r: number, stroke: string): void {
  const { ctx } = p;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = 1;
  circlesPath(p, pts, r);
  ctx.stroke();
}

/** Segments from a[i] to b[i] (both (n, 2)); with heads when arrows is set. */
function segments(p: Plane, a: Float32Array, b: Float32Array, stroke: string, width: number, arrows = false): void {
  const { ctx, sx, sy } = p;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
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
  ctx.stroke();
}

function point(pts: Float32Array, i: number): Float32Array {
  return pts.subarray(2 * i, 2 * i + 2);
}

function mark(p: Plane, at: Float32Array, colour: string): void {
  dots(p, at, 4.5, colour, '#ffffff');
  rings(p, at, 8, colour);
}

/** Stage 1: particles and their drift arrows x_i -> mu_i. */
function drawScores(p: Plane, r: StageRecord): void {
  segments(p, r.x, r.mu, DRIFT, 1.5, true);
  dots(p, r.x, 3, INK, '#ffffff');
  mark(p, point(r.x, r.particle), CHOSEN);
}

/** Stage 2: the pooled proposals around their means. */
function drawProposals(p: Plane, r: StageRecord): void {
  p.ctx.globalAlpha = 0.55;
  dots(p, r.y, 1.6, PROPOSAL);
  p.ctx.globalAlpha = 1;
  dots(p, r.mu, 2.6, DRIFT, '#ffffff');
}

/** Stage 3: proposals sized and coloured by log b_j; floored ones as grey rings. */
function drawWeights(p: Plane, r: StageRecord): void {
  const { ctx, sx, sy } = p;
  const P = r.proposals;
  let max = -Infinity;
  for (let j = 0; j < P; j++) max = Math.max(max, r.logB[j]);
  const lo = r.logBFloor;
  // Colour spans the top COLOUR_NATS: the floor is 30 nats down, where colours would all look alike.
  const top = Math.max(lo, max - COLOUR_NATS);
  const order = Array.from({ length: P }, (_, j) => j).sort((a, b) => r.logB[a] - r.logB[b]);
  for (const j of order) {
    const v = r.logB[j];
    const x = sx(r.y[2 * j]), y = sy(r.y[2 * j + 1]);
    if (v <= lo) {
      ctx.strokeStyle = 'rgba(120, 120, 120, 0.6)';
      ctx.lineWidth = 0.75;
      ctx.beginPath();
      ctx.arc(x, y, 1.8, 0, 2 * Math.PI);
      ctx.stroke();
      continue;
    }
    const t = max > top ? Math.max(0, (v - top) / (max - top)) : 1;
    const rad = 1 + 5 * Math.sqrt(Math.exp(v - max));
    ctx.fillStyle = interpolatePlasma(0.1 + 0.85 * t);
    ctx.beginPath();
    ctx.arc(x, y, rad, 0, 2 * Math.PI);
    ctx.fill();
  }
  rings(p, r.x, 2.5, MUTED);
}

/** Stage 4: proposals coloured by the normalised cost from the chosen particle; C = 1 and C = eps circles. */
function drawCost(p: Plane, r: StageRecord): void {
  const { ctx, sx, sy, k } = p;
  const P = r.proposals;
  const cMax = 3;
  const order = Array.from({ length: P }, (_, j) => j).sort((a, b) => r.costRow[b] - r.costRow[a]);
  for (const j of order) {
    const c = Math.min(r.costRow[j], cMax) / cMax;
    ctx.fillStyle = interpolateYlGnBu(1 - 0.9 * c);
    ctx.beginPath();
    ctx.arc(sx(r.y[2 * j]), sy(r.y[2 * j + 1]), 2, 0, 2 * Math.PI);
    ctx.fill();
  }
  const [ax, ay] = r.anchor;
  const eps = Number(r.params.eps);
  const unit = Math.sqrt(r.costScale / r.costCoef); // C = 1
  ctx.strokeStyle = CHOSEN;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([5, 4]);
  ctx.beginPath();
  ctx.arc(sx(ax), sy(ay), unit * k, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(sx(ax), sy(ay), Math.sqrt(eps) * unit * k, 0, 2 * Math.PI);
  ctx.stroke();
  mark(p, point(r.x, r.particle), CHOSEN);
}

/** Stage 6: each particle's move (to its drawn proposal, or its row mean), with the chosen row in red. */
function drawUpdate(p: Plane, r: StageRecord): void {
  const { ctx, sx, sy } = p;
  let max = 0;
  for (let j = 0; j < r.proposals; j++) max = Math.max(max, r.planRow[j]);
  if (max > 0)
    for (let j = 0; j < r.proposals; j++) {
      const w = r.planRow[j] / max;
      if (w < 0.01) continue;
      ctx.fillStyle = `rgba(214, 40, 57, ${(0.15 + 0.85 * w).toFixed(3)})`;
      ctx.beginPath();
      ctx.arc(sx(r.y[2 * j]), sy(r.y[2 * j + 1]), 1.5 + 3 * Math.sqrt(w), 0, 2 * Math.PI);
      ctx.fill();
    }
  const target = r.means ?? r.xUpdated;
  segments(p, r.x, target, 'rgba(47, 111, 176, 0.75)', 1);
  rings(p, r.x, 2.5, MUTED);
  if (r.means) {
    ctx.strokeStyle = PROPOSAL;
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
  dots(p, r.xUpdated, 3, INK, '#ffffff');
  mark(p, point(r.x, r.particle), CHOSEN);
}

/** Stage 7: before (rings) and after (dots) the mutation. */
function drawMutation(p: Plane, r: StageRecord): void {
  segments(p, r.xUpdated, r.xAfter, DRIFT, 1);
  rings(p, r.xUpdated, 3.5, MUTED);
  dots(p, r.xAfter, 3, INK, '#ffffff');
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
