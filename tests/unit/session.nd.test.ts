import { describe, expect, it } from 'vitest';
import { ND_METRIC_NAMES } from '../../src/engine/metrics/nd';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createAnisoGaussian } from '../../src/engine/targets/nd';
import type { PanelFrame, SessionRequest } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { frameBuffers } from '../../workers/session/buffers';
import { SessionHost } from '../../workers/session/host';

const N = 30;
const D = 6;
const request = (over: Partial<SessionRequest> = {}): SessionRequest => ({
  target: { kind: 'nd', name: 'aniso-gaussian', dim: D },
  seed: 4,
  n: N,
  cloud: { center: [1.5, -1], spread: 0.5 },
  panel: { sampler: 'svgd' },
  metricsEvery: 5,
  trailLength: 5,
  axes: [2, 4],
  ...over,
});
const newHost = () => new SessionHost({ startAccelerator: async () => cpuAccelerator('test') });
/** The samplers the tests run, one host (worker) each as on the page. */
const SPECS = [{ sampler: 'svgd' }, { sampler: 'ula' }, { sampler: 'etd-b', params: { M: 5 } }];

/** Coordinates (i, j) of a frame's (n, d) coordinates. */
function column(p: PanelFrame, k: number): number[] {
  return Array.from({ length: N }, (_, i) => p.coordinates![i * D + k]);
}
const xs = (p: PanelFrame) => Array.from({ length: N }, (_, i) => p.positions[2 * i]);
const ys = (p: PanelFrame) => Array.from({ length: N }, (_, i) => p.positions[2 * i + 1]);

