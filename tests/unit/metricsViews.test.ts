import { describe, expect, it } from 'vitest';
import { chartScales, CHART_METRICS, LOG_METRICS, type ChartBox, type Series } from '../../src/ui/metrics/chartScales';
import { HistoryBook, malaAcceptance } from '../../src/ui/metrics/histories';
import { exactMarginals, histogram, toDensity } from '../../src/ui/metrics/marginals';
import type { PanelFrame } from '../../workers/samplerApi';

const box: ChartBox = { width: 200, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };
const series = (panel: number, steps: number[], values: number[]): Series => ({
  panel,
  steps: Float32Array.from(steps),
  values: Float32Array.from(values),
});

describe('metric chart scales', () => {
  it('uses a log y for the distances and linear y for ratios and coverage', () => {
    expect([...LOG_METRICS].sort()).toEqual(['energy', 'ksd', 'slicedW2']);
    const s = chartScales('energy', [series(0, [0, 10, 20], [1, 0.1, 0.01])], box);
    expect(s.log).toBe(true);
    expect(s.ideal).toBeNull(); // 0 is off a log scale
    expect(s.y.domain()).toEqual([0.01, 1]);
    // Equal ratios are equal distances on the chart.
    expect(s.y(1) - s.y(0.1)).toBeCloseTo(s.y(0.1) - s.y(0.01), 9);
    expect(s.defined(0)).toBe(false);
    expect(s.defined(NaN)).toBe(false);
  });

  it('shares the iteration axis over panels', () => {
    const s = chartScales('ksd', [series(0, [0, 10], [1, 2]), series(1, [0, 10, 40], [3, 2, 1])], box);
    expect(s.x.domain()).toEqual([0, 40]);
    expect(s.x(40)).toBe(200);
  });

  it('shows at least a decade when a log series is flat', () => {
    const [lo, hi] = chartScales('slicedW2', [series(0, [0, 5], [0.3, 0.3])], box).y.domain();
    expect(hi / lo).toBeGreaterThanOrEqual(10);
    expect(lo).toBeLessThan(0.3);
    expect(hi).toBeGreaterThan(0.3);
  });

  it('puts a dashed ideal line at 1 for ratios and coverage, always inside the domain', () => {
    const r = chartScales('varRatioX', [series(0, [0, 5], [0.2, 0.3])], box);
    expect(r.log).toBe(false);
    expect(r.ideal).toBe(1);
    const [lo, hi] = r.y.domain();
    expect(lo).toBeLessThanOrEqual(0.2);
    expect(hi).toBeGreaterThanOrEqual(1.5);
    const c = chartScales('modeCoverage', [series(0, [0, 5], [0.5, 0.75])], box);
    expect(c.ideal).toBe(1);
    expect(c.y.domain()).toEqual([0, 1]);
  });

  it('copes with no data', () => {
    const s = chartScales('energy', [], box);
    expect(s.x.domain()).toEqual([0, 1]);
    expect(s.y.domain()[0]).toBeGreaterThan(0);
    const r = chartScales('varRatioY', [series(0, [0], [NaN])], box);
    expect(r.y.domain()[0]).toBeLessThan(r.y.domain()[1]);
  });

  it('charts the metrics the issue names, in order (mode balance beside mode coverage (the mean variance ratio of d-dimensional targets last)', () => {
    expect(CHART_METRICS).toEqual(['energy', 'slicedW2', 'ksd', 'modeCoverage', 'modeBalance', 'varRatioX', 'varRatioY', 'varRatioMean']);
  });
});

const frame = (iteration: number, history?: { steps: number[]; values: Record<string, number[]> }, diagnostics: Record<string, number> = {}): PanelFrame => ({
  iteration,
  positions: new Float32Array(0),
  trailHead: 0,
  trailCount: 0,
  diagnostics,
  status: 'ok',
  ...(history
    ? {
        metricHistory: {
          steps: Float32Array.from(history.steps),
          values: Object.fromEntries(Object.entries(history.values).map(([k, v]) => [k, Float32Array.from(v)])),
        },
      }
    : {}),
});

describe('HistoryBook', () => {
  it('keeps histories across frames without one and forgets them after a restart', () => {
    const book = new HistoryBook();
    book.update([frame(10, { steps: [0, 10], values: { energy: [1, 0.5], varRatioX: [0.3, 0.6] } }), frame(10)]);
    expect(book.metrics()).toEqual(['energy', 'varRatioX']);
    expect(book.series('energy').map((s) => s.panel)).toEqual([0]);
    const sig = book.signature();
    book.update([frame(12), frame(12)]);
    expect(book.signature()).toBe(sig);
    book.update([frame(0), frame(12)]); // panel 1 restarted
    expect(book.metrics()).toEqual([]);
  });

  it('finds MALA panels by their running acceptance', () => {
    expect(malaAcceptance([frame(3, undefined, { acceptance: 0.4 }), frame(3, undefined, { acceptanceMean: 0.61 })])).toEqual([{ panel: 1, value: 0.61 }]);
  });
});

describe('marginals', () => {
  it('bins particles, leaving out non-finite and out-of-range values', () => {
    const p = Float32Array.from([-1, 0, -0.5, 5, 0.99, NaN, 1, 2, 2, 0]); // x: -1 -0.5 0.99 1 2
    expect(Array.from(histogram(p, 0, -1, 1, 4))).toEqual([1, 1, 0, 2]);
    expect(Array.from(histogram(p, 1, -1, 1, 2))).toEqual([0, 2]); // y: 0 5 NaN 2 0 -> 0, 0 in range
  });

  it('turns counts into a density that integrates to the share inside the range', () => {
    const d = toDensity([1, 3], 0, 4, 8); // 8 particles, 4 of them inside [0, 4]
    expect(Array.from(d)).toEqual([1 / 16, 3 / 16]);
    expect((d[0] + d[1]) * 2).toBe(0.5);
  });

  it('sums the exp-normalised heatmap into x and y marginals (row 0 = top)', () => {
    // (2, 3) grid: top row masses [1, 2, 0], bottom row [1, 1, 1] (relative), with an -Infinity.
    const values = Float32Array.from([0, Math.log(2), -Infinity, 0, 0, 0].map((v) => v + 50));
    const m = exactMarginals({ width: 3, height: 2, values });
    expect(Array.from(m.x).map((v) => +v.toFixed(6))).toEqual([2 / 6, 3 / 6, 1 / 6].map((v) => +v.toFixed(6)));
    expect(Array.from(m.y).map((v) => +v.toFixed(6))).toEqual([3 / 6, 3 / 6].map((v) => +v.toFixed(6)));
    const skew = exactMarginals({ width: 1, height: 2, values: Float32Array.from([0, Math.log(3)]) });
    expect(skew.y[0]).toBeCloseTo(0.75, 6); // the bottom row comes first
    expect(exactMarginals({ width: 1, height: 1, values: Float32Array.from([-Infinity]) }).x[0]).toBe(0);
  });

  it('is memoised per heatmap', () => {
    const h = { width: 2, height: 2, values: Float32Array.from([0, 0, 0, 0]) };
    expect(exactMarginals(h)).toBe(exactMarginals(h));
  });
});
