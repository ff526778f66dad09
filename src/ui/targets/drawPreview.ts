import { drawnFloor, flooredLog, type Bump } from '../../engine/targets/drawn';
import type { Box } from '../../engine/targets/types';
import type { Heatmap } from '../../../workers/samplerApi';

/** Bumps are summed within this many widths of their centre in the preview (exp(-12.5) of the peak beyond). */
const PREVIEW_CUTOFF = 5;

/**
 * The drawn density on a grid, kept as the running sum of bumps so a stroke in progress adds only
 * its new bumps (a few thousand cells each) instead of re-summing the whole drawing per pointer move.
 */
export class DrawPreview {
  readonly sum: Float64Array; // (height, width), row 0 at the top
  private bumps: Bump[] = [];

  constructor(readonly box: Box, readonly width: number, readonly height: number) {
    this.sum = new Float64Array(width * height);
  }

  reset(bumps: readonly Bump[]): void {
    this.sum.fill(0);
    this.bumps = [];
    this.add(bumps);
  }

  add(bumps: readonly Bump[]): void {
    const { box, width, height, sum } = this;
    const dx = (box.xmax - box.xmin) / width, dy = (box.ymax - box.ymin) / height;
    for (const b of bumps) {
      this.bumps.push(b);
      const [cx, cy, h, w] = b;
      const peak = w / (2 * Math.PI * h * h), inv = 1 / (h * h), r = PREVIEW_CUTOFF * h;
      const c0 = Math.max(0, Math.floor((cx - r - box.xmin) / dx)), c1 = Math.min(width - 1, Math.ceil((cx + r - box.xmin) / dx));
      const r0 = Math.max(0, Math.floor((box.ymax - (cy + r)) / dy)), r1 = Math.min(height - 1, Math.ceil((box.ymax - (cy - r)) / dy));
      for (let row = r0; row <= r1; row++) {
        const y = box.ymax - (row + 0.5) * dy;
        for (let col = c0; col <= c1; col++) {
          const x = box.xmin + (col + 0.5) * dx;
          const q = ((x - cx) ** 2 + (y - cy) ** 2) * inv;
          if (q <= PREVIEW_CUTOFF * PREVIEW_CUTOFF) sum[row * width + col] += peak * Math.exp(-0.5 * q);
        }
      }
    }
  }

  /** log pi on the grid with the engine's smooth floor; all -Infinity (darkest) before any mass is drawn. */
  heatmap(): Heatmap {
    const floor = drawnFloor(this.bumps);
    const values = new Float32Array(this.sum.length);
    for (let k = 0; k < values.length; k++) values[k] = floor > 0 ? flooredLog(this.sum[k], floor) : -Infinity;
    return { width: this.width, height: this.height, values };
  }
}
