/** Stage 5's pictures: the plan after a chosen Sinkhorn iteration, and the residual per iteration. */
import { scaleLinear, scaleLog } from 'd3';
import type { StageRecord } from '../../../workers/samplerApi';
import { paintPlan } from '../plan/planPixels';

/** Frame `frame` of the recorded plan images, scaled to fill width x height without smoothing. */
export function drawPlanFrame(ctx: CanvasRenderingContext2D, r: StageRecord, frame: number, width: number, height: number): void {
  const { width: w, height: h, logValues } = r.sinkhorn.frames;
  const image = new ImageData(w, h);
  paintPlan(logValues.subarray(frame * w * h, (frame + 1) * w * h), image.data);
  const tile = document.createElement('canvas');
  tile.width = w;
  tile.height = h;
  tile.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, 0, 0, width, height);
}

const AXIS = '#615d78';

/** Colours of the residual chart, read by its legend too. */
export const RESIDUAL_INK = { line: '#2f6fb0', tol: '#d62839', final: '#e8590c' } as const;

/**
 * log residual against iteration, the tolerance dashed, the shown iteration marked. The line is
 * the residual the solver compared with tol after each iteration (the plan with the new f and the
 * old g); the diamond at the last iteration is the returned plan's residual (after the closing
 * plain g half-step), the number stage 5's text ends with.
 */
export function drawResidualChart(ctx: CanvasRenderingContext2D, r: StageRecord, shown: number, width: number, height: number): void {
  const s = r.sinkhorn;
  const K = s.residuals.length;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const left = 44, right = 8, top = 8, bottom = 26;
  let lo = s.tol, hi = s.tol;
  for (const v of [...s.residuals, s.residual]) if (v > 0 && Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const x = scaleLinear().domain([1, Math.max(2, K)]).range([left, width - right]);
  const scale = scaleLog().domain([lo / 1.5, hi * 1.5]).range([height - bottom, top]).nice();
  const floor = scale.domain()[0];
  // A zero or broken residual sits on the axis instead of leaving the log scale.
  const y = Object.assign((v: number) => scale(v > floor && Number.isFinite(v) ? v : floor), { ticks: (k: number) => scale.ticks(k) });
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = AXIS;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.12)';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  // Powers of ten only: a log axis's minor ticks would overlap at this height.
  for (const t of y.ticks(4).filter((v) => Number.isInteger(Math.round(Math.log10(v) * 1e6) / 1e6))) {
    ctx.beginPath();
    ctx.moveTo(left, y(t));
    ctx.lineTo(width - right, y(t));
    ctx.stroke();
    ctx.fillText(t.toExponential(0), left - 4, y(t));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks(Math.min(6, Math.max(1, K - 1)))) if (Number.isInteger(t)) ctx.fillText(String(t), x(t), height - bottom + 4);
  ctx.fillText('iteration', (left + width - right) / 2, height - 12);
  ctx.strokeStyle = RESIDUAL_INK.tol;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(left, y(s.tol));
  ctx.lineTo(width - right, y(s.tol));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = RESIDUAL_INK.line;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  s.residuals.forEach((v, k) => (k === 0 ? ctx.moveTo(x(k + 1), y(v)) : ctx.lineTo(x(k + 1), y(v))));
  ctx.stroke();
  ctx.fillStyle = RESIDUAL_INK.line;
  s.residuals.forEach((v, k) => {
    ctx.beginPath();
    ctx.arc(x(k + 1), y(v), k + 1 === shown ? 4.5 : 2, 0, 2 * Math.PI);
    ctx.fill();
  });
  // The returned plan: a diamond at the last iteration, with its value.
  const fx = x(Math.max(1, K)), fy = y(s.residual);
  ctx.fillStyle = RESIDUAL_INK.final;
  ctx.beginPath();
  ctx.moveTo(fx, fy - 6);
  ctx.lineTo(fx + 6, fy);
  ctx.lineTo(fx, fy + 6);
  ctx.lineTo(fx - 6, fy);
  ctx.closePath();
  ctx.fill();
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  const label = `returned plan ${formatResidual(s.residual)}`;
  const tw = ctx.measureText(label).width;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fillRect(fx - 10 - tw, fy - 17, tw + 4, 14);
  ctx.fillStyle = RESIDUAL_INK.final;
  ctx.fillText(label, fx - 8, fy - 4);
}

/** A residual as the chart and stage 5's text write it: 3 significant digits. */
export const formatResidual = (v: number): string => (v === 0 ? '0' : Number.isFinite(v) ? (Math.abs(v) >= 1e-3 ? String(Number(v.toPrecision(3))) : v.toExponential(2)) : String(v));
