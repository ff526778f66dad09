/**
 * One conditional law of a source point over the target cloud (grey): Sinkhorn's plan row (target
 * points sized by weight, orange) or a learned model's samples (VarEOT purple, LightSB teal), zoomed on the target.
 */
import { useCallback } from 'react';
import { labBox, labScales, SAMPLE_COLOUR, TARGET_COLOUR } from './labScales';
import { useLabCanvas } from './useLabCanvas';

export interface ConditionalCanvasProps {
  readonly target: Float64Array | null;
  readonly point: { x: number; y: number } | null;
  readonly row?: Float64Array | null;
  readonly samples?: Float64Array | null;
  readonly testId: string;
  readonly label: string;
  /** Colour of the samples (default: VarEOT's purple). */
  readonly colour?: string;
}

export function ConditionalCanvas({ target, point, row, samples, testId, label, colour = SAMPLE_COLOUR }: ConditionalCanvasProps) {
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      if (!target) return;
      const { sx, sy } = labScales(labBox(target, point ? Float64Array.of(point.x, point.y) : undefined), w, h);
      ctx.fillStyle = '#d1d5db';
      ctx.beginPath();
      for (let j = 0; j < target.length / 2; j++) ctx.rect(sx(target[2 * j]) - 0.75, sy(target[2 * j + 1]) - 0.75, 1.5, 1.5);
      ctx.fill();
      if (row) {
        let max = 0;
        for (const v of row) max = Math.max(max, v);
        ctx.fillStyle = TARGET_COLOUR;
        row.forEach((v, j) => {
          const a = v / max;
          if (a < 0.01) return;
          ctx.globalAlpha = Math.min(1, 0.2 + a);
          ctx.beginPath();
          ctx.arc(sx(target[2 * j]), sy(target[2 * j + 1]), 1.2 + 3.5 * Math.sqrt(a), 0, 2 * Math.PI);
          ctx.fill();
        });
        ctx.globalAlpha = 1;
      }
      if (samples) {
        ctx.fillStyle = colour;
        ctx.globalAlpha = 0.7;
        ctx.beginPath();
        for (let k = 0; k < samples.length / 2; k++) ctx.rect(sx(samples[2 * k]) - 1.5, sy(samples[2 * k + 1]) - 1.5, 3, 3);
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      if (point) {
        ctx.strokeStyle = '#111827';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(sx(point.x), sy(point.y), 5, 0, 2 * Math.PI);
        ctx.stroke();
      }
    },
    [target, point, row, samples, colour],
  );
  const ref = useLabCanvas(draw);
  return <canvas ref={ref} data-testid={testId} aria-label={label} />;
}
