import { scaleLinear } from 'd3';

/** Least distance between two tick labels of a plot axis, in CSS pixels (room for "-12.5"). */
export const MIN_TICK_SPACING_PX = 48;

export interface AxisTick {
  readonly value: number;
  /** Position along the axis in CSS pixels from its start (left, or top for a reversed axis). */
  readonly at: number;
  readonly label: string;
}

/**
 * Round ticks (d3's 1-2-5 steps) of [lo, hi] drawn over `pixels`, as many as fit at least
 * MIN_TICK_SPACING_PX apart. `reversed` puts hi at position 0 (a y axis drawn top down).
 */
export function axisTicks(lo: number, hi: number, pixels: number, reversed = false): AxisTick[] {
  if (!(hi > lo) || !(pixels > 0)) return [];
  const scale = scaleLinear().domain([lo, hi]).range(reversed ? [pixels, 0] : [0, pixels]);
  // d3 treats the count as a hint and may return more ticks: ask for fewer until they fit
  for (let count = Math.max(1, Math.floor(pixels / MIN_TICK_SPACING_PX)); count >= 1; count--) {
    const values = scale.ticks(count);
    const step = values.length > 1 ? Math.abs(scale(values[1]) - scale(values[0])) : Infinity;
    if (step >= MIN_TICK_SPACING_PX || count === 1) {
      const format = scale.tickFormat(count);
      return values.map((value) => ({ value, at: scale(value), label: format(value) }));
    }
  }
  return [];
}
