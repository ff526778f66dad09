// Logistic regression on the page, without a browser: the link (t=blr&data=...; a user's CSV by
// name only, with a notice that its data are not in the link), the store (a CSV key runs only
// once its file is read), the CSV path (one-line problems with the file's name, the notes the
// picker shows), and the vendored sets' sizes the picker shows against the files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLR_DATA_SET_NAMES, BLR_DATA_SETS, blrDataFromText, userCsvKey } from '../../src/engine/targets/blr/dataSets';
import { BlrReferenceRun } from '../../src/engine/targets/blr/buildReference';
import { checkBlrCsv } from '../../src/run/blrCsv';
import { useAppStore } from '../../src/store';
import { initialTargetState } from '../../src/store/targetSlice';
import { decodeExperiment } from '../../src/url/decode';
import { encodeExperiment } from '../../src/url/encode';
import { PRESETS } from '../../src/url/presets';
import { defaultExperiment, type Experiment } from '../../src/url/schema';
import { experimentOf, sharedParts } from '../../src/url/storeBridge';
import { smallCsv } from './blrCsvFixture';
import { metricDoc, metricLabel, POSTERIOR_CHART_METRICS } from '../../src/ui/metrics/chartScales';
import { HistoryBook } from '../../src/ui/metrics/histories';
import type { PanelFrame } from '../../workers/samplerApi';

const s = () => useAppStore.getState();
const blr = (data: string): Experiment => ({
  ...defaultExperiment(),
  target: { kind: 'blr', data },
  run: { ...defaultExperiment().run, n: 100, spread: 0.1 },
  panels: [{ sampler: 'mala', params: { h: 0.005 } }, { sampler: 'svgd', params: {} }],
});

describe('logistic regression in the link', () => {
  it('writes t=blr&data=<set> and reads every vendored set back exactly, without notices', () => {
    expect(encodeExperiment(blr('sonar'))).toBe('v=1&t=blr&data=sonar&n=100&seed=1&spread=0.1&p=mala,svgd&p1.h=0.005');
    for (const name of BLR_DATA_SET_NAMES) expect(decodeExperiment(encodeExperiment(blr(name)))).toEqual({ experiment: blr(name), notices: [] });
  });

  it("holds a user's CSV by name only, and opening it says the data are not in the link", () => {
    const e = blr(userCsvKey('my data.csv'));
    const q = encodeExperiment(e);
    expect(q).toBe('v=1&t=blr&data=csv%3Amy%20data.csv&n=100&seed=1&spread=0.1&p=mala,svgd&p1.h=0.005');
    const { experiment, notices } = decodeExperiment(q);
    expect(experiment.target).toEqual({ kind: 'blr', data: 'csv:my data.csv' });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^this link was made with a CSV file, 'my data\.csv', whose data are not in the link .*choose that file/);
  });

  it('repairs bad BLR links with one notice each and opens a working experiment', () => {
    const fallback = defaultExperiment().target;
    const cases: [string, RegExp][] = [
      ['v=1&t=blr&p=mala', /^t=blr needs data \(breast-cancer, sonar, ionosphere or csv:<file name>\): default target used$/],
      ['v=1&t=blr&data=iris&p=mala', /^unknown data set 'iris' for t=blr/],
      ['v=1&t=blr&data=csv:&p=mala', /^unknown data set 'csv:' for t=blr/],
    ];
    for (const [q, notice] of cases) {
      const d = decodeExperiment(q);
      expect(d.experiment.target, q).toEqual(fallback);
      expect(d.notices, q).toHaveLength(1);
      expect(d.notices[0], q).toMatch(notice);
    }
    expect(decodeExperiment('v=1&t=blr&data=sonar&dim=5&p=mala').notices).toEqual(["dim ignored (the dimension of blr is its data set's number of features)"]);
    expect(decodeExperiment('v=1&t=u3&data=sonar&p=mala').notices).toEqual(['data ignored (only with t=blr)']);
    expect(decodeExperiment(`v=1&t=blr&data=csv:${'x'.repeat(500)}&p=mala`).experiment.target).toEqual({ kind: 'blr', data: `csv:${'x'.repeat(80)}` });
  });

  it("has the authors' BLR configurations as presets that decode without notices", () => {
    for (const id of ['authors-blr-ionosphere', 'authors-blr-sonar', 'authors-blr-sonar-mutation', 'authors-blr-breast-cancer']) {
      const p = PRESETS.find((x) => x.id === id);
      expect(p, id).toBeDefined();
      const d = decodeExperiment(p!.query);
      expect(d.notices, id).toEqual([]);
      expect(d.experiment.target.kind).toBe('blr');
    }
  });
});

