import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { PLAN_LOG_RANGE, legendPixels } from './planPixels';

const LEGEND_PIXELS = 64;

export interface PlanLegendHandle {
  /** Show the colour domain [lo, hi] in nats (null: no plan). */
  setDomain(domain: readonly [number, number] | null): void;
}

/** The colour bar of the plan image: a strip at data resolution, stretched by CSS, with its end values in nats. */
export const PlanLegend = forwardRef<PlanLegendHandle>(function PlanLegend(_, ref) {
  const barRef = useRef<HTMLCanvasElement>(null);
  const loRef = useRef<HTMLSpanElement>(null);
  const hiRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const ctx = barRef.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(legendPixels(LEGEND_PIXELS), LEGEND_PIXELS, 1), 0, 0);
  }, []);
  useImperativeHandle(ref, () => ({
    setDomain(domain) {
      if (loRef.current) loRef.current.textContent = domain ? domain[0].toFixed(1) : `max − ${PLAN_LOG_RANGE}`;
      if (hiRef.current) hiRef.current.textContent = domain ? domain[1].toFixed(1) : 'max';
    },
  }), []);
  return (
    <div className="plan-legend" title={`log plan mass per cell, in nats: the colours span ${PLAN_LOG_RANGE} nats below the largest cell; smaller masses are black`}>
      <span ref={loRef} data-testid="plan-legend-lo">max − {PLAN_LOG_RANGE}</span>
      <canvas ref={barRef} width={LEGEND_PIXELS} height={1} className="plan-legend-bar" aria-hidden="true" />
      <span ref={hiRef} data-testid="plan-legend-hi">max</span>
      <span className="plan-legend-unit">nats</span>
    </div>
  );
});
