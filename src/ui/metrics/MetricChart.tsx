import { forwardRef } from 'react';
import { metricDoc, metricLabel, type ChartSet } from './chartScales';
import { CHART_BOX } from './renderChart';

/** The frame of one metric chart; MetricsArea draws into its <svg> with renderChart. */
export const MetricChart = forwardRef<SVGSVGElement, { metric: string; log: boolean; set?: ChartSet }>(function MetricChart({ metric, log, set = 'exact' }, ref) {
  return (
    <figure className="metric-chart" data-testid={`metric-chart-${metric}`} data-metric={metric} title={metricDoc(metric, set)}>
      <figcaption>
        {metricLabel(metric, set)}
        {log && <span className="metric-scale"> (log)</span>}
      </figcaption>
      <svg ref={ref} width={CHART_BOX.width} height={CHART_BOX.height} role="img" aria-label={`${metricLabel(metric, set)} over iterations, one line per panel`} />
    </figure>
  );
});
