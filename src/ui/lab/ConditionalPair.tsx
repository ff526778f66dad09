/**
 * The picked source point's conditional law, side by side: Sinkhorn's (the plan row of the
 * nearest source point, target points sized by weight) and VarEOT's (Langevin samples of the
 * learned pi(. | x)), on the same axes.
 */
import { useCallback } from 'react';
import { useLabStore } from '../../store/labSlice';
import { labBox, labScales, SAMPLE_COLOUR, TARGET_COLOUR } from './labScales';
import { useLabCanvas } from './useLabCanvas';

function useConditionalCanvas(which: 'sinkhorn' | 'vareot') {
  const result = useLabStore((s) => s.result);
  const picked = useLabStore((s) => s.picked);
  const samples = useLabStore((s) => s.varEot.samples);
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      if (!result) return;
      // Zoomed on the target cloud, where both conditionals live.
      const { sx, sy } = labScales(labBox(result.target, picked ? Float64Array.of(picked.x, picked.y) : undefined), w, h);
      ctx.fillStyle = '#d1d5db';
      ctx.beginPath();
      for (let j = 0; j < result.target.length / 2; j++) ctx.rect(sx(result.target[2 * j]) - 0.75, sy(result.target[2 * j + 1]) - 0.75, 1.5, 1.5);
      ctx.fill();
      if (which === 'sinkhorn' && picked) {
        let max = 0;
        for (const v of picked.row) max = Math.max(max, v);
        ctx.fillStyle = TARGET_COLOUR;
        picked.row.forEach((v, j) => {
          const a = v / max;
          if (a < 0.01) return;
          ctx.globalAlpha = Math.min(1, 0.2 + a);
          ctx.beginPath();
          ctx.arc(sx(result.target[2 * j]), sy(result.target[2 * j + 1]), 1.2 + 3.5 * Math.sqrt(a), 0, 2 * Math.PI);
          ctx.fill();
        });
        ctx.globalAlpha = 1;
      }
      if (which === 'vareot' && samples) {
        ctx.fillStyle = SAMPLE_COLOUR;
        ctx.globalAlpha = 0.7;
        ctx.beginPath();
        const s = samples.samples;
        for (let k = 0; k < s.length / 2; k++) ctx.rect(sx(s[2 * k]) - 1.5, sy(s[2 * k + 1]) - 1.5, 3, 3);
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      if (picked) {
        ctx.strokeStyle = '#111827';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(sx(picked.x), sy(picked.y), 5, 0, 2 * Math.PI);
        ctx.stroke();
      }
    },
    [result, picked, samples, which],
  );
  return useLabCanvas(draw);
}

export function ConditionalPair() {
  const sinkhorn = useConditionalCanvas('sinkhorn');
  const vareot = useConditionalCanvas('vareot');
  const picked = useLabStore((s) => s.picked);
  const samples = useLabStore((s) => s.varEot.samples);
  const eps = useLabStore((s) => s.result?.eps);
  return (
    <div className="lab-pair">
      <figure className="lab-figure">
        <canvas ref={sinkhorn} data-testid="lab-cond-sinkhorn" aria-label="Sinkhorn conditional of the picked point" />
        <figcaption>Sinkhorn: row of the plan at {picked ? `(${picked.x.toFixed(2)}, ${picked.y.toFixed(2)})` : 'a picked source point'}{eps !== undefined ? `, ε = ${eps}` : ''}</figcaption>
      </figure>
      <figure className="lab-figure">
        <canvas ref={vareot} data-testid="lab-cond-vareot" aria-label="VarEOT conditional samples of the picked point" />
        <figcaption data-testid="lab-langevin">
          VarEOT: {samples ? `${samples.samples.length / 2} Langevin samples, ${samples.steps} steps of size h = ${samples.stepSize.toPrecision(3)}` : 'train, then pick a source point'}
        </figcaption>
      </figure>
    </div>
  );
}
