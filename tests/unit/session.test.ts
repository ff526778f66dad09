import { describe, expect, it } from 'vitest';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { SPEC_ERROR, type FrameOptions, type PanelFrame, type PanelSpec, type SessionRequest } from '../../workers/samplerApi';
import { busyStep, withStep } from '../support/fakeWorker';
import { frameBuffers } from '../../workers/session/buffers';
import { SessionHost } from '../../workers/session/host';
import { createPresetTarget } from '../../src/engine/targets/presets/index';
import { MetricRecorder } from '../../workers/session/metricHistory';
import type { SamplerFactory } from '../../workers/session/panel';
import { planImage, topIndices } from '../../workers/session/couplingViews';
import { Session } from '../../workers/session/session';
import { checkSessionRequest } from '../../workers/session/sessionParams';
import { cpuAccelerator, type Accelerator } from '../../workers/session/accelerator';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';

const N = 40;
const SEED = 3;
const request = (over: Partial<SessionRequest> = {}): SessionRequest => ({
  target: { kind: 'preset', name: 'gmm-grid-4' },
  seed: SEED,
  n: N,
  panel: { sampler: 'etd-b' },
  metricsEvery: 5,
  trailLength: 4,
  ...over,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iteration = (host: SessionHost) => host.frame({ trails: false, plan: false, history: false }).panel.iteration;

/** Three workers' hosts on one target, one sampler each, as the page runs its panels. */
class Page {
  readonly hosts: SessionHost[];
  constructor(
    readonly specs: readonly PanelSpec[],
    opts: ConstructorParameters<typeof SessionHost>[0] = {},
  ) {
    this.hosts = specs.map(() => new SessionHost(opts));
  }
  create(over: Partial<SessionRequest> = {}) {
    return Promise.all(this.hosts.map((h, i) => h.createSession(request({ ...over, panel: this.specs[i] }))));
  }
  frames(opts?: FrameOptions): PanelFrame[] {
    return this.hosts.map((h) => h.frame(opts).panel);
  }
  iterations(): number[] {
    return this.hosts.map(iteration);
  }
  async step(k: number): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.step(k)));
  }
}

/** A sampler that behaves like `name` but breaks at a chosen step. */
function breaking(how: 'nan' | 'throw', atStep: number): SamplerFactory {
  return (name, init) => {
    const inner = createSampler(name, init);
    if (name !== 'sgld') return inner;
    return withStep(inner, () => {
      if (how === 'throw' && inner.iteration + 1 === atStep) throw new Error('the test sampler exploded');
      const d = inner.step();
      if (how === 'nan' && inner.iteration === atStep) inner.positions().fill(NaN, 0, 10);
      return d;
    });
  };
}

