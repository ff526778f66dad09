import { describe, expect, it } from 'vitest';
import { experimentFromConfig } from '../../src/engine/experiment/experimentConfig';
import { defaultExperiment, type Experiment } from '../../src/engine/experiment/experiment';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { exportFileName, fileStamp, formatFloat32, metricsCsv, particlesCsv, runConfigJson } from '../../src/ui/export/exportFiles';
import { gridCaption, panelLabel, targetName } from '../../src/ui/export/figureLabels';
import { figureLayout, gridColumns, type Rect } from '../../src/ui/export/figureLayout';
import { formatElapsed } from '../../src/ui/export/RecordingIndicator';
import type { MetricHistory } from '../../workers/samplerApi';
import type { PageFrame } from '../../src/run/latestFrame';

describe('export files', () => {
  it("the run JSON is a config the runner reads, giving back the page's experiment", () => {
    const e: Experiment = { ...defaultExperiment(), panels: [{ sampler: 'etd-b', params: { eps: 0.2 } }, { sampler: 'svgd', params: {} }] };
    const cfg = parseRunConfig(JSON.parse(runConfigJson(e, 12)));
    expect(cfg.run.steps).toBe(12);
    expect(experimentFromConfig(cfg)).toEqual(e);
    expect(parseRunConfig(JSON.parse(runConfigJson(e, 0))).run.steps).toBe(1);
  });

  it('the particles CSV has a header and one row per particle of every panel', () => {
    const panel = (it: number, xs: number[]) => ({ iteration: it, positions: Float32Array.from(xs), trailHead: 0, trailCount: 1, diagnostics: {}, status: 'ok' as const });
    const frame: PageFrame = { panels: [panel(3, [0.5, -1, 2, 3]), panel(4, [1, 1, 0, 0])], run: { running: false, stepsPerSecond: 0 } };
    const lines = particlesCsv(frame, ['etd-b', 'sgld']).trim().split('\n');
    expect(lines[0]).toBe('panel,sampler,iteration,particle,x,y');
    expect(lines.slice(1)).toEqual(['1,etd-b,3,0,0.5,-1', '1,etd-b,3,1,2,3', '2,sgld,4,0,1,1', '2,sgld,4,1,0,0']);
  });

  it('the metrics CSV has a row per record of every panel and a column per metric any panel recorded', () => {
    const history = (steps: number[], values: Record<string, number[]>): MetricHistory => ({
      steps: Float32Array.from(steps),
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Float32Array.from(v)])),
    });
    const csv = metricsCsv([
      { sampler: 'etd-b', history: history([0, 10], { energy: [0.5, 0.1], ksd: [2, NaN] }) },
      { sampler: 'svgd', history: null },
      { sampler: 'mala', history: history([5], { ksd: [1.25], modeCoverage: [0.75] }) },
    ]);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv.trim().split('\n')).toEqual([
      'panel,sampler,iteration,energy,ksd,modeCoverage',
      '1,etd-b,0,0.5,2,',
      '1,etd-b,10,0.1,,',
      '3,mala,5,,1.25,0.75',
    ]);
    expect(metricsCsv([])).toBe('panel,sampler,iteration\n');
  });

  it('metric values are the shortest decimals that read back as the same float32', () => {
    for (const v of [0.1, 1 / 3, 123456.789, 1e-7, -2.5e12, 0]) {
      const f = Math.fround(v);
      const text = formatFloat32(f);
      expect(Math.fround(Number(text))).toBe(f);
      expect(Number(Number(text).toPrecision(9))).toBe(Number(text));
    }
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat32(Math.fround(-2.5e12))).toBe('-2500000000000');
    expect(formatFloat32(NaN)).toBe('');
    expect(formatFloat32(Infinity)).toBe('Infinity');
  });

  it('file names carry what was exported and a UTC time stamp', () => {
    const when = new Date(Date.UTC(2026, 10, 30, 9, 5, 7));
    expect(fileStamp(when)).toBe('2026-11-30-09-05-07');
    expect(exportFileName('panel-2-etd-b', 'png', when)).toBe('etd-panel-2-etd-b-2026-11-30-09-05-07.png');
    expect(exportFileName(' Grid / All ', 'png', when)).toBe('etd-grid-all-2026-11-30-09-05-07.png');
    expect(exportFileName('***', 'webm', when)).toBe('etd-export-2026-11-30-09-05-07.webm');
  });
});

