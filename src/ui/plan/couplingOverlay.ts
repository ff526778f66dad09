/**
 * Plot overlay of the transport plan, drawn by a panel's render loop after the particles:
 * the hovered particle's likeliest destinations (lines from its cost anchor to its top-k
 * proposals, opacity proportional to weight) and, when toggled, the top-3 coupling lines of
 * every particle. Redraw when `overlayVersion()` changes as well as on new frames.
 */
import type { Box } from '../../engine/targets/types';
import { latestFrame } from '../../run/latestFrame';
import {
  LINES_TOP,
  couplingLines,
  ensureCouplingLines,
  ensureHoveredRow,
  hoveredRow,
  overlayVersion,
  type CouplingLines,
} from './couplingRows';
import { hoverStore } from './hoverStore';

export { overlayVersion };

export const HOVER_COLOUR = '#ff3d8b';
const LINES_COLOUR = '255, 255, 255';

export interface OverlayView {
  readonly box: Box;
  /** Canvas size in CSS pixels and the device pixel ratio of its backing store. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** Target coordinates -> CSS pixels. */
function projector(view: OverlayView) {
  const { box, width, height } = view;
  const sx = width / (box.xmax - box.xmin);
  const sy = height / (box.ymax - box.ymin);
  return { x: (x: number) => (x - box.xmin) * sx, y: (y: number) => (box.ymax - y) * sy };
}

/** Draw the coupling overlay of `panel` (and ask the worker for rows it lacks); returns the iteration whose lines were drawn (0: none). */
export function drawCouplingOverlay(ctx: CanvasRenderingContext2D, view: OverlayView, panel: number): number {
  ensureHoveredRow();
  ensureCouplingLines(panel);
  ctx.save();
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  const lines = hoverStore.getState().couplingLines[panel] ? couplingLines(panel) : null;
  const at = latestFrame.current?.panels[panel]?.iteration ?? 0;
  const drawn = lines && at > 0 && lines.iteration <= at;
  if (drawn) drawLines(ctx, view, lines);
  drawHovered(ctx, view, panel);
  ctx.restore();
  return drawn ? lines.iteration : 0;
}

function drawLines(ctx: CanvasRenderingContext2D, view: OverlayView, lines: CouplingLines): void {
  const p = projector(view);
  const k = lines.sources.length >> 1;
  ctx.lineWidth = 1;
  // Bucket by opacity so the whole overlay is a handful of strokes, not k * 3.
  const BUCKETS = 8;
  const paths = Array.from({ length: BUCKETS }, () => new Path2D());
  for (let j = 0; j < k; j++) {
    const x0 = p.x(lines.sources[2 * j]);
    const y0 = p.y(lines.sources[2 * j + 1]);
    for (let t = 0; t < LINES_TOP; t++) {
      const w = lines.weights[j * LINES_TOP + t];
      if (!(w > 0)) continue;
      const b = Math.min(BUCKETS - 1, Math.floor(w * BUCKETS));
      paths[b].moveTo(x0, y0);
      paths[b].lineTo(p.x(lines.destinations[2 * (j * LINES_TOP + t)]), p.y(lines.destinations[2 * (j * LINES_TOP + t) + 1]));
    }
  }
  paths.forEach((path, b) => {
    ctx.strokeStyle = `rgba(${LINES_COLOUR}, ${(0.25 + (0.75 * (b + 1)) / BUCKETS).toFixed(3)})`;
    ctx.stroke(path);
  });
}

function drawHovered(ctx: CanvasRenderingContext2D, view: OverlayView, panel: number): void {
  const h = hoverStore.getState().hovered;
  if (!h || h.panel !== panel) return;
  const p = projector(view);
  const row = hoveredRow(panel);
  if (row && row.topK.length > 0) {
    const top = row.weights[row.topK[0]] || 1;
    const x0 = p.x(row.source[0]);
    const y0 = p.y(row.source[1]);
    ctx.strokeStyle = HOVER_COLOUR;
    ctx.fillStyle = HOVER_COLOUR;
    ctx.lineWidth = 2;
    for (let t = row.topK.length - 1; t >= 0; t--) {
      const q = row.topK[t];
      const x1 = p.x(row.proposals[2 * q]);
      const y1 = p.y(row.proposals[2 * q + 1]);
      ctx.globalAlpha = Math.max(0.08, row.weights[q] / top);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(x1, y1, 3, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
  // A ring around the particle itself.
  const pos = latestFrame.current?.panels[panel]?.positions;
  const i = h.particle;
  if (pos && 2 * i + 1 < pos.length && Number.isFinite(pos[2 * i]) && Number.isFinite(pos[2 * i + 1])) {
    ctx.strokeStyle = HOVER_COLOUR;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(p.x(pos[2 * i]), p.y(pos[2 * i + 1]), 6, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
