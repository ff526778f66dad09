/**
 * The lab's main picture: source (blue) and target (orange) clouds, the plan as lines (the
 * heaviest entries of every source point, alpha by mass), the barycentric map as arrows, and for
 * a picked source point its Sinkhorn conditional (target points sized by their row weight).
 * A click picks the nearest source point, or, in draw mode, adds points (drag to add many).
 */
import { useCallback, useRef } from 'react';
import { useLabStore } from '../../store/labStore';
import { labBox, labScales, MAP_COLOUR, SOURCE_COLOUR, TARGET_COLOUR } from './labScales';
import { useLabCanvas } from './useLabCanvas';

export interface LabPlotProps {
  readonly showLines: boolean;
  readonly showArrows: boolean;
  readonly tool: 'pick' | 'draw';
  readonly onPick: (x: number, y: number) => void;
}

function dot(ctx: CanvasRenderingContext2D, x: number, y: number, r: number) {
  ctx.moveTo(x + r, y);
  ctx.arc(x, y, r, 0, 2 * Math.PI);
}

export function LabPlot({ showLines, showArrows, tool, onPick }: LabPlotProps) {
  const result = useLabStore((s) => s.result);
  const drawn = useLabStore((s) => s.drawn);
  const picked = useLabStore((s) => s.picked);
  const config = useLabStore((s) => s.config);
  const drawSide = useLabStore((s) => s.drawSide);
  const source = result?.source ?? (config.src === 'drawn' ? drawn.source : undefined);
  const target = result?.target ?? (config.tgt === 'drawn' ? drawn.target : undefined);
  const box = labBox(source, target, drawn.source, drawn.target);

  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, w: number, h: number) => {
      const { sx, sy } = labScales(box, w, h);
      ctx.strokeStyle = '#e5e7eb';
      ctx.beginPath();
      ctx.moveTo(sx(0), 0); ctx.lineTo(sx(0), h); ctx.moveTo(0, sy(0)); ctx.lineTo(w, sy(0));
      ctx.stroke();
      const pending = (side: 'source' | 'target') => (side === 'source' ? config.src : config.tgt) === 'drawn' && !result;
      if (result && showLines) {
        const { i, j, mass } = result.lines;
        let max = 0;
        for (let k = 0; k < mass.length; k++) max = Math.max(max, mass[k]);
        ctx.lineWidth = 0.8;
        for (let k = 0; k < mass.length; k++) {
          const a = mass[k] / max;
          if (a < 0.02) continue;
          ctx.strokeStyle = `rgba(75, 85, 99, ${(0.6 * a).toFixed(3)})`;
          ctx.beginPath();
          ctx.moveTo(sx(result.source[2 * i[k]]), sy(result.source[2 * i[k] + 1]));
          ctx.lineTo(sx(result.target[2 * j[k]]), sy(result.target[2 * j[k] + 1]));
          ctx.stroke();
        }
      }
      const cloud = (pts: Float64Array | undefined, colour: string, r: number) => {
        if (!pts) return;
        ctx.fillStyle = colour;
        ctx.beginPath();
        for (let k = 0; k < pts.length / 2; k++) dot(ctx, sx(pts[2 * k]), sy(pts[2 * k + 1]), r);
        ctx.fill();
      };
      ctx.globalAlpha = picked ? 0.45 : 0.85;
      cloud(target, TARGET_COLOUR, 1.8);
      cloud(source, SOURCE_COLOUR, 1.8);
      ctx.globalAlpha = 1;
      if (pending('source')) cloud(drawn.source, SOURCE_COLOUR, 2.5);
      if (pending('target')) cloud(drawn.target, TARGET_COLOUR, 2.5);
      if (result && showArrows) {
        ctx.strokeStyle = MAP_COLOUR;
        ctx.fillStyle = MAP_COLOUR;
        ctx.lineWidth = 0.8;
        ctx.globalAlpha = 0.55;
        const n = result.source.length / 2;
        const stride = Math.max(1, Math.floor(n / 100)); // at most ~150 arrows stay readable
        for (let k = 0; k < n; k += stride) {
          const x0 = sx(result.source[2 * k]), y0 = sy(result.source[2 * k + 1]);
          const x1 = sx(result.map[2 * k]), y1 = sy(result.map[2 * k + 1]);
          const len = Math.hypot(x1 - x0, y1 - y0);
          if (!(len > 1)) continue;
          const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
          ctx.beginPath();
          ctx.moveTo(x0, y0); ctx.lineTo(x1, y1);
          ctx.stroke();
          ctx.beginPath();
          ctx.moveTo(x1, y1);
          ctx.lineTo(x1 - 5 * ux + 2.5 * uy, y1 - 5 * uy - 2.5 * ux);
          ctx.lineTo(x1 - 5 * ux - 2.5 * uy, y1 - 5 * uy + 2.5 * ux);
          ctx.fill();
        }
        ctx.globalAlpha = 1;
      }
      if (result && picked) {
        let max = 0;
        for (let j = 0; j < picked.row.length; j++) max = Math.max(max, picked.row[j]);
        ctx.fillStyle = TARGET_COLOUR;
        for (let j = 0; j < picked.row.length; j++) {
          const a = picked.row[j] / max;
          if (a < 0.01) continue;
          ctx.globalAlpha = Math.min(1, 0.15 + a);
          ctx.beginPath();
          dot(ctx, sx(result.target[2 * j]), sy(result.target[2 * j + 1]), 1.5 + 4 * Math.sqrt(a));
          ctx.fill();
        }
        ctx.globalAlpha = 1;
        ctx.strokeStyle = '#111827';
        ctx.lineWidth = 2;
        ctx.beginPath();
        dot(ctx, sx(picked.x), sy(picked.y), 6);
        ctx.stroke();
      }
    },
    [box.lo, box.hi, result, drawn, picked, showLines, showArrows, config.src, config.tgt, source, target],
  );
  const ref = useLabCanvas(draw);
  const dragging = useRef(false);

  const toData = (ev: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const c = ev.currentTarget.getBoundingClientRect();
    const { sx, sy } = labScales(box, c.width, c.height);
    return [sx.invert(ev.clientX - c.left), sy.invert(ev.clientY - c.top)];
  };
  const add = (ev: React.PointerEvent<HTMLCanvasElement>) => {
    const [x, y] = toData(ev);
    useLabStore.getState().addDrawn(drawSide, [x, y]);
  };

  return (
    <canvas
      ref={ref}
      className="lab-plot"
      data-testid="lab-plot"
      data-tool={tool}
      aria-label={tool === 'draw' ? `Lab plot: click or drag to add ${drawSide} points` : 'Lab plot: click a source point to see where the plan sends it'}
      onPointerDown={(ev) => {
        if (tool === 'draw') {
          dragging.current = true;
          ev.currentTarget.setPointerCapture(ev.pointerId);
          add(ev);
        } else onPick(...toData(ev));
      }}
      onPointerMove={(ev) => {
        if (dragging.current && tool === 'draw' && ev.buttons) add(ev);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
    />
  );
}
