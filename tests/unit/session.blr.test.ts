// The sampler worker's session on logistic-regression targets: a vendored set loaded from the
// bundle (import.meta.glob ?raw, as the page's workers load it), a user's CSV sent with the
// request, and the reference the page computed for it.
import { describe, expect, it } from 'vitest';
import { blrDataFromText } from '../../src/engine/targets/blr/dataSets';
import { BlrReferenceRun } from '../../src/engine/targets/blr/buildReference';
import type { SessionRequest } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';
import { vendoredBlrText } from '../../workers/session/blrData';
import { blrTarget } from '../../src/engine/targets/blr/target';
import { readFileSync } from 'node:fs';
import { smallCsv } from './blrCsvFixture';

const newHost = () => new SessionHost({ startAccelerator: async () => cpuAccelerator('test') });
const request = (over: Partial<SessionRequest>): SessionRequest => ({
  target: { kind: 'blr', data: 'ionosphere' },
  seed: 1,
  n: 40,
  cloud: { center: [0, 0], spread: 0.1 },
  panel: { sampler: 'mala', params: { h: 0.005 } },
  metricsEvery: 5,
  trailLength: 3,
  ...over,
});

describe('a session on a logistic-regression target', () => {
  it('loads a vendored set from the bundle: the same text as data/, with its reference', async () => {
    const text = await vendoredBlrText('sonar');
    expect(text.csv).toBe(readFileSync(new URL('../../data/sonar.csv', import.meta.url), 'utf8'));
    expect((text.reference as { dim: number }).dim).toBe(60);
  });

  it('runs on a vendored set in d dimensions, draws (w1, w2) and reports finite posterior metrics', { timeout: 60_000 }, async () => {
    const host = newHost();
    const info = await host.createSession(request({}));
    expect(info.dim).toBe(33);
    expect(info.axes).toEqual([0, 1]);
    await host.step(10);
    const frame = host.frame({ history: true });
    for (const p of [frame.panel]) {
      expect(p.iteration).toBe(10);
      expect(p.positions).toHaveLength(2 * 40);
      expect(p.coordinates).toHaveLength(33 * 40);
      for (const k of ['energy', 'slicedW2', 'meanErrorSd', 'varRatioMean', 'varRatioMin', 'testAccuracy', 'testLogPredictive'])
        expect(Number.isFinite(p.metrics![k]), k).toBe(true);
      // A cloud of spread 0.1 around 0 is far from the posterior (mean norm about 11): many sds off.
      expect(p.metrics!.meanErrorSd).toBeGreaterThan(1);
    }
  });

  it('draws another pair of weights on request without restarting the samplers', { timeout: 60_000 }, async () => {
    const host = newHost();
    const info = await host.createSession(request({ axes: [4, 7] }));
    expect(info.axes).toEqual([4, 7]);
    await host.step(3);
    const before = host.frame().panel;
    const view = host.setAxes(2, 30);
    expect(view.axes).toEqual([2, 30]);
    const data = blrDataFromText('ionosphere', await vendoredBlrText('ionosphere'));
    expect(view.box).toEqual(blrTarget(data, 2, 30).box);
    const after = host.frame().panel;
    expect(after.iteration).toBe(before.iteration);
    for (let k = 0; k < 40; k++) {
      expect(after.positions[2 * k]).toBe(after.coordinates![k * 33 + 2]);
      expect(after.positions[2 * k + 1]).toBe(after.coordinates![k * 33 + 30]);
    }
    expect(() => host.setAxes(2, 33)).toThrow(/33/);
  });

  it('runs on a user CSV sent with the request: predictive metrics only, then the reference metrics once a reference is given', { timeout: 60_000 }, async () => {
    const csv = smallCsv();
    const host = newHost();
    const target = { kind: 'blr' as const, data: 'csv:small.csv' };
    const info = await host.createSession(request({ target, blrData: { csv } }));
    expect(info.dim).toBe(3);
    await host.step(5);
    let m = host.frame().panel.metrics!;
    expect(Number.isFinite(m.testAccuracy)).toBe(true);
    expect(Number.isFinite(m.testLogPredictive)).toBe(true);
    expect(m.energy).toBeUndefined();
    expect(m.meanErrorSd).toBeUndefined();

    const run = new BlrReferenceRun(blrDataFromText('csv:small.csv', { csv }), { warmup: 200, samples: 400, keep: 400 });
    while (!run.done) run.advance(100);
    await host.createSession(request({ target, blrData: { csv, reference: run.result() } }));
    await host.step(5);
    m = host.frame().panel.metrics!;
    expect(Number.isFinite(m.energy)).toBe(true);
    expect(Number.isFinite(m.meanErrorSd)).toBe(true);
  });

  it('refuses a user key without its data, and a bad CSV, with one line each and keeps the old session', async () => {
    const host = newHost();
    await host.createSession(request({}));
    await expect(host.createSession(request({ target: { kind: 'blr', data: 'csv:gone.csv' } }))).rejects.toThrow(/^data: the CSV 'gone.csv' was not sent/);
    await expect(host.createSession(request({ target: { kind: 'blr', data: 'csv:bad.csv' }, blrData: { csv: 'a,label\n1,0\n2,x\n' } }))).rejects.toThrow(/^data: /);
    await expect(host.createSession(request({ target: { kind: 'blr', data: 'nope' } }))).rejects.toThrow(/unknown data set 'nope'/);
    await host.step(1);
    expect(host.frame().panel.iteration).toBe(1);
  });
});
