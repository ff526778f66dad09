/**
 * Drawing of the plan view outside React: the plan image (kept at data resolution in a small
 * canvas) scaled over the view canvas, and a rectangle around the hovered particle's row.
 */
import type { PlanImage } from '../../../workers/samplerApi';
import { HOVER_COLOUR } from './couplingOverlay';
import { paintPlan } from './planPixels';
import { rowOfParticle } from './planRows';

/** What the view shows of one plan: its image, colour domain and row lookup. */
export interface PlanPicture {
  readonly plan: PlanImage;
  /** The image at plan resolution (width x height pixels). */
  readonly image: HTMLCanvasElement;
  /** [max - 12, max] nats, or null when the plan has no finite cell. */
  readonly domain: [number, number] | null;
  /** (n) image row of each particle. */
  readonly rowOf: Int32Array;
}

/** Pixel buffers by canvas, reused while the plan size stays the same (plans arrive every frame while playing). */
const buffers = new WeakMap<HTMLCanvasElement, ImageData>();

/** Paint a plan into a data-resolution canvas (reusing `reuse` when it has the right size). */
export function planPicture(plan: PlanImage, reuse?: HTMLCanvasElement): PlanPicture {
  const image = reuse ?? document.createElement('canvas');
  if (image.width !== plan.width) image.width = plan.width;
  if (image.height !== plan.height) image.height = plan.height;
  let data = buffers.get(image);
  if (!data || data.width !== plan.width || data.height !== plan.height) buffers.set(image, (data = new ImageData(plan.width, plan.height)));
  const domain = paintPlan(plan.logValues, data.data);
  image.getContext('2d')?.putImageData(data, 0, 0);
  return { plan, image, domain, rowOf: rowOfParticle(plan.rowOrder, plan.height) };
}

export interface PlanViewSize {
  readonly width: number; // CSS pixels
  readonly height: number;
  readonly dpr: number;
}

/** The plan scaled over the canvas (nearest-neighbour, so cells stay sharp), then the highlight. */
export function drawPlanScene(
  ctx: CanvasRenderingContext2D,
  size: PlanViewSize,
  picture: PlanPicture | null,
  hoveredParticle: number | null,
): void {
  const { width, height, dpr } = size;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (!picture) return;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(picture.image, 0, 0, width, height);
  if (hoveredParticle === null || hoveredParticle < 0 || hoveredParticle >= picture.rowOf.length) return;
  const row = picture.rowOf[hoveredParticle];
  if (row < 0) return;
  const rowHeight = height / picture.plan.height;
  const h = Math.max(rowHeight, 3);
  const y = (row + 0.5) * rowHeight - h / 2;
  ctx.lineWidth = 2;
  ctx.strokeStyle = HOVER_COLOUR;
  ctx.strokeRect(1, y - 1, width - 2, h + 2);
  // Pointers at both ends, visible even where the row is one pixel tall.
  ctx.fillStyle = HOVER_COLOUR;
  for (const [x, dir] of [[0, 1], [width, -1]] as const) {
    ctx.beginPath();
    ctx.moveTo(x, y + h / 2 - 5);
    ctx.lineTo(x + 7 * dir, y + h / 2);
    ctx.lineTo(x, y + h / 2 + 5);
    ctx.fill();
  }
}
