import { describe, expect, it } from 'vitest';
import { dimensionSweep, sweepProblem, type SweepEvent, type SweepRequest } from '../../src/engine/experiment/dimensionSweep';
import { singleRun } from '../../src/engine/experiment/singleRun';
import { SweepController, type SweepWorker } from '../../src/run/sweep';
import { useAppStore } from '../../src/store';
import type { SweepMessage } from '../../workers/sweepProtocol';

const req: SweepRequest = {
  target: 'iso-gaussian',
  dims: [2, 8],
  samplers: [{ sampler: 'svgd', params: {} }, { sampler: 'ula', params: { h: 0.05 } }],
  n: 12,
  steps: 4,
  seed: 2,
  center: [1, -1],
  spread: 1.5,
};

describe('dimensionSweep', () => {
  it('runs every sampler at every dimension and measures it as the runner would', () => {
    const events = [...dimensionSweep(req)];
    const progress = events.filter((e): e is Extract<SweepEvent, { kind: 'progress' }> => e.kind === 'progress');
    expect(progress.map((e) => e.done)).toEqual(Array.from({ length: 16 }, (_, k) => k + 1));
    expect(progress.every((e) => e.total === 16)).toBe(true);
    const points = events.flatMap((e) => (e.kind === 'point' ? [e.point] : []));
    expect(points.map((p) => [p.dim, p.sampler, p.error])).toEqual([[2, 0, null], [2, 1, null], [8, 0, null], [8, 1, null]]);
    for (const p of points) {
      const { sampler, params } = req.samplers[p.sampler];
      const alone = singleRun({ target: { kind: 'nd', name: 'iso-gaussian', dim: p.dim }, sampler, params, seed: 2, n: 12, steps: 4, center: [1, -1], spread: 1.5 });
      expect(p.metrics).toEqual(alone.metrics);
    }
  });

  it('reports a failing run as a point with its reason and goes on', () => {
    const bad: SweepRequest = { ...req, dims: [3], samplers: [{ sampler: 'ula', params: { h: 1e6 } }, { sampler: 'svgd', params: {} }] };
    const points = [...dimensionSweep(bad)].flatMap((e) => (e.kind === 'point' ? [e.point] : []));
    expect(points).toHaveLength(2);
    expect(points[0].error).toMatch(/NaN or infinite|invalid h/);
    expect(points[1].error).toBeNull();
  });

  it('refuses a bad request up front', () => {
    expect(sweepProblem({ ...req, dims: [] })).toBe('choose at least one dimension');
    expect(sweepProblem({ ...req, dims: [2, 101] })).toBe('invalid dimension: 101 (must be an integer in [2, 100])');
    expect(sweepProblem({ ...req, samplers: [] })).toBe('choose at least one sampler');
    expect(() => [...dimensionSweep({ ...req, steps: 0 })]).toThrow('dimension sweep: invalid K: 0');
  });
});

/** The sweep worker in-process: runs the generator on start, unless held. */
function fakeWorker(log: string[], hold = false): () => SweepWorker {
  return () => {
    let send: (m: SweepMessage) => void = () => undefined;
    return {
      start: (r) => {
        log.push('start');
        if (hold) return;
        for (const e of dimensionSweep(r)) send(e);
        send({ kind: 'done' });
      },
      listen: (onMessage) => void (send = onMessage),
      terminate: () => log.push('terminate'),
    };
  };
}

describe('SweepController', () => {
  it('sweeps the target and panels of the store, writing progress and points', () => {
    const log: string[] = [];
    const st = useAppStore.getState();
    st.setTargetSpec({ kind: 'nd', name: 'gmm-d', dim: 4 });
    st.loadPanels([{ sampler: 'svgd', params: {} }, { sampler: 'ula', params: {} }]);
    st.setSweepSettings({ n: 10, steps: 3, dims: [5, 2] });
    const c = new SweepController(useAppStore, fakeWorker(log));
    c.start();
    const { sweep } = useAppStore.getState();
    expect(sweep.status).toBe('done');
    expect([sweep.done, sweep.total, sweep.target]).toEqual([12, 12, 'gmm-d']);
    expect(sweep.points.map((p) => [p.dim, p.sampler])).toEqual([[2, 0], [2, 1], [5, 0], [5, 1]]);
    expect(sweep.points[3].metrics?.modeCoverage).toBeGreaterThanOrEqual(0);
    expect(log).toEqual(['start', 'terminate']);
  });

  it('cancel terminates the worker and keeps what it had; a 2D target is refused with a message', () => {
    const log: string[] = [];
    const c = new SweepController(useAppStore, fakeWorker(log, true));
    c.start();
    expect(useAppStore.getState().sweep.status).toBe('running');
    c.cancel();
    expect(log).toEqual(['start', 'terminate']);
    expect(useAppStore.getState().sweep.status).toBe('cancelled');
    useAppStore.getState().setTargetSpec({ kind: 'preset', name: 'u1' });
    c.start();
    expect(useAppStore.getState().sweep).toMatchObject({ status: 'error', error: expect.stringMatching(/needs a d-dimensional target/) });
  });
});
