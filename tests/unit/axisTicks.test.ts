import { describe, expect, it } from 'vitest';
import { MIN_TICK_SPACING_PX, axisTicks } from '../../src/ui/draw/axisTicks';
import { logDensityAt } from '../../src/ui/PlotAxes';

/** A tick value is round: 1, 2 or 5 times a power of ten, times an integer. */
function isRound(v: number, step: number): boolean {
  const k = v / step;
  return Math.abs(k - Math.round(k)) < 1e-6 && [1, 2, 5].includes(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3)));
}

describe('axisTicks', () => {
  it.each([
    [-4, 4, 360],
    [-4, 4, 900],
    [-3, 7, 120],
    [0.01, 0.02, 500],
    [-50, 50, 1000],
  ])('[%d, %d] over %d px: round values inside the range, at least MIN_TICK_SPACING_PX apart', (lo, hi, px) => {
    const ticks = axisTicks(lo, hi, px);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const step = Number((ticks[1].value - ticks[0].value).toPrecision(12));
    for (let k = 0; k < ticks.length; k++) {
      const t = ticks[k];
      expect(t.value).toBeGreaterThanOrEqual(lo);
      expect(t.value).toBeLessThanOrEqual(hi);
      expect(isRound(t.value, step)).toBe(true);
      expect(t.at).toBeCloseTo(((t.value - lo) / (hi - lo)) * px, 6);
      if (k > 0) expect(t.at - ticks[k - 1].at).toBeGreaterThanOrEqual(MIN_TICK_SPACING_PX - 1e-9);
    }
  });

  it('uses more ticks on a larger plot, and labels them as numbers', () => {
    const small = axisTicks(-4, 4, 150);
    const large = axisTicks(-4, 4, 900);
    expect(large.length).toBeGreaterThan(small.length);
    expect(large.map((t) => Number(t.label.replace('−', '-')))).toEqual(large.map((t) => t.value));
  });

  it('puts the top of a reversed (y) axis at position 0', () => {
    const ticks = axisTicks(-2, 2, 400, true);
    const top = ticks.reduce((a, b) => (a.value > b.value ? a : b));
    expect(top.at).toBeCloseTo(((2 - top.value) / 4) * 400, 6);
    expect(ticks.find((t) => t.value === 0)?.at).toBeCloseTo(200, 6);
  });

  it('gives nothing for an empty range or no pixels', () => {
    expect(axisTicks(1, 1, 300)).toEqual([]);
    expect(axisTicks(0, 1, 0)).toEqual([]);
  });
});

describe('logDensityAt', () => {
  const heatmap = { width: 3, height: 2, values: new Float32Array([0, 1, 2, 3, 4, -Infinity]) }; // row 0 = top
  it('reads the cell under the pointer, rows from the top, null outside the plot', () => {
    expect(logDensityAt(heatmap, 0.1, 0.1)).toBe(0);
    expect(logDensityAt(heatmap, 0.5, 0.2)).toBe(1);
    expect(logDensityAt(heatmap, 0.4, 0.9)).toBe(4);
    expect(logDensityAt(heatmap, 0.99, 0.99)).toBe(-Infinity);
    expect(logDensityAt(heatmap, 1, 0.5)).toBeNull();
    expect(logDensityAt(heatmap, -0.01, 0.5)).toBeNull();
  });
});
