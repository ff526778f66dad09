import { afterEach, describe, expect, it } from 'vitest';
import { PanelPool, type SharedRequest } from '../../src/run/panelPool';
import { fakeWorker } from '../support/fakeWorker';

const shared: SharedRequest = { target: { kind: 'preset', name: 'gmm-ring-8' }, seed: 5, n: 20, metricsEvery: 0, trailLength: 3 };

let active: PanelPool | null = null;
afterEach(() => {
  active?.dispose();
  active = null;
});

describe('PanelPool.stages', () => {
  it("routes the walk to the panel's own worker, and the panel's frame shows the step it took", async () => {
    const pool = new PanelPool(() => fakeWorker(0), { frameOptions: () => ({ trails: false, plan: true, history: false }), onChange: () => undefined });
    active = pool;
    await pool.create(shared, [
      { id: 1, spec: { sampler: 'svgd' } },
      { id: 2, spec: { sampler: 'etd-b', params: { M: 5 } } },
    ]);
    await pool.step(2);
    const r = await pool.stages(1, 3);
    expect([r.iteration, r.particle, r.proposals]).toEqual([3, 3, 100]);
    await pool.idle();
    const frame = pool.frame().panels;
    expect(frame.map((p) => p.iteration)).toEqual([2, 3]);
    expect(Array.from(frame[1].positions)).toEqual(Array.from(r.xAfter));
    expect(frame[1].plan?.iteration).toBe(3);
    await expect(pool.stages(0, 0)).rejects.toThrow(/panel 1: SVGD is not an ETD sampler/);
    await expect(pool.stages(2, 0)).rejects.toThrow(/invalid panel: 2/);
  });
});