describe('SessionHost: three panels on gmm-grid-4, one host (worker) each', () => {
  const page = new Page([{ sampler: 'etd-b' }, { sampler: 'svgd' }, { sampler: 'sgld' }]);
  const host = (i: number) => page.hosts[i];

  it('creates every panel from the same initial cloud', async () => {
    const infos = await page.create();
    expect(infos.map((info) => [info.panel.sampler, info.panel.family])).toEqual([
      ['etd-b', 'etd'],
      ['svgd', 'baseline'],
      ['sgld', 'baseline'],
    ]);
    expect(infos[1].panel.label).toBe('SVGD');
    const [info] = infos;
    expect(info.heatmap.values).toHaveLength(info.heatmap.width * info.heatmap.height);
    expect([info.n, info.trailLength, info.metricsEvery]).toEqual([N, 4, 5]);

    const cloud = Float32Array.from(initialCloud(SEED, { n: N, center: [0, 0], spread: 2 }));
    for (const p of page.frames()) {
      expect(p.iteration).toBe(0);
      expect(p.status).toBe('ok');
      expect(p.positions).toEqual(cloud);
      expect([p.trailHead, p.trailCount]).toEqual([0, 1]);
      expect(p.diagnostics).toEqual({});
      expect(p.metricsIteration).toBe(0);
      expect(p.metricHistory?.steps).toEqual(Float32Array.from([0]));
      expect(p.plan).toBeUndefined();
    }
    expect(host(0).frame().run).toMatchObject({ running: false, stepsPerSecond: 0, backend: { name: 'cpu' } });
  });

  it('step(5) moves every panel; frames have the documented shapes', async () => {
    const before = page.frames().map((p) => p.positions);
    await page.step(5);
    const frames = page.frames();
    frames.forEach((p, i) => {
      expect(p.iteration).toBe(5);
      expect(p.positions).toHaveLength(2 * N);
      expect(p.positions.every(Number.isFinite)).toBe(true);
      expect(p.positions).not.toEqual(before[i]);
      expect(p.trails).toHaveLength(4 * N * 2);
      expect([p.trailHead, p.trailCount]).toEqual([5 % 4, 4]);
      // the head slot of the ring is the current positions
      expect(p.trails!.subarray(p.trailHead * 2 * N, (p.trailHead + 1) * 2 * N)).toEqual(p.positions);
      expect(Object.keys(p.diagnostics).length).toBeGreaterThan(0);
    });
    expect(frames[0].diagnostics.sinkhornIterations).toBeGreaterThan(0);
    expect(frames[2].diagnostics.stepSize).toBeGreaterThan(0);
    // every transferred array owns a distinct buffer
    const buffers = frameBuffers(host(0).frame());
    expect(new Set(buffers).size).toBe(buffers.length);
  });

  it('gives ETD panels a plan image of at most 256 x 256 with angular row order', async () => {
    const [etd, svgd] = page.frames();
    const plan = etd.plan!;
    expect(svgd.plan).toBeUndefined();
    expect(plan.height).toBe(N);
    expect(plan.width).toBe(256); // P = 40 * 25 = 1000 proposals binned into 256 columns
    expect(plan.logValues).toHaveLength(plan.width * plan.height);
    expect(plan.iteration).toBe(5);
    expect(plan.nonFinite).toBe(0);
    let max = -Infinity;
    let mass = 0;
    for (const v of plan.logValues) {
      max = Math.max(max, v);
      mass += Math.exp(v);
    }
    expect(Number.isFinite(max)).toBe(true);
    expect(mass).toBeCloseTo(1, 3); // gamma is a joint plan: total mass 1
    expect([...plan.rowOrder].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('couplingRow: weights sum to 1 and topK is sorted by weight', async () => {
    const row = host(0).couplingRow(7);
    const P = N * 25;
    expect(row.proposals).toHaveLength(2 * P);
    expect(row.weights).toHaveLength(P);
    expect(row.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(row.topK).toHaveLength(10);
    const w = [...row.topK].map((j) => row.weights[j]);
    for (let k = 1; k < w.length; k++) expect(w[k]).toBeLessThanOrEqual(w[k - 1]);
    expect(w[0]).toBe(Math.max(...row.weights));
    expect(row.iteration).toBe(5);
    expect(() => host(1).couplingRow(0)).toThrow(/^no plan yet \(SVGD is not an ETD sampler\)/);
    expect(() => host(0).couplingRow(N)).toThrow(/^invalid particle: 40/);
  });

  it('computes metrics every metricsEvery steps and keeps their history', async () => {
    await page.step(3);
    let p = page.frames()[1];
    expect(p.iteration).toBe(8);
    expect(p.metricsIteration).toBe(5);
    await page.step(2);
    p = page.frames()[1];
    expect(p.metricsIteration).toBe(10);
    expect([...p.metricHistory!.steps]).toEqual([0, 5, 10]);
    expect(Object.keys(p.metrics!)).toEqual(expect.arrayContaining(['energy', 'slicedW2', 'ksd', 'modeCoverage']));
    expect(p.metricHistory!.values.energy).toHaveLength(3);
    expect(p.metricHistory!.values.energy[2]).toBeCloseTo(p.metrics!.energy, 5);
  });

  it('setPanel restarts the panel from the initial cloud; a bad spec keeps the old one', async () => {
    const info = host(1).setPanel({ sampler: 'sgld', params: { e0: 0.05 } });
    expect(info).toEqual({ sampler: 'sgld', label: 'SGLD', family: 'baseline' });
    const frames = page.frames();
    expect(frames.map((p) => p.iteration)).toEqual([10, 0, 10]);
    expect(frames[1].positions).toEqual(Float32Array.from(initialCloud(SEED, { n: N, center: [0, 0], spread: 2 })));
    expect(frames[1].metricHistory!.steps).toHaveLength(1);
    await page.step(1);
    expect(page.iterations()).toEqual([11, 1, 11]);

    const refused = (() => {
      try {
        host(1).setPanel({ sampler: 'svgd', params: { bogus: 1 } });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(refused?.message).toMatch(/^unknown parameter 'bogus' \(valid: /);
    expect(refused?.name).toBe(SPEC_ERROR); // the page names the panel
    expect(() => host(0).setPanel({ sampler: 'etd-b', params: { eps: -5 } })).toThrow(/^invalid eps: -5 \(must be >= 0.001/);
    expect(page.iterations()).toEqual([11, 1, 11]);
  });

  it('refuses bad sessions with a precise message and keeps the previous one', async () => {
    const h = host(2);
    await expect(h.createSession(request({ panel: undefined as unknown as PanelSpec }))).rejects.toThrow('invalid panel: must be { sampler: name');
    await expect(h.createSession(request({ panel: { sampler: 'nope' } }))).rejects.toThrow(/^unknown sampler 'nope' \(valid: etd-b, /);
    await expect(h.createSession(request({ panel: { sampler: 'etd-b', params: { eps: -5 } } }))).rejects.toThrow('invalid eps: -5 (must be >= 0.001 and <= 10)');
    await expect(h.createSession(request({ n: 0 }))).rejects.toThrow('invalid n: 0 (must be an integer >= 1');
    await expect(h.createSession(request({ target: { kind: 'preset', name: 'nope' } }))).rejects.toThrow(/unknown preset target 'nope'/);
    await expect(
      h.createSession(request({ target: { kind: 'formula', formula: 'x^2 + (y', box: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 } } })),
    ).rejects.toThrow(/^formula: .*column 9/);
    expect(page.iterations()).toEqual([11, 1, 11]);
    expect(h.frame().panel.status).toBe('ok');
  });

  it('runs with back-pressure at a capped rate, serves calls between chunks, and pauses', async () => {
    const h = host(0);
    h.run({ stepsPerSecond: 50 });
    expect(h.runState().running).toBe(true);
    const start = iteration(h);
    // timers still fire while running (the loop yields between chunks), and steps go on meanwhile
    let mid = start;
    for (let k = 0; k < 200 && mid === start; k++) {
      await sleep(10);
      mid = iteration(h);
    }
    expect(mid).toBeGreaterThan(start);
    await sleep(150);
    h.pause();
    expect(h.runState()).toMatchObject({ running: false, stepsPerSecond: 0 });
    const paused = iteration(h);
    // never ahead of the cap: at most 50 steps/s over the time the loop ran (plus the first step)
    expect(paused - start).toBeGreaterThanOrEqual(1);
    await sleep(200);
    expect(iteration(h)).toBe(paused);
  });

  it('measures its rate and never runs ahead of the cap', async () => {
    const h = host(1);
    const t0 = performance.now();
    const from = iteration(h);
    h.run({ stepsPerSecond: 20 });
    await sleep(600);
    const rate = h.runState().stepsPerSecond;
    h.pause();
    const seconds = (performance.now() - t0) / 1000;
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThan(30);
    expect(iteration(h) - from).toBeLessThanOrEqual(Math.ceil(20 * seconds) + 2); // the token bucket: no more than the cap allows
    expect(() => h.run({ stepsPerSecond: 0 })).toThrow('invalid stepsPerSecond: 0 (must be > 0');
    await expect(h.step(-1)).rejects.toThrow('invalid step count: -1');
  });

  it('reset takes the panel back to step 0; dispose drops the session', async () => {
    for (const h of page.hosts) h.reset();
    const frames = page.frames();
    expect(frames.map((p) => p.iteration)).toEqual([0, 0, 0]);
    expect(frames[0].plan).toBeUndefined();
    expect(frames[0].metricHistory!.steps).toHaveLength(1);
    expect(frames.map((p) => p.positions)).toEqual(frames.map(() => frames[0].positions));
    const h = host(0);
    h.dispose();
    expect(() => h.frame()).toThrow('no session: call createSession first');
    expect(h.runState().running).toBe(false);
  });
});

describe('SessionHost: failing panels', () => {
  it("names the target's cause when particles break where the formula is not finite", async () => {
    // A sampler that walks every particle to x = 6, where log(5 - x) is undefined, then breaks.
    const walker: SamplerFactory = (name, init) => {
      const inner = createSampler(name, init);
      return withStep(inner, () => {
        const d = inner.step();
        const x = inner.positions();
        if (inner.iteration === 2) for (let i = 0; i < x.length; i += 2) [x[i], x[i + 1]] = [6, 0];
        if (inner.iteration === 3) x.fill(NaN);
        return d;
      });
    };
    const host = new SessionHost({ createSampler: walker });
    await host.createSession(request({ target: { kind: 'formula', formula: 'x^2 + y^2 + log(5 - x)' }, panel: { sampler: 'sgld' } }));
    await host.step(3);
    const p = host.frame().panel;
    expect(p.status).toBe('failed');
    expect(p.error).toMatch(/^step 3: 40 of 40 particles became NaN or infinite: .*log pi is not finite at \(x, y\) = \(6, 0\): .*log.*column/);
  });

  it('marks a panel whose particles become NaN as failed: it keeps its last good state, the loop stops, reset clears it', async () => {
    const host = new SessionHost({ createSampler: breaking('nan', 3) });
    await host.createSession(request({ panel: { sampler: 'sgld' }, metricsEvery: 2 }));
    await host.step(6); // stops at the failure
    const failed = host.frame().panel;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^step 3: 5 of 40 particles became NaN or infinite/);
    expect(failed.iteration).toBe(2);
    expect(failed.positions.every(Number.isFinite)).toBe(true);
    expect(failed.trails!.every(Number.isFinite)).toBe(true);
    expect(Object.values(failed.metrics!).every(Number.isFinite)).toBe(true);
    expect([...failed.metricHistory!.steps]).toEqual([0, 2]);
    expect(() => host.run({ stepsPerSecond: 200 })).toThrow(/the panel has failed/);
    host.reset();
    expect(host.frame().panel.status).toBe('ok');
    await host.step(2);
    expect(iteration(host)).toBe(2);
  });

  it('marks a panel whose step throws as failed, and stops the loop', async () => {
    const host = new SessionHost({ createSampler: breaking('throw', 2) });
    await host.createSession(request({ panel: { sampler: 'sgld' } }));
    host.run({ stepsPerSecond: 1000 });
    for (let k = 0; k < 200 && host.runState().running; k++) await sleep(10);
    const frame = host.frame();
    expect(frame.run.running).toBe(false);
    expect(frame.panel.status).toBe('failed');
    expect(frame.panel.error).toBe('step 2: the test sampler exploded');
    expect(frame.panel.iteration).toBe(1);
    expect(() => host.run({ stepsPerSecond: 10 })).toThrow(/the panel has failed/);
  });
});

describe('SessionHost: run loop with slow steps', () => {
  /** sgld whose every step busy-waits ms milliseconds. */
  const slow = (ms: number): SamplerFactory => (name, init) => {
    const inner = createSampler(name, init);
    return withStep(inner, busyStep(inner, ms));
  };

  it('keeps the event loop answering while steps are slow: one step at a time between messages, never a backlog', async () => {
    const host = new SessionHost({ createSampler: slow(25) });
    await host.createSession(request({ panel: { sampler: 'sgld' }, metricsEvery: 0 }));
    host.run({ stepsPerSecond: 1e6 }); // far more than the sampler can do
    // Between two turns of the event loop the loop takes at most one chunk: the count moves by a
    // few steps, never by the backlog a 1e6/s rate would allow.
    let worstJump = 0;
    let last = iteration(host);
    for (let k = 0; k < 8; k++) {
      await sleep(0);
      const now = iteration(host);
      worstJump = Math.max(worstJump, now - last);
      last = now;
    }
    host.pause();
    expect(worstJump).toBeLessThanOrEqual(2); // a chunk ends after ~12 ms: one 25 ms step, or two at most
    const a = iteration(host);
    expect(a).toBeGreaterThan(0);
    await host.step(2);
    expect(iteration(host)).toBe(a + 2);
    expect(host.frame().panel.metrics).toBeUndefined(); // metricsEvery 0: no metrics
  });
});

describe('SessionHost: formula targets', () => {
  it('runs a typed formula (float64 scores, no tfjs)', async () => {
    const page = new Page([{ sampler: 'etd-b' }, { sampler: 'sgld' }]);
    const [info] = await page.create({ target: { kind: 'formula', formula: '0.5*(x^2 + y^2)', box: { xmin: -3, xmax: 3, ymin: -3, ymax: 3 } }, n: 16 });
    expect(info.box).toEqual({ xmin: -3, xmax: 3, ymin: -3, ymax: 3 });
    await page.step(2);
    expect(page.frames().map((p) => [p.iteration, p.status])).toEqual([
      [2, 'ok'],
      [2, 'ok'],
    ]);
  });
});

describe('Session', () => {
  it('stepNext takes one step until the panel fails; step(k) stops at a failure', async () => {
    const cfg = checkSessionRequest(request({ panel: { sampler: 'sgld' }, metricsEvery: 0 }));
    const session = new Session(cfg, createPresetTarget('gmm-grid-4'), breaking('throw', 3), cpuAccelerator()); // sgld throws at its step 3
    const it = () => session.frame({ trails: false }).iteration;
    expect(session.stepNext()).toBe(true);
    expect([it(), session.active]).toEqual([1, true]);
    await session.step(5);
    expect([it(), session.active]).toEqual([2, false]);
    expect(session.stepNext()).toBe(false);
    session.reset();
    expect([it(), session.active]).toEqual([0, true]);
  });
});

describe('session helpers', () => {
  it('MetricRecorder thins to an evenly spaced, bounded history', () => {
    const rec = new MetricRecorder(1, 8);
    for (let s = 0; s <= 100; s++) rec.push(s, { a: s });
    const { steps, values } = rec.snapshot();
    expect(steps.length).toBeLessThanOrEqual(8);
    const gaps = new Set([...steps].slice(1).map((s, i) => s - steps[i]));
    expect(gaps.size).toBe(1);
    expect([...values.a]).toEqual([...steps]);
  });

  it('planImage: exact log gamma without binning, log-sum-exp within bins', () => {
    // 3 particles and 4 proposals at known angles around the origin
    const z = Float64Array.from([0, 1, 1, 0, -1, 0]); // angles pi/2, 0, pi -> ranks: 1, 0, 2
    const y = Float64Array.from([0, -2, 2, 0, 0, 2, -2, 0.1]); // -pi/2, 0, pi/2, ~pi
    const pb = { z, y, kappa: 0.3, logA: new Float64Array(3), logB: new Float64Array(4), eps: 1 };
    const F = Float64Array.from([0.1, -0.2, 0.3]);
    const G = Float64Array.from([-1, 0.5, 0, 0.2]);
    const plan = { F, G, rowLse: new Float64Array(3), rowEss: new Float64Array(3), iterations: 1, converged: true, rowError: 0, colError: 0, residual: 0, omega: 1 };
    const logGamma = (i: number, j: number) => -0.3 * ((y[2 * j] - z[2 * i]) ** 2 + (y[2 * j + 1] - z[2 * i + 1]) ** 2) + F[i] + G[j];
    const full = planImage(pb, plan, [0, 0]);
    expect([full.width, full.height, [...full.rowOrder]]).toEqual([4, 3, [1, 0, 2]]);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(full.logValues[r * 4 + c]).toBeCloseTo(logGamma(full.rowOrder[r], c), 5);
    const binned = planImage(pb, plan, [0, 0], 2);
    // rows: bin 0 = rank 0 (particle 1), bin 1 = ranks 1-2 (particles 0, 2); cols: bin 0 = 0-1, bin 1 = 2-3
    const lse = (v: number[]) => Math.log(v.reduce((a, b) => a + Math.exp(b), 0));
    expect(binned.logValues[0]).toBeCloseTo(lse([logGamma(1, 0), logGamma(1, 1)]), 5);
    expect(binned.logValues[3]).toBeCloseTo(lse([0, 2].flatMap((i) => [logGamma(i, 2), logGamma(i, 3)])), 5);
  });

  it('topIndices lists the largest values first', () => {
    expect([...topIndices(Float64Array.from([0.1, 0.5, 0.2, 0.9, 0.5]), 3)]).toEqual([3, 1, 4]);
    expect([...topIndices(Float64Array.from([0.3]), 10)]).toEqual([0]);
  });
});

describe('where Sinkhorn runs', () => {
  const etdRequest = (): SessionRequest => ({ target: { kind: 'preset', name: 'gmm-grid-4' }, seed: 2, n: 30, panel: { sampler: 'etd-b', params: { M: 5 } }, metricsEvery: 0 });

  /** A stand-in for the fused kernels (the real ones are tested in tests/gpu): the CPU solver behind a promise. */
  function fakeGpu(failAfter = Infinity): GpuSinkhorn {
    let calls = 0;
    return {
      solve: async (pb: Parameters<GpuSinkhorn['solve']>[0], warm: Parameters<GpuSinkhorn['solve']>[1], o: Parameters<GpuSinkhorn['solve']>[2]) => {
        if (++calls > failAfter) throw new Error('device lost in the middle of a solve');
        const r = sinkhornScaling(pb, warm, o, o.lamA, o.lamB);
        return { F: r.F, G: r.G, iterations: r.iterations, converged: r.converged };
      },
      planImage: async () => new Float32Array(0),
      dispose: () => undefined,
    } as unknown as GpuSinkhorn;
  }

  function fakeAccelerator(gpu: GpuSinkhorn): Accelerator {
    const acc: Accelerator = {
      gpu,
      info: { name: 'webgpu', reason: 'test adapter; Sinkhorn on fused WGSL kernels' },
      lose(why) {
        acc.gpu = null;
        acc.info = { name: 'cpu', reason: `${why}: fell back to the CPU typed-array path (session kept)` };
      },
    };
    return acc;
  }

  it('reports the CPU path and the reason when no WebGPU adapter is usable (Node)', async () => {
    const host = new SessionHost();
    const info = await host.createSession(etdRequest());
    expect(info.backend.name).toBe('cpu');
    expect(info.backend.reason).toMatch(/Sinkhorn on the CPU path \(WebAssembly SIMD\)/);
  });

  it('steps ETD panels on the accelerator and reports it in diagnostics', async () => {
    const host = new SessionHost({ startAccelerator: async () => fakeAccelerator(fakeGpu()) });
    const info = await host.createSession(etdRequest());
    expect(info.backend.name).toBe('webgpu');
    await host.step(3);
    const etd = host.frame().panel;
    expect([etd.iteration, etd.status, etd.diagnostics.gpu]).toEqual([3, 'ok', 1]);
  });

  it('falls back to the CPU path when the GPU fails mid-run, keeping the session and the panel', async () => {
    const host = new SessionHost({ startAccelerator: async () => fakeAccelerator(fakeGpu(2)) });
    await host.createSession(etdRequest());
    await host.step(5);
    const frame = host.frame();
    expect([frame.panel.iteration, frame.panel.status]).toEqual([5, 'ok']);
    expect(frame.panel.diagnostics.gpu).toBeUndefined(); // the last steps ran on the CPU
    expect(frame.run.backend?.name).toBe('cpu');
    expect(frame.run.backend?.reason).toMatch(/device lost in the middle of a solve.*fell back to the CPU typed-array path \(session kept\)/);
  });
});
