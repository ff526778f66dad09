import { useEffect, useRef, useState } from 'react';
import { latestFrame } from '../../run/latestFrame';
import { formatNumber } from '../diagnosticsSummary';
import { CHART_BOX, renderChart } from './renderChart';
import './elbo.css';

/** The chart redraws at most this often. */
const REFRESH_MS = 300;

/**
 * A variational panel's ELBO estimate over iterations (E_q[log π − log q] from each step's K
 * samples; log π is unnormalised, so only its rise matters, and a normalised target tops out at
 * 0). Reads latestFrame on a timer, outside React; renders nothing for panels without an ELBO.
 */
export function ElboChart({ panel }: { panel: number }) {
  const [last, setLast] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    let drawn = '';
    const refresh = () => {
      const h = latestFrame.current?.panels[panel]?.elboHistory;
      const values = h?.values.elbo;
      if (!h || !values || h.steps.length === 0) {
        setLast(null);
        drawn = '';
        return;
      }
      setLast(values[values.length - 1]);
      const svg = svgRef.current;
      const signature = `${h.steps.length}:${h.steps[h.steps.length - 1]}`;
      if (!svg || signature === drawn) return;
      drawn = signature;
      renderChart(svg, 'elbo', [{ panel, steps: h.steps, values }]);
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [panel, last === null]);

  if (last === null) return null;
  return (
    <figure className="metric-chart elbo-chart" data-testid={`elbo-chart-${panel}`} title="ELBO = E_q[log π − log q], estimated from each step's samples of q; log π is unnormalised, so the level is up to a constant and only its rise matters.">
      <figcaption>
        ELBO <output data-testid={`elbo-value-${panel}`}>{formatNumber(last)}</output>
      </figcaption>
      <svg ref={svgRef} width={CHART_BOX.width} height={CHART_BOX.height} role="img" aria-label="ELBO estimate over iterations" />
    </figure>
  );
}
