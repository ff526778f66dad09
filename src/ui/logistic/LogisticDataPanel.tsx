import { useEffect, useRef, useState } from 'react';
import { dataCentre, LR_DATA_LIMIT, LR_MAX_POINTS, LR_START_POINTS, roundLrCoordinate, type LabeledPoint } from '../../engine/targets/logistic2d';
import { samplerInfo } from '../../engine/samplers/catalog';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore } from '../../store';
import { panelColour } from '../panelColours';
import { CLASS_COLOURS, dataAt, drawLogistic, LR_LINES, LR_SHADE_PARTICLES, nearestPoint } from './drawLogistic';
import './logistic.css';

type Tool = 0 | 1 | 'remove';
/** Fewest milliseconds between two redraws while the samplers run. */
const REDRAW_MS = 100;
/** A tap removes the nearest point within this many CSS pixels. */
const REMOVE_PX = 18;
/** Arrow keys move the keyboard cursor this far (Shift: KEY_STEP_LARGE). */
const KEY_STEP = 0.25;
const KEY_STEP_LARGE = 1;
/** Enter with Remove takes away the nearest point within this distance of the keyboard cursor. */
const KEY_REMOVE_RADIUS = 0.5;

/**
 * Logistic regression you can see: the data panel. Tap or click to add a point of the chosen
 * class (or, with Remove, to take the nearest one away), or move a cursor with the arrow keys and
 * press Enter; the target every sampler panel runs on is the posterior over the two weights of a
 * logistic regression on these points (centred, no intercept). Over the data: the decision lines of LR_LINES particles of the chosen panel and the
 * predictive probability as shading, redrawn as the samplers run.
 */
