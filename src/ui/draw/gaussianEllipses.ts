import type { Box } from '../../engine/targets/types';
import type { GaussianOverlay } from '../../../workers/samplerApi';

export interface EllipseView {
  readonly box: Box;
  /** Canvas size in CSS pixels and its device pixel ratio. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** The 1- and 2-sigma contours: 2-sigma dashed, so the two read apart in one colour. */
const LEVELS = [
  { k: 1, dash: [] as number[] },
  { k: 2, dash: [6, 4] },
];

/**
 * The 1- and 2-standard-deviation ellipses of every Gaussian component of a variational panel's q
 * and a cross at its mean, in the panel colour over a thin light halo (readable on dark and light
 * parts of the heatmap). Drawn in device pixels over the scene. Returns how many components were
 * drawn (non-finite ones are skipped).
 */
export function drawGaussianEllipses(ctx: CanvasRenderingContext2D, view: EllipseView, q: GaussianOverlay, colour: string): number {
  const { box, width, height, dpr } = view;
  const sx = (width * dpr) / (box.xmax - box.xmin);
  const sy = (height * dpr) / (box.ymax - box.ymin);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  let drawn = 0;
  for (let c = 0; c < q.means.length / 2; c++) {
    const cx = (q.means[2 * c] - box.xmin) * sx;
    const cy = (box.ymax - q.means[2 * c + 1]) * sy;
    // Covariance in pixel coordinates (y points down): D C D with D = diag(sx, -sy).
    const a = sx * sx * q.covariances[3 * c];
    const b = -sx * sy * q.covariances[3 * c + 1];
    const d = sy * sy * q.covariances[3 * c + 2];
    const half = Math.sqrt(((a - d) / 2) ** 2 + b * b);
    const big = (a + d) / 2 + half;
    const small = Math.max(0, (a + d) / 2 - half);
    const angle = 0.5 * Math.atan2(2 * b, a - d); // direction of the larger axis
    if (![cx, cy, big, small, angle].every(Number.isFinite)) continue;
    drawn++;
    for (const { k, dash } of LEVELS) {
      ctx.beginPath();
      ctx.ellipse(cx, cy, k * Math.sqrt(big), k * Math.sqrt(small), angle, 0, 2 * Math.PI);
      ctx.setLineDash(dash.map((v) => v * dpr));
      ctx.lineWidth = 3.5 * dpr;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
      ctx.stroke();
      ctx.lineWidth = 2 * dpr;
      ctx.strokeStyle = colour;
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const arm = 5 * dpr;
    ctx.beginPath();
    ctx.moveTo(cx - arm, cy);
    ctx.lineTo(cx + arm, cy);
    ctx.moveTo(cx, cy - arm);
    ctx.lineTo(cx, cy + arm);
    ctx.lineWidth = 2 * dpr;
    ctx.strokeStyle = colour;
    ctx.stroke();
  }
  return drawn;
}