describe('exported pictures', () => {
  const inside = (inner: Rect, outer: { width: number; height: number }) =>
    inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= outer.width && inner.y + inner.height <= outer.height;
  const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('one panel: title above the plot, legend below, all inside the picture, plot at its own size', () => {
    const l = figureLayout([{ width: 600, height: 400 }], { scale: 2 });
    expect(l.caption).toBeNull();
    const t = l.tiles[0];
    expect(t.plot).toMatchObject({ width: 600, height: 400 });
    expect(inside(t.plot, l)).toBe(true);
    expect(t.title.y).toBeLessThanOrEqual(t.plot.y);
    expect(t.legend.y - t.legend.size).toBeGreaterThanOrEqual(t.plot.y + t.plot.height);
    expect(t.legend.y).toBeLessThanOrEqual(l.height);
    expect(t.title.size).toBe(30); // 15 CSS px at scale 2
    expect(overlap(t.swatch, t.plot)).toBe(false);
    expect(l.width).toBeGreaterThan(600);
  });

  it('a grid puts panels side by side in two columns, with the caption above, none overlapping', () => {
    expect([1, 2, 3, 4].map(gridColumns)).toEqual([1, 2, 2, 2]);
    const plot = { width: 300, height: 200 };
    const one = figureLayout([plot], { scale: 1, caption: true });
    const two = figureLayout([plot, plot], { scale: 1, caption: true });
    const four = figureLayout([plot, plot, plot, plot], { scale: 1, caption: true });
    expect(two.width).toBeGreaterThan(one.width + plot.width);
    expect(two.height).toBe(one.height);
    expect(four.height).toBeGreaterThan(two.height + plot.height);
    expect(four.width).toBe(two.width);
    for (const l of [two, four]) {
      expect(l.caption).not.toBeNull();
      l.tiles.forEach((t, i) => {
        expect(inside(t.plot, l)).toBe(true);
        expect(t.title.y).toBeGreaterThan(l.caption!.y);
        l.tiles.forEach((u, j) => i !== j && expect(overlap(t.plot, u.plot)).toBe(false));
      });
    }
    expect(four.tiles[1].plot.y).toBe(four.tiles[0].plot.y);
    expect(four.tiles[2].plot.x).toBe(four.tiles[0].plot.x);
  });

  it('a smaller plot is centred in a cell as large as the largest; even sizes when asked', () => {
    const l = figureLayout([{ width: 301, height: 201 }, { width: 101, height: 51 }], { scale: 1.5, even: true });
    const [a, b] = l.tiles;
    expect(b.plot.x - (a.plot.x + 301)).toBeGreaterThan(0);
    expect(b.plot.y).toBe(a.plot.y + Math.floor((201 - 51) / 2));
    expect(l.width % 2).toBe(0);
    expect(l.height % 2).toBe(0);
  });

  it('titles name the panel and what differs from its defaults; legends the target and iteration', () => {
    expect(targetName({ kind: 'preset', name: 'gmm-ring-8' })).not.toBe('gmm-ring-8');
    expect(targetName({ kind: 'preset', name: 'no-such' })).toBe('no-such');
    expect(targetName({ kind: 'formula', formula: '  x^2 +   y^2 ' })).toBe('U(x, y) = x^2 + y^2');
    expect(targetName({ kind: 'formula', formula: 'x'.repeat(100) }).length).toBeLessThan(80);
    expect(targetName({ kind: 'drawn', box: { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, bumps: [[0, 0, 0.1, 1]] })).toBe('Drawn target (1 bump)');
    const label = panelLabel(1, { sampler: 'etd-b', params: { eps: 0.05 } }, 'Ring', 30, '#f00');
    expect(label.title).toMatch(/^2 +ETD-B · eps 0\.05$/);
    expect(label.legend).toBe('Ring · iteration 30');
    expect(gridCaption('Ring', 40, 5)).toContain('N = 40');
    // The figure's title names every panel's iteration.
    expect(gridCaption('Ring', 40, 5, [200, 200])).toBe('ETD Playground · Ring · N = 40 particles · seed 5 · every panel at iteration 200');
    expect(gridCaption('Ring', 40, 5, [188, 201])).toBe('ETD Playground · Ring · N = 40 particles · seed 5 · iterations: 1 at 188, 2 at 201');
    expect(gridCaption('Ring', 40, 5, [7])).toMatch(/· iteration 7$/);
  });

  it('the recording indicator shows minutes and seconds', () => {
    expect([0, 1.6, 59.9, 65, 3600].map(formatElapsed)).toEqual(['0:00', '0:01', '0:59', '1:05', '60:00']);
  });
});
