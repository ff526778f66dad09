/**
 * Draw one dimension-sweep chart into an <svg> with d3: a metric's final value against d (log
 * x axis, ticks at the swept dimensions), one line per sampler in its panel's colour, a dashed
 * line at the ideal value. Redrawn whenever a point arrives (a few times per sweep).
 */
import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import type { SweepPoint } from '../../engine/experiment/dimensionSweep';
import { panelColour } from '../panelColours';

export const SWEEP_BOX = { width: 360, height: 200, margin: { top: 10, right: 14, bottom: 34, left: 46 } } as const;

/** One sampler's line: (d, value) pairs, ascending in d, finite values only. */
export interface SweepLine {
  readonly sampler: number;
  readonly points: readonly (readonly [number, number])[];
}

/** The lines of `metric` from a sweep's points (failed runs and missing values left out). */
export function sweepLines(points: readonly SweepPoint[], metric: string, samplers: number): SweepLine[] {
  return Array.from({ length: samplers }, (_, sampler) => ({
    sampler,
    points: points
      .filter((p) => p.sampler === sampler && p.metrics && Number.isFinite(p.metrics[metric]))
      .map((p) => [p.dim, p.metrics![metric]] as const)
      .sort((a, b) => a[0] - b[0]),
  })).filter((l) => l.points.length > 0);
}

export function renderSweep(svgEl: SVGSVGElement, lines: readonly SweepLine[], dims: readonly number[], ideal: number): void {
  const { width, height, margin } = SWEEP_BOX;
  const lo = Math.min(...dims);
  const hi = Math.max(...dims);
  // One dimension alone still needs a span on a log axis.
  const x = scaleLog()
    .domain(lo < hi ? [lo, hi] : [lo / 1.5, hi * 1.5])
    .range([margin.left, width - margin.right]);
  let top = ideal * 1.2;
  for (const l of lines) for (const [, v] of l.points) top = Math.max(top, v);
  const y = scaleLinear().domain([0, top]).range([height - margin.bottom, margin.top]).nice();
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`);

  svg
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).tickValues([...dims]).tickFormat((d) => String(d)).tickSizeOuter(0));
  svg
    .selectAll<SVGTextElement, null>('text.x-label')
    .data([null])
    .join('text')
    .attr('class', 'x-label')
    .attr('x', (margin.left + width - margin.right) / 2)
    .attr('y', height - 3)
    .attr('text-anchor', 'middle')
    .text('dimension d (log scale)');
  svg.selectAll<SVGGElement, null>('g.y-axis').data([null]).join('g').attr('class', 'y-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5).tickSizeOuter(0));
  svg
    .selectAll<SVGLineElement, number>('line.ideal')
    .data([ideal])
    .join('line')
    .attr('class', 'ideal')
    .attr('x1', margin.left)
    .attr('x2', width - margin.right)
    .attr('y1', (v) => y(v))
    .attr('y2', (v) => y(v));

  const path = line<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  svg
    .selectAll<SVGPathElement, SweepLine>('path.sweep-line')
    .data(lines, (l) => String(l.sampler))
    .join('path')
    .attr('class', 'sweep-line')
    .attr('data-sampler', (l) => l.sampler)
    .attr('stroke', (l) => panelColour(l.sampler))
    .attr('d', (l) => path(l.points) ?? '');
  svg
    .selectAll<SVGGElement, SweepLine>('g.sweep-marks')
    .data(lines, (l) => String(l.sampler))
    .join('g')
    .attr('class', 'sweep-marks')
    .attr('fill', (l) => panelColour(l.sampler))
    .selectAll<SVGCircleElement, readonly [number, number]>('circle')
    .data((l) => l.points)
    .join('circle')
    .attr('r', 3)
    .attr('cx', (p) => x(p[0]))
    .attr('cy', (p) => y(p[1]));
}
