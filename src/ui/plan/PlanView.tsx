import { memo, useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { needInFrames } from '../../run/frameNeeds';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore } from '../../store';
import { hoverStore, useHover } from './hoverStore';
import { PlanLegend, type PlanLegendHandle } from './PlanLegend';
import { particleOfRow } from './planRows';
import type { PlanPicture } from './planScene';
import { PlanStats } from './PlanStats';
import { usePlanLoop } from './usePlanLoop';
import './plan.css';

const sci = (v: number): string => (v >= 1e-3 ? v.toPrecision(2) : v.toExponential(1));

/**
 * What the plan picture shows, in words: rows, columns, binning, the colour scale and its units
 * (natural-log mass of a cell; the plan's cells add up to 1), with this plan's end values.
 */
export function planCaption(picture: Pick<PlanPicture, 'plan' | 'domain'> | null): string {
  const what = 'Row: a particle x_i; column: a proposal y_j (both ordered by angle around the box centre).';
  if (!picture) return `${what} Colour: the log of the plan's mass γ_ij in a cell, in nats (the whole plan sums to 1).`;
  const { plan, domain } = picture;
  const binned = ` ${plan.height} × ${plan.width} cells (past 256, neighbouring rows or columns share a cell).`;
  if (!domain) return `${what}${binned} No cell has a finite mass.`;
  const [lo, hi] = domain;
  return `${what}${binned} Colour: log of the plan's mass in a cell, in nats (the whole plan sums to 1): from ${lo.toFixed(1)} (black, e^${lo.toFixed(1)} = ${sci(Math.exp(lo))} or less) to ${hi.toFixed(1)} (yellow, the largest cell, ${sci(Math.exp(hi))} of the mass).`;
}

/**
 * The transport plan of an ETD panel's last step: rows are particles, columns proposals (both
 * by angle around the box centre), log colour scale. Hovering a row hovers that particle (its
 * destinations appear on the plot); a particle hovered on the plot is outlined here. Frames
 * carry a plan only when asked for it (FrameOptions.plan). "Enlarge" shows the same view large in
 * a modal dialog: the one <dialog> element switches between open in place and modal, so the
 * canvas and its drawing loop stay the same.
 */
export const PlanView = memo(function PlanView({ panel }: { panel: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const legendRef = useRef<PlanLegendHandle>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const captionRef = useRef<HTMLParagraphElement>(null);
  const pictureRef = useRef<PlanPicture | null>(null);
  const linesOn = useHover((s) => !!s.couplingLines[panel]);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [large, setLarge] = useState(false);
  // The worker draws no plan of a d-dimensional target (its views order 2D points).
  const planless = useAppStore((s) => s.targetSpec.kind === 'nd' || s.targetSpec.kind === 'blr');
  const enlarge = () => {
    const d = dialogRef.current;
    if (!d) return;
    d.removeAttribute('open'); // showModal needs a closed dialog; removing the attribute fires no close event
    d.showModal();
    setLarge(true);
  };
  // Esc or the close button closed the modal: back in place (the attribute opens it without moving focus)
  const onClose = () => {
    dialogRef.current?.setAttribute('open', '');
    setLarge(false);
  };

  const onPlan = useCallback((picture: PlanPicture | null) => {
    pictureRef.current = picture;
    legendRef.current?.setDomain(picture?.domain ?? null);
    if (captionRef.current) captionRef.current.textContent = planCaption(picture);
    if (emptyRef.current) emptyRef.current.hidden = !!picture;
    canvasRef.current?.setAttribute('data-plan-iteration', picture ? String(picture.plan.iteration) : '');
  }, []);
  usePlanLoop(canvasRef, panel, onPlan);
  useEffect(() => needInFrames('plan'), []); // frames carry plan images while this view is mounted

  const onPointerMove = useCallback(
    (ev: PointerEvent<HTMLCanvasElement>) => {
      const picture = pictureRef.current;
      if (!picture) return;
      const r = ev.currentTarget.getBoundingClientRect();
      const row = Math.floor(((ev.clientY - r.top) / r.height) * picture.plan.height);
      const particle = particleOfRow(picture.plan.rowOrder, picture.plan.height, row);
      const n = latestFrame.current?.panels[panel]?.positions.length ?? 0;
      if (particle >= 0 && 2 * particle < n) hoverStore.getState().setHovered({ panel, particle });
    },
    [panel],
  );
  const onPointerLeave = useCallback(() => {
    const { hovered, setHovered } = hoverStore.getState();
    if (hovered?.panel === panel) setHovered(null);
  }, [panel]);

  return (
    <dialog ref={dialogRef} open className="plan-dialog" data-testid="plan-dialog" aria-label={`Transport plan of panel ${panel + 1}`} onClose={onClose}>
      <section className="plan-view" data-testid="plan-view" data-large={large} aria-label={`Transport plan of panel ${panel + 1}`}>
        <header className="plan-view-header">
          <h3>Transport plan{large ? ` · panel ${panel + 1}` : ''}</h3>
          <PlanLegend ref={legendRef} />
          <button
            type="button"
            className="small"
            data-testid="plan-enlarge"
            aria-label={large ? 'Close the large plan view' : 'Show the plan large'}
            title={large ? 'Back to the panel (Esc)' : 'Show the plan large, to read its rows'}
            onClick={() => (large ? dialogRef.current?.close() : enlarge())}
          >
            {large ? 'Close' : 'Enlarge'}
          </button>
        </header>
        <div className="plan-body">
          <span className="plan-axis plan-axis-y">particles (by angle)</span>
          <div className="plan-image-wrap">
            <canvas
              ref={canvasRef}
              className="plan-canvas"
              data-testid="plan-canvas"
              role="img"
              aria-label="Transport plan heatmap: particles by proposals, log mass"
              onPointerMove={onPointerMove}
              onPointerLeave={onPointerLeave}
            />
            <p ref={emptyRef} className="plan-empty">
              {planless ? 'Transport plans are drawn for 2D targets only.' : 'The plan appears after the first ETD step.'}
            </p>
          </div>
          <span className="plan-axis plan-axis-x">proposals (by angle)</span>
        </div>
        <p ref={captionRef} className="plan-caption" data-testid="plan-caption">
          {planCaption(null)}
        </p>
        <PlanStats panel={panel} />
        <label className="plan-lines-toggle" title="Draw every particle's 3 likeliest destinations on the plot">
          <input
            type="checkbox"
            data-testid="coupling-lines"
            checked={linesOn}
            onChange={(ev) => hoverStore.getState().setCouplingLines(panel, ev.target.checked)}
          />{' '}
          coupling lines on the plot
        </label>
      </section>
    </dialog>
  );
});
