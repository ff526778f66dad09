import { useEffect, useRef } from 'react';
import { ELBO_WINDOW } from '../../../workers/session/elboWindow';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore } from '../../store';
import { formatNumber } from '../diagnosticsSummary';
import { CHART_BOX, renderChart } from './renderChart';
import './elbo.css';

/** The chart redraws at most this often. */
const REFRESH_MS = 300;

/** What the one ELBO estimator is, in words (the status line, this chart and the metrics CSV show it). */
export const ELBO_DEFINITION = `ELBO: the mean of the last ${ELBO_WINDOW} steps' Monte Carlo estimates of E_q[log π − log q], each from that step's K draws of q. log π is unnormalised, so the level is log Z − KL(q ‖ π) up to a constant: only its rise matters.`;

/**
 * A variational panel's ELBO over iterations (the estimator above). The caption shows the same
 * number as the panel's status line (both read the panel's last diagnostics); the line ends at
 * that step. Reads latestFrame on a timer, outside React; nothing for panels without an ELBO.
 */
export function ElboChart({ panel }: { panel: number }) {
  const value = useAppStore((s) => s.panelRuns[panel]?.diagnostics.elbo);
  const svgRef = useRef<SVGSVGElement>(null);
  const shown = value !== undefined;

  useEffect(() => {
    if (!shown) return;
    let drawn = '';
    const refresh = () => {
      const h = latestFrame.current?.panels[panel]?.elboHistory;
      const values = h?.values.elbo;
      const svg = svgRef.current;
      if (!h || !values || h.steps.length === 0 || !svg) return;
      const run = useAppStore.getState().panelRuns[panel];
      const last = h.steps[h.steps.length - 1];
      // The status line's step, when the (thinned) history has not recorded it: the line ends where the number is.
      const extra = run && run.iteration > last && Number.isFinite(run.diagnostics.elbo) ? [run.iteration, run.diagnostics.elbo] : null;
      const steps = extra ? Float32Array.from([...h.steps, extra[0]]) : h.steps;
      const series = extra ? Float32Array.from([...values, extra[1]]) : values;
      const signature = `${steps.length}:${steps[steps.length - 1]}:${series[series.length - 1]}`;
      if (signature === drawn) return;
      drawn = signature;
      renderChart(svg, 'elbo', [{ panel, steps, values: series }]);
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [panel, shown]);

  if (!shown) return null;
  return (
    <figure className="metric-chart elbo-chart" data-testid={`elbo-chart-${panel}`} title={ELBO_DEFINITION}>
      <figcaption>
        ELBO ({ELBO_WINDOW}-step mean) <output data-testid={`elbo-value-${panel}`}>{formatNumber(value)}</output>
      </figcaption>
      <svg ref={svgRef} width={CHART_BOX.width} height={CHART_BOX.height} role="img" aria-label="ELBO over iterations" />
    </figure>
  );
}
