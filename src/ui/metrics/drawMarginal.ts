/** One marginal on a canvas: particle histogram bars (panel colour) and the exact density curve. */

export interface MarginalPicture {
  /** (bins) histogram density of the particles. */
  readonly histogram: Float64Array;
  /** (cells) exact marginal density on the heatmap's cells, same range. */
  readonly exact: Float64Array;
  readonly colour: string;
}

const EXACT_COLOUR = '#1d1b2c';

export function drawMarginal(ctx: CanvasRenderingContext2D, width: number, height: number, dpr: number, pic: MarginalPicture): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  let top = 0;
  for (const v of pic.histogram) top = Math.max(top, v);
  for (const v of pic.exact) top = Math.max(top, v);
  if (!(top > 0)) return;
  const pad = 2;
  const sy = (height - pad) / (top * 1.05);
  const base = height - 0.5;
  // Bars.
  const bw = width / pic.histogram.length;
  ctx.fillStyle = pic.colour;
  ctx.globalAlpha = 0.6;
  pic.histogram.forEach((v, k) => {
    if (v > 0) ctx.fillRect(k * bw + 0.5, base - v * sy, Math.max(1, bw - 1), v * sy);
  });
  ctx.globalAlpha = 1;
  // Exact density at cell centres.
  const cw = width / pic.exact.length;
  ctx.beginPath();
  pic.exact.forEach((v, k) => {
    const x = (k + 0.5) * cw;
    const y = base - v * sy;
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.strokeStyle = EXACT_COLOUR;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  // Baseline.
  ctx.fillStyle = 'rgba(0, 0, 0, 0.25)';
  ctx.fillRect(0, height - 1, width, 1);
}
