import { describe, expect, it } from 'vitest';
import { dimensionSweep, evaluationSteps, sweepProblem, type SweepEvent, type SweepRequest } from '../../src/engine/experiment/dimensionSweep';
import { computeMetricsNd, ndReference } from '../../src/engine/metrics/nd/compute';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd/index';
import { sweepCsv, sweepLines } from '../../src/ui/dimension/sweepSummary';
import { SweepController } from '../../src/run/sweep';
import type { Spawned } from '../../src/run/supervisor';
import type { SweepApi } from '../../workers/sweepProtocol';
import { useAppStore } from '../../src/store';
import type { SweepMessage } from '../../workers/sweepProtocol';

const req: SweepRequest = {
  target: 'iso-gaussian',
  dims: [2, 8],
  samplers: [{ sampler: 'svgd', params: {} }, { sampler: 'ula', params: { h: 0.05 } }],
  n: 12,
  steps: 10,
  seed: 2,
  seeds: 2,
  center: [1, -1],
  spread: 1.5,
};

describe('dimensionSweep', () => {
  it('measures the last fifth of the steps: at most 10 evenly spaced steps in (0.8 K, K]', () => {
    expect(evaluationSteps(200)).toEqual([161, 165, 170, 174, 178, 183, 187, 191, 196, 200]);
    expect(evaluationSteps(10)).toEqual([9, 10]);
    expect(evaluationSteps(1)).toEqual([1]);
    expect(evaluationSteps(20)).toEqual([17, 18, 19, 20]);
  });

  it('runs every sampler at every dimension and seed; a run is its mean over the evaluation steps', () => {
    const events = [...dimensionSweep(req)];
    const progress = events.filter((e): e is Extract<SweepEvent, { kind: 'progress' }> => e.kind === 'progress');
    const total = 2 * 2 * 2 * 10;
    expect(progress.map((e) => e.done)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
    expect(progress.every((e) => e.total === total)).toBe(true);
    const points = events.flatMap((e) => (e.kind === 'point' ? [e.point] : []));
    expect(points.map((p) => [p.dim, p.seed, p.sampler, p.error])).toEqual([
      [2, 2, 0, null], [2, 2, 1, null], [2, 3, 0, null], [2, 3, 1, null],
      [8, 2, 0, null], [8, 2, 1, null], [8, 3, 0, null], [8, 3, 1, null],
    ]);
    for (const p of points) {
      // The same run by hand: its metrics at steps 9 and 10, averaged.
      const { sampler: name, params } = req.samplers[p.sampler];
      const nd = createNdTarget('iso-gaussian', p.dim);
      const sampler = createSampler(name, { target: ndAsTarget(nd), seed: p.seed, initial: initialCloud(p.seed, { n: 12, center: [1, -1], spread: 1.5, dim: p.dim }), params });
      const seen: Record<string, number>[] = [];
      for (let t = 1; t <= 10; t++) {
        sampler.step();
        if (t >= 9) seen.push(computeMetricsNd(nd, sampler.positions(), ndReference(nd)));
      }
      expect(p.metrics!.varRatioMean).toBeCloseTo((seen[0].varRatioMean + seen[1].varRatioMean) / 2, 12);
      expect(p.metrics!.energy).toBeCloseTo((seen[0].energy + seen[1].energy) / 2, 12);
    }
    // Per sampler and d: the mean over the seeds and their range.
    const lines = sweepLines(points, 'varRatioMean', 2);
    const at = (s: number, d: number) => points.filter((p) => p.sampler === s && p.dim === d).map((p) => p.metrics!.varRatioMean);
    const cell = lines[1].cells.find((c) => c.dim === 8)!;
    const v = at(1, 8);
    expect(cell).toEqual({ dim: 8, mean: (v[0] + v[1]) / 2, min: Math.min(...v), max: Math.max(...v), seeds: 2 });
    // The CSV: header first, one row per run.
    const csv = sweepCsv({ target: 'iso-gaussian', n: 12, steps: 10, seeds: [2, 3], dims: [2, 8], samplers: req.samplers, points }).trim().split('\n');
    expect(csv[0]).toMatch(/^target,dim,panel,sampler,params,seed,n,steps,window_from,.*varRatioMean.*,error$/);
    expect(csv).toHaveLength(1 + 8);
    expect(csv[csv.length - 1]).toMatch(/^iso-gaussian,8,2,ula,"\{""h"":0\.05\}",3,12,10,9,/);
  });

  it('reports a failing run as a point with its reason and goes on', () => {
    const bad: SweepRequest = { ...req, dims: [3], seeds: 1, samplers: [{ sampler: 'ula', params: { h: 1e6 } }, { sampler: 'svgd', params: {} }] };
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
    expect(sweepProblem({ ...req, seeds: 0 })).toBe('invalid seeds: 0 (must be an integer in [1, 10])');
  });
});

/** The sweep worker in-process: runs the generator when asked, unless held (then it never answers). */
function fakeWorker(log: string[], hold = false): () => Spawned<SweepApi> {
  return () => ({
    api: {
      run: (r: SweepRequest, onMessage: (m: SweepMessage) => void) => {
        log.push('start');
        if (hold) return new Promise<void>(() => undefined);
        for (const e of dimensionSweep(r)) onMessage(e);
        onMessage({ kind: 'done' });
        return Promise.resolve();
      },
    },
    dead: new Promise<never>(() => undefined),
    terminate: () => log.push('terminate'),
  });
}

describe('SweepController', () => {
  it('sweeps the target and panels of the store, writing progress and points', () => {
    const log: string[] = [];
    const st = useAppStore.getState();
    st.setTargetSpec({ kind: 'nd', name: 'gmm-d', dim: 4 });
    st.loadPanels([{ sampler: 'svgd', params: {} }, { sampler: 'ula', params: {} }]);
    st.setSweepSettings({ n: 10, steps: 3, dims: [5, 2], seeds: 1 });
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
