/**
 * Scale choices of the metric charts (pure, no DOM): which metrics get a chart, log or
 * linear y, the domains, and the dashed ideal line.
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import { METRIC_INFO, type MetricInfo } from '../../engine/metrics/compute';
import { ND_METRIC_INFO } from '../../engine/metrics/nd/info';
import { POSTERIOR_CHART_INFO, POSTERIOR_METRIC_INFO } from '../../engine/metrics/posterior';

/** Every charted metric's hints: the 2D metrics and those only d-dimensional targets report. */
const INFO: Readonly<Record<string, MetricInfo | undefined>> = { ...METRIC_INFO, ...ND_METRIC_INFO, ...POSTERIOR_METRIC_INFO };
/** On a logistic-regression posterior the same names measure against the reference posterior. */
const POSTERIOR_INFO: Readonly<Record<string, MetricInfo | undefined>> = { ...INFO, ...POSTERIOR_CHART_INFO };

/** Which metrics a chart set shows: the exact target's, or a logistic-regression posterior's. */
export type ChartSet = 'exact' | 'posterior';
const infoOf = (set: ChartSet) => (set === 'posterior' ? POSTERIOR_INFO : INFO);

/** Charted metrics, in display order (modeCoverage only for targets with modes, varRatioMean for d-dimensional ones). */
export const CHART_METRICS: readonly string[] = ['energy', 'slicedW2', 'ksd', 'modeCoverage', 'modeBalance', 'varRatioX', 'varRatioY', 'varRatioMean'];
/** Charted metrics of a logistic-regression posterior, in display order (the reference ones only when there is a reference). */
export const POSTERIOR_CHART_METRICS: readonly string[] = Object.keys(POSTERIOR_CHART_INFO);
export const chartMetricsOf = (set: ChartSet): readonly string[] => (set === 'posterior' ? POSTERIOR_CHART_METRICS : CHART_METRICS);

/** Distances spanning orders of magnitude: log y. */
export const LOG_METRICS: ReadonlySet<string> = new Set(['energy', 'slicedW2', 'ksd']);

/** One panel's series of a metric: (T) iterations and (T) values. */
export interface Series {
  readonly panel: number;
  readonly steps: Float32Array;
  readonly values: Float32Array;
}

export interface ChartScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number> | ScaleLogarithmic<number, number>;
  readonly log: boolean;
  /** y of the dashed "perfect sampler" line, or null (log charts: the ideal 0 is off the scale). */
  readonly ideal: number | null;
  /** Is a value drawable on this y scale (finite, and > 0 on a log scale)? */
  readonly defined: (v: number) => boolean;
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

/** [lo, hi] of the drawable values, or null. */
function extentOf(series: readonly Series[], defined: (v: number) => boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const v of s.values) {
      if (!defined(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : null;
}

export function chartScales(metric: string, series: readonly Series[], box: ChartBox, set: ChartSet = 'exact'): ChartScales {
  const { width, height, margin } = box;
  let xmax = 1;
  for (const s of series) if (s.steps.length) xmax = Math.max(xmax, s.steps[s.steps.length - 1]);
  const x = scaleLinear().domain([0, xmax]).range([margin.left, width - margin.right]);
  const yRange = [height - margin.bottom, margin.top];
  const info = infoOf(set)[metric];

  if (LOG_METRICS.has(metric)) {
    const defined = (v: number) => Number.isFinite(v) && v > 0;
    let [lo, hi] = extentOf(series, defined) ?? [1e-3, 1];
    if (hi / lo < 10) {
      // At least one decade, centred on the data, so a flat series is not stretched over the chart.
      const mid = Math.sqrt(lo * hi);
      lo = Math.min(lo, mid / Math.sqrt(10));
      hi = Math.max(hi, mid * Math.sqrt(10));
    }
    // Float32 records sit a hair off round values (0.01 -> 0.0099999998): do not let nice() add a decade for that.
    const y = scaleLog().domain([lo * (1 + 1e-6), hi * (1 - 1e-6)]).range(yRange).nice();
    return { x, y, log: true, ideal: null, defined };
  }

  const defined = (v: number) => Number.isFinite(v);
  // The perfect value as a dashed line, inside the domain (mode balance: 0 at the bottom).
  const ideal = info ? info.ideal : null;
  let [lo, hi] = extentOf(series, defined) ?? [0, 1];
  if (ideal !== null) {
    lo = Math.min(lo, ideal);
    hi = Math.max(hi, ideal);
  }
  if (metric === 'modeCoverage' || metric === 'testAccuracy') {
    lo = 0; // a fraction: always the whole [0, 1]
    hi = Math.max(hi, 1);
  } else if (metric.startsWith('varRatio')) {
    lo = Math.min(lo, 0.5); // collapse (< 1) and over-dispersion (> 1) both stay visible
    hi = Math.max(hi, 1.5);
  }
  if (hi - lo < 1e-9) hi = lo + 1;
  const y = scaleLinear().domain([lo, hi]).range(yRange).nice();
  return { x, y, log: false, ideal, defined };
}

/** Chart title of a metric (METRIC_INFO's label, or the raw name). */
export function metricLabel(metric: string, set: ChartSet = 'exact'): string {
  return infoOf(set)[metric]?.label ?? metric;
}

export function metricDoc(metric: string, set: ChartSet = 'exact'): string {
  return infoOf(set)[metric]?.doc ?? '';
}
