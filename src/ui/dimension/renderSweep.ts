/**
 * Draw one dimension-sweep chart into an <svg> with d3: a metric against d (log x axis, ticks at
 * the swept dimensions), per sampler in its panel's colour a line through the mean over seeds and
 * a band from the seeds' smallest to largest value, a dashed line at the ideal value. Redrawn
 * whenever a point arrives (a few times per sweep).
 */
import { area, axisBottom, axisLeft, line, scaleLinear, scaleLog, select } from 'd3';
import { panelColour } from '../panelColours';
import type { SweepCell, SweepLine } from './sweepSummary';

export { sweepLines, type SweepLine } from './sweepSummary';

export const SWEEP_BOX = { width: 360, height: 200, margin: { top: 10, right: 14, bottom: 34, left: 46 } } as const;

export function renderSweep(svgEl: SVGSVGElement, lines: readonly SweepLine[], dims: readonly number[], ideal: number): void {
  const { width, height, margin } = SWEEP_BOX;
  const lo = Math.min(...dims);
  const hi = Math.max(...dims);
  // One dimension alone still needs a span on a log axis.
  const x = scaleLog()
    .domain(lo < hi ? [lo, hi] : [lo / 1.5, hi * 1.5])
    .range([margin.left, width - margin.right]);
  let top = ideal * 1.2;
  for (const l of lines) for (const c of l.cells) top = Math.max(top, c.max);
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

  const band = area<SweepCell>()
    .x((c) => x(c.dim))
    .y0((c) => y(c.min))
    .y1((c) => y(c.max));
  svg
    .selectAll<SVGPathElement, SweepLine>('path.sweep-band')
    .data(lines, (l) => String(l.sampler))
    .join('path')
    .attr('class', 'sweep-band')
    .attr('data-sampler', (l) => l.sampler)
    .attr('fill', (l) => panelColour(l.sampler))
    .attr('d', (l) => band([...l.cells]) ?? '');
  const path = line<SweepCell>()
    .x((c) => x(c.dim))
    .y((c) => y(c.mean));
  svg
    .selectAll<SVGPathElement, SweepLine>('path.sweep-line')
    .data(lines, (l) => String(l.sampler))
    .join('path')
    .attr('class', 'sweep-line')
    .attr('data-sampler', (l) => l.sampler)
    .attr('stroke', (l) => panelColour(l.sampler))
    .attr('d', (l) => path([...l.cells]) ?? '');
  svg
    .selectAll<SVGGElement, SweepLine>('g.sweep-marks')
    .data(lines, (l) => String(l.sampler))
    .join('g')
    .attr('class', 'sweep-marks')
    .attr('fill', (l) => panelColour(l.sampler))
    .selectAll<SVGCircleElement, SweepCell>('circle')
    .data((l) => l.cells)
    .join('circle')
    .attr('r', 3)
    .attr('cx', (c) => x(c.dim))
    .attr('cy', (c) => y(c.mean))
    .attr('data-mean', (c) => c.mean)
    .attr('data-min', (c) => c.min)
    .attr('data-max', (c) => c.max)
    .attr('data-seeds', (c) => c.seeds);
}
