import { useEffect, useMemo, useRef, useState } from 'react';
import { strokeToBumps, type Bump } from '../../engine/targets/drawn';
import { brushBump, toBox } from './brush';
import type { Box } from '../../engine/targets/types';
import { useAppStore } from '../../store';
import { BoxFields } from './BoxFields';
import { boxLabel, gridSize, paintHeatmap } from './densityImage';
import { DrawPreview } from './drawPreview';

const PREVIEW_CELLS = 96;

/** Pointer position in box coordinates. */
/**
 * Paint the target: drag on the canvas to add (or erase) mass. Every stroke becomes Gaussian bumps
 * every half brush width; the preview shows the density live, and each finished stroke restarts
 * every panel on the drawing (debounced). Undo / redo / clear, brush mode, width and strength, the box.
 */
export function DrawEditor() {
  const drawing = useAppStore((s) => s.drawing);
  const brush = useAppStore((s) => s.brush);
  const problem = useAppStore((s) => s.targetProblem);
  const { addStroke, undoStroke, redoStroke, clearDrawing, setDrawingBox, setBrush } = useAppStore.getState();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const { box, strokes, redo } = drawing;
  const grid = useMemo(() => gridSize(box, PREVIEW_CELLS), [box]);
  const preview = useMemo(() => new DrawPreview(box, grid.width, grid.height), [box, grid]);
  const live = useRef<{ points: number[]; bumps: Bump[] } | null>(null);

  const { width, weight } = brushBump(box, brush);

  useEffect(() => {
    preview.reset(strokes.flat());
    if (canvasRef.current) paintHeatmap(canvasRef.current, preview.heatmap());
  }, [preview, strokes]);

  const extend = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const s = live.current;
    if (!s) return;
    s.points.push(...toBox(e, e.currentTarget, box));
    const all = strokeToBumps(s.points, width, weight);
    preview.add(all.slice(s.bumps.length)); // prefix-stable: only the new bumps
    s.bumps = all;
    paintHeatmap(e.currentTarget, preview.heatmap());
  };
  const finish = () => {
    const s = live.current;
    live.current = null;
    if (s && s.bumps.length > 0) addStroke(s.bumps);
  };

  const bumpCount = strokes.reduce((n, s) => n + s.length, 0);
  const brushPx = canvasRef.current ? (width / (box.xmax - box.xmin)) * canvasRef.current.getBoundingClientRect().width * 2 : 0;
  return (
    <section className="draw-editor" aria-label="Draw a target">
      <div className="segmented" role="group" aria-label="Brush mode">
        <button type="button" className="small" aria-pressed={brush.mode === 'add'} data-testid="brush-add" onClick={() => setBrush({ mode: 'add' })}>
          Add mass
        </button>
        <button type="button" className="small" aria-pressed={brush.mode === 'erase'} data-testid="brush-erase" onClick={() => setBrush({ mode: 'erase' })}>
          Erase
        </button>
      </div>
      <div className="draw-surface" style={{ ['--ar' as string]: String((box.xmax - box.xmin) / (box.ymax - box.ymin)) }}>
        <canvas
          ref={canvasRef}
          className="draw-canvas"
          data-testid="draw-canvas"
          role="img"
          aria-label={`Drawing surface over ${boxLabel(box)}: drag to ${brush.mode === 'add' ? 'add' : 'erase'} mass`}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            live.current = { points: [], bumps: [] };
            extend(e);
          }}
          onPointerMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setCursor({ x: e.clientX - r.left, y: e.clientY - r.top });
            extend(e);
          }}
          onPointerUp={finish}
          onPointerCancel={finish}
          onPointerLeave={() => setCursor(null)}
        />
        {cursor && <span className="brush-cursor" aria-hidden="true" data-mode={brush.mode} style={{ left: cursor.x, top: cursor.y, width: brushPx, height: brushPx }} />}
        {strokes.length === 0 && <p className="draw-empty">Drag here to paint mass</p>}
      </div>
      <div className="draw-actions">
        <button type="button" className="small" data-testid="draw-undo" disabled={strokes.length === 0} onClick={undoStroke} title="Remove the last stroke">
          Undo
        </button>
        <button type="button" className="small" data-testid="draw-redo" disabled={redo.length === 0} onClick={redoStroke} title="Put back the last undone stroke">
          Redo
        </button>
        <button type="button" className="small" data-testid="draw-clear" disabled={strokes.length === 0} onClick={clearDrawing} title="Remove every stroke (Redo puts them back)">
          Clear
        </button>
        <span className="muted draw-count" data-testid="draw-count">
          {strokes.length} strokes, {bumpCount} bumps
        </span>
      </div>
      <div className="field-row">
        <label className="slider" title="Bump width as a fraction of the box's smaller side">
          <span>Width {width.toPrecision(2)}</span>
          <input type="range" min={0.01} max={0.2} step={0.005} value={brush.size} data-testid="brush-size" onChange={(e) => setBrush({ size: Number(e.target.value) })} />
        </label>
        <label className="slider" title="How much mass one pass adds (or erases)">
          <span>Strength {brush.strength.toFixed(1)}</span>
          <input type="range" min={0.1} max={5} step={0.1} value={brush.strength} data-testid="brush-strength" onChange={(e) => setBrush({ strength: Number(e.target.value) })} />
        </label>
      </div>
      {problem && (
        <p className="target-problem" role="status" data-testid="draw-problem">
          {problem.message}
          {strokes.length > 0 ? '' : ' (the previous target keeps running)'}
        </p>
      )}
      <BoxFields box={box} onCommit={setDrawingBox} testId="draw-box" />
    </section>
  );
}