export function LogisticDataPanel() {
  const points = useAppStore((s) => s.logistic.points);
  const problem = useAppStore((s) => (s.targetSource === 'logistic' ? s.targetProblem : null));
  const panels = useAppStore((s) => s.panels);
  const setPoints = useAppStore((s) => s.setLogisticPoints);
  const markScale = useAppStore((s) => (s.viewMode === 'projector' ? 1.6 : 1));
  const [tool, setTool] = useState<Tool>(1);
  const [source, setSource] = useState(0);
  const panel = Math.min(source, panels.length - 1);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  /** The keyboard cursor while the plane has the focus (null otherwise). */
  const [cursor, setCursor] = useState<readonly [number, number] | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const centre = dataCentre(points);
    let size = 0;
    let dpr = 1;
    let drawnKey = '';
    let last = 0;
    let raf = 0;
    const observer = new ResizeObserver(([entry]) => {
      dpr = window.devicePixelRatio || 1;
      size = entry.contentRect.width;
      canvas.width = Math.max(1, Math.round(size * dpr));
      canvas.height = canvas.width;
      drawnKey = '';
    });
    observer.observe(canvas);
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      const p = latestFrame.current?.panels[panel];
      const hovered = useAppStore.getState().hovered;
      const key = `${size}|${latestFrame.version}|${p?.iteration}|${hovered?.panel}:${hovered?.particle}`;
      if (size === 0 || key === drawnKey || (drawnKey !== '' && now - last < REDRAW_MS && drawnKey.startsWith(`${size}|`))) return;
      drawnKey = key;
      last = now;
      const weights = p && p.positions.length > 0 ? p.positions : null;
      // A particle hovered in any panel: its own decision line, in that panel's colour.
      const hp = hovered ? latestFrame.current?.panels[hovered.panel]?.positions : undefined;
      const highlight =
        hovered && hp && 2 * hovered.particle + 1 < hp.length
          ? { w: [hp[2 * hovered.particle], hp[2 * hovered.particle + 1]] as const, colour: panelColour(hovered.panel) }
          : null;
      const drawn = drawLogistic(ctx, { points, centre, weights, size, dpr, markScale, cursor, highlight });
      canvas.dataset.highlight = highlight && hovered ? `${hovered.panel}:${hovered.particle}` : '';
      canvas.dataset.lines = String(drawn.lines);
      canvas.dataset.shaded = String(drawn.shaded);
      canvas.dataset.iteration = String(p?.iteration ?? -1);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
    };
  }, [points, panel, markScale, cursor]);

  /** The tool applied at (x, y): add a point of the chosen class, or remove the nearest within `radius`. */
  const apply = (x: number, y: number, radius: number) => {
    if (tool === 'remove') {
      const k = nearestPoint(points, x, y, radius);
      if (k >= 0) setPoints(points.filter((_, i) => i !== k));
      return;
    }
    if (points.length >= LR_MAX_POINTS) return;
    const clamp = (v: number) => Math.max(-LR_DATA_LIMIT, Math.min(LR_DATA_LIMIT, roundLrCoordinate(v)));
    setPoints([...points, [clamp(x), clamp(y), tool] as LabeledPoint]);
  };

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    // offsetX/Y: from the canvas's padding edge, the same square the picture fills (inside the border).
    const width = e.currentTarget.clientWidth;
    const [x, y] = dataAt(e.nativeEvent.offsetX, e.nativeEvent.offsetY, width);
    apply(x, y, (REMOVE_PX / width) * 2 * LR_DATA_LIMIT);
  };

  /** Keyboard: arrows move a cursor (Shift: further), Enter or Space applies the tool there. */
  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const at = cursor ?? [0, 0];
    const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    const move: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key in move) {
      const lim = (v: number) => Math.max(-LR_DATA_LIMIT, Math.min(LR_DATA_LIMIT, roundLrCoordinate(v)));
      setCursor([lim(at[0] + move[e.key][0]), lim(at[1] + move[e.key][1])]);
    } else if (e.key === 'Enter' || e.key === ' ') apply(at[0], at[1], KEY_REMOVE_RADIUS);
    else return;
    e.preventDefault();
    e.stopPropagation(); // the page's shortcuts (Space plays) stay out of the plane
  };

  const count = [0, 1].map((c) => points.filter((p) => p[2] === c).length);
  const label = (i: number) => `${i + 1} ${samplerInfo(panels[i].sampler).label}`;
  const full = points.length >= LR_MAX_POINTS;
  return (
    <section className="lr-data" aria-label="Logistic regression data" data-testid="lr-data">
      <div className="lr-head">
        <strong>Data</strong>
        <span className="muted" data-testid="lr-count">
          {count[0]} + {count[1]} points{full ? ` (the most: ${LR_MAX_POINTS})` : ''}
        </span>
      </div>
      <div className="segmented lr-tools" role="group" aria-label="What a tap does">
        {([0, 1] as const).map((c) => (
          <button key={c} type="button" className="small" aria-pressed={tool === c} data-testid={`lr-class-${c}`} title={`Tap the plane to add a point of class ${c}`} onClick={() => setTool(c)}>
            <span className={`lr-swatch lr-swatch-${c}`} style={{ background: CLASS_COLOURS[c] }} aria-hidden="true" /> Class {c}
          </button>
        ))}
        <button type="button" className="small" aria-pressed={tool === 'remove'} data-testid="lr-remove" title="Tap a point to remove it" onClick={() => setTool('remove')}>
          Remove
        </button>
      </div>
      <canvas
        ref={canvasRef}
        className="lr-canvas"
        data-testid="lr-canvas"
        data-tool={String(tool)}
        role="application"
        aria-roledescription="data plane"
        tabIndex={0}
        aria-label={`Data plane [-${LR_DATA_LIMIT}, ${LR_DATA_LIMIT}]²: ${count[0]} points of class 0, ${count[1]} of class 1; tap to ${tool === 'remove' ? 'remove a point' : `add a point of class ${tool}`}, or move a cursor with the arrow keys and press Enter${cursor ? ` (cursor at ${cursor[0]}, ${cursor[1]})` : ''}`}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          // a click focuses too: the keyboard cursor only appears for keyboard focus
          if (e.currentTarget.matches(':focus-visible')) setCursor((c) => c ?? [0, 0]);
        }}
        onBlur={() => setCursor(null)}
      />
      <p className="lr-caption" data-testid="lr-caption">
        <strong>Lines:</strong> decision boundaries w·(x − c) = 0 of {LR_LINES} particles of panel {panel + 1}, all through the data mean c (+).{' '}
        <strong>Shading:</strong> predictive probability of class 1, the mean of σ(w·(x − c)) over the panel&apos;s particles (up to {LR_SHADE_PARTICLES}): blue 0, white ½,
        orange 1. Point at a particle in a panel to see its own line, bold.
      </p>
      <div className="lr-actions">
        {panels.length > 1 && (
          <label className="lr-source">
            Lines of{' '}
            <select value={panel} data-testid="lr-source" onChange={(e) => setSource(Number(e.target.value))} style={{ borderColor: panelColour(panel) }}>
              {panels.map((p, i) => (
                <option key={p.id} value={i}>
                  {label(i)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="small" data-testid="lr-clear" disabled={points.length === 0} onClick={() => setPoints([])} title="Remove every point (the posterior becomes the prior)">
          Clear
        </button>
        <button type="button" className="small" data-testid="lr-start" onClick={() => setPoints(LR_START_POINTS)} title="Put back the fourteen starting points">
          Start again
        </button>
      </div>
      {problem && (
        <p className="target-problem" role="status" data-testid="lr-problem">
          {problem.message}
        </p>
      )}
    </section>
  );
}
