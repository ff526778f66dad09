import { memo, useEffect, useRef, useState } from 'react';
import { densityGrid } from '../../engine/targets/densityGrid';
import { targetFromSpec, type TargetSpec } from '../../engine/targets/fromSpec';
import { isImproper } from '../../engine/targets/presets';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore } from '../../store';
import { heatmapCanvas } from '../draw/heatmapImage';
import { panelColour } from '../panelColours';
import { maxAbsZ1, MIN_HALF_WIDTH, spreadZ1, stripHalfWidth } from './stripScale';
import './strip.css';

/** The preset box's half-height: the strip shows z2 over the same range as the main plot. */
const HALF_HEIGHT = 4;
/** Density cells across the strip (the browser interpolates when scaling up). */
const GRID_W = 480;
const GRID_H = 40;
/** Redraws per second at most: the strip is a summary, not the main picture. */
const MIN_REDRAW_MS = 100;

/** An unconfined improper preset (U2-U4 without the soft box): z1 is unbounded, so the strip is shown. */
export const needsWideStrip = (spec: TargetSpec): boolean => spec.kind === 'preset' && spec.confine === false && isImproper(spec.name);

const backgrounds = new Map<string, HTMLCanvasElement>();
/** The target's density over [-L, L] x [-4, 4], cached per target and half-width (a few per run). */
function background(spec: TargetSpec, halfWidth: number): HTMLCanvasElement {
  const key = `${JSON.stringify(spec)}|${halfWidth}`;
  let c = backgrounds.get(key);
  if (!c) {
    const t = targetFromSpec(spec);
    const box = { xmin: -halfWidth, xmax: halfWidth, ymin: -HALF_HEIGHT, ymax: HALF_HEIGHT };
    c = heatmapCanvas(densityGrid((x, y) => t.logDensityAt(x, y), box, GRID_W, GRID_H));
    if (backgrounds.size > 16) backgrounds.clear();
    backgrounds.set(key, c);
  }
  return c;
}

/** Shared by every panel's strip, so all of them use one half-width (comparable at a glance). */
function sharedHalfWidth(current: number): number {
  const panels = latestFrame.current?.panels ?? [];
  let m = 0;
  for (const p of panels) m = Math.max(m, maxAbsZ1(p.positions));
  const restarted = panels.every((p) => p.iteration === 0);
  return stripHalfWidth(m, restarted ? MIN_HALF_WIDTH : current);
}

function draw(canvas: HTMLCanvasElement, spec: TargetSpec, panel: number, halfWidth: number): number {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return NaN;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(background(spec, halfWidth), 0, 0, w, h);
  const sx = (x: number) => ((x + halfWidth) / (2 * halfWidth)) * w;
  const sy = (y: number) => ((HALF_HEIGHT - y) / (2 * HALF_HEIGHT)) * h;
  // The central region the main plot shows.
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = Math.max(1, dpr);
  ctx.setLineDash([4 * dpr, 3 * dpr]);
  ctx.strokeRect(sx(-HALF_HEIGHT), 0.5, sx(HALF_HEIGHT) - sx(-HALF_HEIGHT), h - 1);
  ctx.setLineDash([]);
  const positions = latestFrame.current?.panels[panel]?.positions;
  if (!positions) return NaN;
  ctx.fillStyle = panelColour(panel);
  ctx.strokeStyle = 'rgba(0,0,0,0.6)';
  const r = 2 * dpr;
  for (let k = 0; k + 1 < positions.length; k += 2) {
    const y = Math.min(Math.max(positions[k + 1], -HALF_HEIGHT), HALF_HEIGHT);
    ctx.beginPath();
    ctx.arc(sx(positions[k]), sy(y), r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  return spreadZ1(positions);
}

/**
 * Under each plot of an unconfined U2-U4: every particle on z1 from -L to L (L grows with the
 * farthest particle of any panel; z2 squeezed to the strip's height), the main plot's region
 * dashed, and the cloud's spread along z1 (the quantity the paper's U3 figure compares).
 */
export const WideStrip = memo(function WideStrip({ panel }: { panel: number }) {
  const spec = useAppStore((s) => s.targetSpec);
  const ref = useRef<HTMLCanvasElement>(null);
  const [label, setLabel] = useState({ halfWidth: MIN_HALF_WIDTH, spread: NaN });
  const show = needsWideStrip(spec);
  useEffect(() => {
    if (!show) return;
    let raf = 0;
    let seen = -1;
    let last = 0;
    let halfWidth = MIN_HALF_WIDTH;
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      const canvas = ref.current;
      if (!canvas || (seen === latestFrame.version && canvas.width === Math.round(canvas.clientWidth * (window.devicePixelRatio || 1)))) return;
      if (now - last < MIN_REDRAW_MS) return;
      last = now;
      seen = latestFrame.version;
      halfWidth = sharedHalfWidth(halfWidth);
      const spread = draw(canvas, spec, panel, halfWidth);
      setLabel((old) => (old.halfWidth === halfWidth && Math.abs(old.spread - spread) < 0.05 ? old : { halfWidth, spread }));
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [show, spec, panel]);
  if (!show) return null;
  return (
    <figure className="wide-strip" data-testid={`wide-strip-${panel}`} data-half-width={label.halfWidth}>
      <canvas ref={ref} role="img" aria-label={`Panel ${panel + 1}: every particle on z1 from ${-label.halfWidth} to ${label.halfWidth}`} />
      <figcaption>
        <span>
          z1 from −{label.halfWidth} to {label.halfWidth} (z2 squeezed; dashed: the plot above)
        </span>
        <output data-testid={`wide-strip-spread-${panel}`}>std z1 {Number.isFinite(label.spread) ? label.spread.toFixed(1) : '–'}</output>
      </figcaption>
    </figure>
  );
});