describe('a session on a d-dimensional target', () => {
  it('starts the panel from the d-dimensional cloud and shows the chosen pair over its exact marginal', async () => {
    const host = newHost();
    const info = await host.createSession(request());
    expect(info.dim).toBe(D);
    expect(info.axes).toEqual([2, 4]);
    const marginal = createAnisoGaussian(D).marginal2d(2, 4);
    expect(info.box).toEqual(marginal.box);
    expect(info.heatmap.values).toHaveLength(info.heatmap.width * info.heatmap.height);
    const p = host.frame().panel;
    expect(p.iteration).toBe(0);
    expect(p.axes).toEqual([2, 4]);
    const cloud = initialCloud(4, { n: N, center: [1.5, -1], spread: 0.5, dim: D });
    expect(Array.from(p.coordinates!)).toEqual(Array.from(Float32Array.from(cloud)));
    // Centre (1.5, -1) for the first two coordinates, 0 for the rest.
    const mean = (k: number) => column(p, k).reduce((a, b) => a + b, 0) / N;
    expect(mean(0)).toBeCloseTo(1.5, 0);
    expect(mean(1)).toBeCloseTo(-1, 0);
    expect(Math.abs(mean(3))).toBeLessThan(0.3);
    expect(xs(p)).toEqual(column(p, 2));
    expect(ys(p)).toEqual(column(p, 4));
  });

  it('steps in d dimensions, projects frames and trails on the pair, and measures the d-dimensional metrics', async () => {
    const hosts = SPECS.map(newHost);
    for (const [k, h] of hosts.entries()) {
      await h.createSession(request({ panel: SPECS[k] }));
      await h.step(10);
    }
    for (const h of hosts) {
      const p = h.frame().panel;
      expect(p.status, p.error).toBe('ok');
      expect(p.iteration).toBe(10);
      expect(p.positions).toHaveLength(2 * N);
      expect(p.coordinates).toHaveLength(D * N);
      expect(xs(p)).toEqual(column(p, 2));
      expect(ys(p)).toEqual(column(p, 4));
      // The newest trail slot is the projection too.
      const head = p.trails!.subarray(p.trailHead * 2 * N, (p.trailHead + 1) * 2 * N);
      expect(Array.from(head)).toEqual(Array.from(p.positions));
      expect(Object.keys(p.metrics!).sort()).toEqual(ND_METRIC_NAMES.filter((m) => !m.startsWith('mode')).sort());
      expect(p.metricsIteration).toBe(10);
      expect(Array.from(p.metricHistory!.steps)).toEqual([0, 5, 10]);
      expect(p.metricHistory!.values.varRatioMean).toHaveLength(3);
      expect(p.plan).toBeUndefined(); // plan views draw 2D points only
    }
    // Every buffer of the frame is transferable once, coordinates included.
    const frame = hosts[0].frame();
    expect(frameBuffers(frame)).toContain(frame.panel.coordinates!.buffer);
    const etd = hosts[2];
    expect(() => etd.couplingRow(0)).toThrow('no plan yet (plans are shown for 2D targets only)');
    await expect(etd.stages(0)).rejects.toThrow('stages are shown for 2D targets only (this one has d = 6)');
  });

  it('setAxes changes the drawn pair and the marginal without restarting the samplers', async () => {
    const host = newHost();
    await host.createSession(request({ panel: SPECS[1] }));
    await host.step(7);
    const before = [host.frame().panel];
    const view = host.setAxes(5, 0);
    expect(view.axes).toEqual([5, 0]);
    expect(view.box).toEqual(createAnisoGaussian(D).marginal2d(5, 0).box);
    expect(view.heatmap.values).toHaveLength(view.heatmap.width * view.heatmap.height);
    const after = [host.frame().panel];
    after.forEach((p, k) => {
      expect(p.iteration).toBe(7); // not restarted
      expect(Array.from(p.coordinates!)).toEqual(Array.from(before[k].coordinates!)); // the same particles
      expect(p.axes).toEqual([5, 0]);
      expect(xs(p)).toEqual(column(p, 5));
      expect(ys(p)).toEqual(column(p, 0));
      expect(p.trailCount).toBe(1); // trails start afresh on the new pair
      expect(Array.from(p.metricHistory!.steps)).toEqual(Array.from(before[k].metricHistory!.steps));
    });
    await host.step(2);
    const later = host.frame().panel;
    expect([later.iteration, later.trailCount]).toEqual([9, 3]);
    expect(xs(later)).toEqual(column(later, 5));
  });

  it('refuses a bad pair with a clear message and keeps the old one; 2D sessions have no axes to set', async () => {
    const host = newHost();
    await host.createSession(request());
    expect(() => host.setAxes(1, 1)).toThrow('invalid coordinate pair: (1, 1) (the two coordinates must differ)');
    expect(() => host.setAxes(0, 6)).toThrow('invalid coordinate: 6 (must be an integer in [0, 5])');
    expect(() => host.setAxes(-1, 2)).toThrow('invalid coordinate: -1');
    expect(host.frame().panel.axes).toEqual([2, 4]);
    await expect(host.createSession(request({ axes: [0, 9] }))).rejects.toThrow('invalid coordinate: 9');
    await expect(host.createSession(request({ target: { kind: 'nd', name: 'iso-gaussian', dim: 500 } }))).rejects.toThrow(
      'target: invalid dimension: 500 (must be an integer in [2, 100])',
    );
    await expect(host.createSession(request({ target: { kind: 'nd', name: 'nope', dim: 5 } }))).rejects.toThrow(/target: unknown nd target 'nope'/);
    const flat = newHost();
    const info = await flat.createSession(request({ target: { kind: 'preset', name: 'u1' }, panel: { sampler: 'svgd' } }));
    expect([info.dim, info.axes]).toEqual([2, [0, 1]]);
    expect(flat.frame().panel.coordinates).toBeUndefined();
    expect(() => flat.setAxes(0, 1)).toThrow(/2-dimensional/);
  });

  it('resumes a panel from a frame of all d coordinates', async () => {
    const host = newHost();
    await host.createSession(request({ panel: { sampler: 'ula' } }));
    await host.step(6);
    const p = host.frame().panel;
    const fresh = newHost();
    await fresh.createSession(request({ panel: { sampler: 'ula' }, resume: { positions: p.coordinates!, iteration: p.iteration } }));
    const q = fresh.frame().panel;
    expect(q.iteration).toBe(6);
    expect(Array.from(q.coordinates!)).toEqual(Array.from(p.coordinates!));
    await expect(fresh.createSession(request({ panel: { sampler: 'ula' }, resume: { positions: p.positions, iteration: 6 } }))).rejects.toThrow(
      `invalid resume positions: must be ${D * N} numbers (n = ${N} particles, ${D} coordinates each)`,
    );
  });
});
