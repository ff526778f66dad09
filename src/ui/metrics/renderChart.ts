/**
 * Draw one metric chart into an <svg> with d3 (called a few times a second, never per frame):
 * axes, the dashed ideal line, one path per panel in the panel's colour.
 */
import { axisBottom, axisLeft, line, select } from 'd3';
import { panelColour } from '../panelColours';
import { chartScales, type ChartBox, type ChartSet, type Series } from './chartScales';

export const CHART_BOX: ChartBox = { width: 240, height: 130, margin: { top: 8, right: 10, bottom: 20, left: 44 } };

export function renderChart(svgEl: SVGSVGElement, metric: string, series: readonly Series[], box: ChartBox = CHART_BOX, set: ChartSet = 'exact'): void {
  const { width, height, margin } = box;
  const s = chartScales(metric, series, box, set);
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`);

  const xAxis = svg.selectAll<SVGGElement, null>('g.x-axis').data([null]).join('g').attr('class', 'x-axis');
  xAxis.attr('transform', `translate(0,${height - margin.bottom})`).call(axisBottom(s.x).ticks(4, 's').tickSizeOuter(0));
  const yAxis = svg.selectAll<SVGGElement, null>('g.y-axis').data([null]).join('g').attr('class', 'y-axis');
  const yTicks = s.log ? axisLeft(s.y).ticks(3, '~g') : axisLeft(s.y).ticks(4);
  yAxis.attr('transform', `translate(${margin.left},0)`).call(yTicks.tickSizeOuter(0));

  svg
    .selectAll<SVGLineElement, number>('line.ideal')
    .data(s.ideal === null ? [] : [s.ideal])
    .join('line')
    .attr('class', 'ideal')
    .attr('x1', margin.left)
    .attr('x2', width - margin.right)
    .attr('y1', (v) => s.y(v))
    .attr('y2', (v) => s.y(v));

  svg
    .selectAll<SVGPathElement, Series>('path.metric-line')
    .data(series, (d) => String(d.panel))
    .join('path')
    .attr('class', 'metric-line')
    .attr('data-panel', (d) => d.panel)
    .attr('stroke', (d) => panelColour(d.panel))
    .attr('d', (d) => seriesPath(d, s));
}

function seriesPath(d: Series, s: ReturnType<typeof chartScales>): string {
  const gen = line<number>()
    .defined((k) => s.defined(d.values[k]))
    .x((k) => s.x(d.steps[k]))
    .y((k) => s.y(d.values[k]));
  return gen(Array.from({ length: d.steps.length }, (_, k) => k)) ?? '';
}
