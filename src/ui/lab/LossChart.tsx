/** A learned model's minibatch loss against the step, with a 20-step moving average; values beyond the 1st-99th percentile drawn at the edge. */
import { useCallback } from 'react';
import { quantileSorted, scaleLinear } from 'd3';
import { useLabCanvas } from './useLabCanvas';

export function LossChart({ losses, title, testId }: { losses: readonly number[]; title: string; testId: string }) {
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      ctx.fillStyle = '#6b7280';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText(title, 40, 12);
      if (losses.length < 2) return void ctx.fillText('appears here while training', 8, h / 2);
      // 1st to 99th percentile: one spike (a large minibatch weight) must not flatten the curve.
      const sorted = [...losses].sort((a, b) => a - b);
      const lo = quantileSorted(sorted, 0.01)!, hi = quantileSorted(sorted, 0.99)!;
      const sx = scaleLinear().domain([0, losses.length - 1]).range([36, w - 6]);
      const sy = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([h - 16, 18]).clamp(true);
      ctx.fillText(sy.domain()[1].toFixed(2), 2, 24);
      ctx.fillText(sy.domain()[0].toFixed(2), 2, h - 18);
      ctx.fillText(`step ${losses.length}`, w - 70, h - 3);
      ctx.strokeStyle = '#c4b5fd';
      ctx.lineWidth = 1;
      ctx.beginPath();
      losses.forEach((v, k) => (k ? ctx.lineTo(sx(k), sy(v)) : ctx.moveTo(sx(k), sy(v))));
      ctx.stroke();
      ctx.strokeStyle = '#6d28d9';
      ctx.lineWidth = 2;
      ctx.beginPath();
      let sum = 0;
      losses.forEach((v, k) => {
        sum += v - (k >= 20 ? losses[k - 20] : 0);
        const avg = sum / Math.min(k + 1, 20);
        if (k) ctx.lineTo(sx(k), sy(avg));
        else ctx.moveTo(sx(k), sy(avg));
      });
      ctx.stroke();
    },
    [losses, title],
  );
  const ref = useLabCanvas(draw, 0.35);
  return <canvas ref={ref} className="lab-loss" data-testid={testId} aria-label={title} />;
}
