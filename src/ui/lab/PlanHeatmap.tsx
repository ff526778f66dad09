/**
 * The plan as an image: rows (source points) and columns (target points) ordered along each
 * cloud's principal axis, binned, log colour scale over four decades (a monotone plan is a band).
 */
import { useCallback } from 'react';
import { interpolateViridis, rgb } from 'd3';
import { useLabStore } from '../../store/labStore';
import { useLabCanvas } from './useLabCanvas';

const DECADES = 6;

export function PlanHeatmap() {
  const result = useLabStore((s) => s.result);
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      if (!result) return;
      const { rows, cols, mass } = result.heat;
      let max = 0;
      for (let k = 0; k < mass.length; k++) max = Math.max(max, mass[k]);
      const img = new ImageData(cols, rows);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const v = mass[r * cols + c];
          const t = v > 0 ? Math.max(0, 1 + Math.log10(v / max) / DECADES) : 0;
          const col = t > 0 ? rgb(interpolateViridis(t)) : null;
          const o = 4 * (r * cols + c);
          img.data[o] = col ? col.r : 255;
          img.data[o + 1] = col ? col.g : 255;
          img.data[o + 2] = col ? col.b : 255;
          img.data[o + 3] = 255;
        }
      const off = new OffscreenCanvas(cols, rows);
      off.getContext('2d')!.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(off, 0, 0, w, h);
    },
    [result],
  );
  const ref = useLabCanvas(draw);
  return (
    <figure className="lab-figure">
      <canvas ref={ref} className="lab-heatmap" data-testid="lab-heatmap" aria-label="Transport plan heatmap" />
      <figcaption>
        Plan γ: rows = source points ordered along the source's principal axis, columns = target points ordered by the mean row they receive mass from; log colour over {DECADES} decades (white: less)
        {result ? ` (${result.heat.rows} × ${result.heat.cols} bins)` : ''}.
      </figcaption>
    </figure>
  );
}