describe('logistic regression in the store', () => {
  it('runs a vendored set at once; a CSV key runs only once its file is read, the previous target running meanwhile', () => {
    useAppStore.setState({ ...initialTargetState() });
    const start = s().targetSpec;
    s().pickBlr('ionosphere');
    expect(s().targetSpec).toEqual({ kind: 'blr', data: 'ionosphere' });
    expect(encodeExperiment(experimentOf(sharedParts(s())))).toMatch(/^v=1&t=blr&data=ionosphere&/);

    s().pickPreset('u2');
    s().setTargetSpec({ kind: 'blr', data: 'csv:small.csv' }); // a link made from a CSV
    expect(s().targetSource).toBe('blr');
    expect(s().targetSpec).toMatchObject({ kind: 'preset', name: 'u2' });
    expect(s().targetProblem?.message).toMatch(/^The CSV file 'small\.csv' is not loaded: its data are not in the link\./);
    expect(start).toBeDefined();

    const read = checkBlrCsv('small.csv', smallCsv());
    if (!read.ok) throw new Error(read.message);
    s().loadBlrCsv(read.file);
    expect(s().targetSpec).toEqual({ kind: 'blr', data: 'csv:small.csv' });
    expect(s().targetProblem).toBeNull();
    expect(s().blrCsv?.reference).toBeNull();

    // The reference is kept only for the file it was made from.
    const run = new BlrReferenceRun(blrDataFromText('csv:small.csv', { csv: read.file.csv }), { warmup: 20, samples: 40, keep: 40 });
    while (!run.done) run.advance(20);
    const ref = run.result();
    s().setBlrReference('csv:small.csv', 'other text', ref);
    expect(s().blrCsv?.reference).toBeNull();
    s().setBlrReference('csv:small.csv', read.file.csv, ref);
    expect(s().blrCsv?.reference).toBe(ref);
    // A new file under the same name drops the old reference.
    const again = checkBlrCsv('small.csv', smallCsv(70));
    if (!again.ok) throw new Error(again.message);
    s().loadBlrCsv(again.file);
    expect(s().blrCsv?.reference).toBeNull();
    expect(s().blrCsv?.rows).toBe(70);
  });
});

describe("a user's CSV read on the page", () => {
  it('gives the key, size and the notes the picker shows', () => {
    const r = checkBlrCsv('small.csv', smallCsv());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file).toMatchObject({ key: 'csv:small.csv', name: 'small.csv', rows: 60, dim: 3 });
    expect(r.file.notes[0]).toMatch(/^small\.csv: 3 weights, 48 training rows and 12 test rows/);
    expect(r.file.notes.join(' ')).not.toMatch(/reference/); // the page says whether there is one, and that changes
  });

  it('reports every problem as one line naming the file, not its key', () => {
    const cases: [string, RegExp][] = [
      ['a,b,label\n' + Array.from({ length: 12 }, (_, r) => `${r},${r === 4 ? 'abc' : r},${r % 2}`).join('\n'), /^bad\.csv: line 6, column 'b' \(column 2\): 'abc' is not a number$/],
      ['a,b,label\n' + Array.from({ length: 12 }, (_, r) => `${r},${r * r},${r % 3}`).join('\n'), /^bad\.csv: the labels .* must take exactly two values, found 3/],
      ['', /^bad\.csv/],
    ];
    for (const [text, want] of cases) {
      const r = checkBlrCsv('bad.csv', text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(want);
        expect(r.message).not.toContain('\n');
        expect(r.message).not.toContain('csv:bad');
      }
    }
  });

  it('the picker states each vendored set as its file reads', () => {
    for (const name of BLR_DATA_SET_NAMES) {
      const info = BLR_DATA_SETS[name];
      const csv = readFileSync(new URL(`../../data/${info.file}`, import.meta.url), 'utf8');
      const { problem } = blrDataFromText(name, { csv });
      expect(problem.yTrain.length + problem.yTest.length, name).toBe(info.rows);
      expect(problem.dim, name).toBe(info.features);
      expect(info.label).toContain(`d = ${info.features}`);
    }
  });
});

describe('the metric charts of a logistic-regression posterior', () => {
  it('shows the posterior metrics a panel recorded, in order, each labelled with what it measures', () => {
    expect(POSTERIOR_CHART_METRICS).toEqual(['meanErrorSd', 'varRatioMean', 'varRatioMin', 'slicedW2', 'energy', 'testAccuracy', 'testLogPredictive']);
    const column = () => Float32Array.from([1, 2]);
    const frame = (names: string[]) =>
      ({ iteration: 10, metricHistory: { steps: Float32Array.from([0, 10]), values: Object.fromEntries(names.map((m) => [m, column()])) } }) as unknown as PanelFrame;
    const book = new HistoryBook();
    book.update([frame(['testAccuracy', 'testLogPredictive', 'finiteFraction'])]); // a CSV without a reference
    expect(book.metrics('posterior')).toEqual(['testAccuracy', 'testLogPredictive']);
    book.update([frame(['energy', 'slicedW2', 'meanErrorSd', 'meanError', 'varRatioMean', 'varRatioMin', 'varRatioMedian', 'testAccuracy', 'testLogPredictive'])]);
    expect(book.metrics('posterior')).toEqual(POSTERIOR_CHART_METRICS);
    expect(book.metrics('exact')).toEqual(['energy', 'slicedW2', 'varRatioMean']);
    for (const m of POSTERIOR_CHART_METRICS) expect(metricDoc(m, 'posterior').length, m).toBeGreaterThan(40);
    expect(metricDoc('energy', 'posterior')).toMatch(/reference posterior draws/);
    expect(metricDoc('energy', 'exact')).toMatch(/exact reference samples/);
    expect(metricLabel('meanErrorSd', 'posterior')).toBe('Mean error (sd)');
    expect(metricDoc('testLogPredictive', 'posterior')).toMatch(/held-out rows/);
  });
});
