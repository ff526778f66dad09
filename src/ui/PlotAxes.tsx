import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Heatmap } from '../../workers/samplerApi';
import type { Box } from '../engine/targets/types';
import { axisTicks } from './draw/axisTicks';

/** Tick length and the gap before its label, in CSS pixels. */
const TICK = 5;
/** Ticks this close to the bottom-left corner are left out, so the two axes' labels never overlap. */
const CORNER = 22;

/** Log density of the heatmap cell under fractions (fx, fy) of the plot (fy from the top), or null outside. */
export function logDensityAt(heatmap: Heatmap, fx: number, fy: number): number | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
  return heatmap.values[Math.floor(fy * heatmap.height) * heatmap.width + Math.floor(fx * heatmap.width)];
}

/** Digits that tell pointer positions apart on a box this wide. */
const digitsFor = (span: number): number => (span < 2 ? 3 : span < 20 ? 2 : 1);

const PLANE = ['x', 'y'] as const;

/**
 * The plot's x and y axes, drawn just inside its left and bottom edges (so the picture keeps the
 * whole width on a phone), and a readout of the coordinates and log density under the pointer.
 * The overlay lets pointer events through to the canvas.
 */
export function PlotAxes({
  canvasRef,
  box,
  heatmap,
  panel,
  names = PLANE,
}: {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  box: Box;
  heatmap: Heatmap;
  panel: number;
  /** What the two axes show: x and y, or the coordinates drawn of a d-dimensional target (x3, x7). */
  names?: readonly [string, string];
}) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const readoutRef = useRef<HTMLOutputElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setSize({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [canvasRef]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const out = readoutRef.current;
    if (!canvas || !out) return;
    const digits = digitsFor(Math.max(box.xmax - box.xmin, box.ymax - box.ymin));
    const onMove = (ev: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      const fx = (ev.clientX - r.left) / r.width;
      const fy = (ev.clientY - r.top) / r.height;
      const v = logDensityAt(heatmap, fx, fy);
      if (v === null) return onLeave();
      const x = box.xmin + fx * (box.xmax - box.xmin);
      const y = box.ymax - fy * (box.ymax - box.ymin);
      out.textContent = `${names[0]} ${x.toFixed(digits)}  ${names[1]} ${y.toFixed(digits)}  log p ${Number.isFinite(v) ? v.toFixed(2) : '−∞'}`;
      out.hidden = false;
    };
    const onLeave = () => {
      out.hidden = true;
    };
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }, [canvasRef, box, heatmap, names]);

  const { width, height } = size;
  // Room for the x axis's name at the right end (20 px for 'x'; more for 'w1' or 'x10').
  const nameRoom = 13 + 7 * names[0].length;
  const xTicks = axisTicks(box.xmin, box.xmax, width).filter((t) => t.at > CORNER && t.at < width - nameRoom);
  const yTicks = axisTicks(box.ymin, box.ymax, height, true).filter((t) => t.at > 20 && t.at < height - CORNER);
  return (
    <>
      {width > 0 && (
        <svg className="plot-axes" width={width} height={height} aria-hidden="true" data-testid={`plot-axes-${panel}`}>
          {xTicks.map((t) => (
            <g key={`x${t.value}`} transform={`translate(${t.at},${height})`}>
              <line y2={-TICK} />
              <text y={-TICK - 3} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {yTicks.map((t) => (
            <g key={`y${t.value}`} transform={`translate(0,${t.at})`}>
              <line x2={TICK} />
              <text x={TICK + 3} dy="0.32em">
                {t.label}
              </text>
            </g>
          ))}
          <text className="plot-axis-name" x={width - 6} y={height - TICK - 3} textAnchor="end">
            {names[0]}
          </text>
          <text className="plot-axis-name" x={TICK + 3} y={12}>
            {names[1]}
          </text>
        </svg>
      )}
      <output ref={readoutRef} className="plot-readout" data-testid={`plot-readout-${panel}`} hidden title="Pointer position and the target's log density there (unnormalised)" />
    </>
  );
}
