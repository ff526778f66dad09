import { afterEach, describe, expect, it } from 'vitest';
import { PanelPool, mergeBackends, onPanel, Superseded, type SharedRequest } from '../../src/run/panelPool';
import { MAX_PENDING_STEPS } from '../../src/run/panelDriver';
import { fakeWorker, type FakeWorker } from '../support/fakeWorker';

const N = 30;
const shared: SharedRequest = { target: { kind: 'preset', name: 'gmm-grid-4' }, seed: 4, n: N, metricsEvery: 0, trailLength: 3 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pool of fake workers; the k-th worker made gets SGLD steps of stepMsPerWorker[k] ms. */
function poolWith(stepMsPerWorker: number[]) {
  const workers: FakeWorker[] = [];
  let changes = 0;
  const pool = new PanelPool(
    () => {
      const w = fakeWorker(stepMsPerWorker[workers.length] ?? 0);
      workers.push(w);
      return w;
    },
    { frameOptions: () => ({ trails: false, plan: true, history: false }), onChange: () => void changes++ },
  );
  return { pool, workers, changes: () => changes };
}

const its = (pool: PanelPool) => pool.frame().panels.map((p) => p.iteration);

let active: PanelPool | null = null;
afterEach(() => {
  active?.dispose();
  active = null;
});

describe('PanelPool: one worker per panel', () => {
  it('creates every panel from the same cloud, each in its own worker, and steps them all', async () => {
    const { pool, workers } = poolWith([0, 0]);
    active = pool;
    const info = await pool.create(shared, [
      { id: 7, spec: { sampler: 'etd-b', params: { M: 5 } } },
      { id: 9, spec: { sampler: 'svgd' } },
    ]);
    expect(workers).toHaveLength(2);
    expect(info!.panels.map((p) => p.label)).toEqual(['ETD-B', 'SVGD']);
    expect(info!.backend.name).toBe('cpu');
    await pool.idle();
    const frame = pool.frame();
    expect(frame.panels.map((p) => p.iteration)).toEqual([0, 0]);
    expect(frame.panels[0].positions).toEqual(frame.panels[1].positions); // the shared initial cloud
    expect(frame.panels[0].positions).toHaveLength(2 * N);
    await pool.step(3);
    expect(its(pool)).toEqual([3, 3]);
    expect(pool.frame().panels[0].plan?.iteration).toBe(3);
    expect(workers.every((w) => w.host.frame().panel.iteration === 3)).toBe(true); // one sampler per worker
  });

  it('lets each panel run at its own pace; never more than one request in flight per worker', async () => {
    const { pool, workers } = poolWith([40, 0]); // worker 1's SGLD takes 40 ms a step
    active = pool;
    await pool.create(shared, [
      { id: 1, spec: { sampler: 'sgld' } }, // slow in worker 1
      { id: 2, spec: { sampler: 'sgld' } },
    ]);
    pool.run(200);
    const waits: number[] = [];
    for (let t = 0; t < 30; t++) {
      pool.poll(); // as the page does every animation frame
      await sleep(16);
      const flight = pool.states()[0].inFlight;
      if (flight) waits.push(performance.now() - flight.since);
    }
    await pool.pause();
    const [slow, fast] = its(pool);
    expect(slow).toBeGreaterThan(0);
    expect(fast).toBeGreaterThan(3 * slow);
    expect(workers.map((w) => w.maxInFlight)).toEqual([1, 1]);
    expect(pool.states().map((s) => [s.run.running, s.busy])).toEqual([
      [false, false],
      [false, false],
    ]);
    // polls while the slow worker's reply was outstanding were dropped, not queued
    expect(workers[0].calls.filter((c) => c === 'frame').length).toBeLessThan(30);
    await sleep(100);
    expect(its(pool)).toEqual([slow, fast]); // paused means paused
  });

  it('adds a panel without restarting the others, and removes one leaving the rest running', async () => {
    const { pool, workers } = poolWith([0, 0, 0]);
    active = pool;
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    pool.run(100);
    await sleep(150);
    pool.poll();
    await sleep(30);
    const before = its(pool)[0];
    expect(before).toBeGreaterThan(3);
    const info = await pool.add(2, { sampler: 'svgd' });
    expect(info.label).toBe('SVGD');
    expect(workers).toHaveLength(2);
    expect(workers[0].calls).not.toContain('reset');
    expect(workers[0].calls.filter((c) => c === 'createSession')).toHaveLength(1);
    await sleep(150);
    pool.poll();
    await sleep(30);
    let [a, b] = its(pool);
    expect(a).toBeGreaterThan(before); // kept its count and kept going
    expect(b).toBeGreaterThan(0); // the new panel runs too (the pool was playing)
    expect(pool.ids).toEqual([1, 2]);

    await pool.add(3, { sampler: 'ula' }, 0);
    expect(pool.ids).toEqual([3, 1, 2]);
    pool.remove(1);
    expect(pool.ids).toEqual([3, 2]);
    expect(pool.frame().panels).toHaveLength(2);
    [a, b] = its(pool);
    await sleep(150);
    pool.poll();
    await sleep(30);
    const [a2, b2] = its(pool);
    expect(b2).toBeGreaterThan(b);
    expect(a2).toBeGreaterThan(a);
    pool.order([2, 3]);
    expect(pool.frame().panels.map((p) => p.iteration)).toEqual([b2, a2]);
    await pool.pause();
  });

  it('setPanel restarts only that worker; a refusal names the panel by its place on the page', async () => {
    const { pool, workers } = poolWith([0, 0]);
    active = pool;
    await pool.create(shared, [
      { id: 1, spec: { sampler: 'sgld' } },
      { id: 2, spec: { sampler: 'svgd' } },
    ]);
    await pool.step(4);
    const info = await pool.setPanel(2, { sampler: 'ula' });
    expect(info.label).toBe('ULA');
    await pool.idle();
    expect(its(pool)).toEqual([4, 0]);
    await expect(pool.setPanel(2, { sampler: 'svgd', params: { bogus: 1 } })).rejects.toThrow(/^panel 2: unknown parameter 'bogus'/);
    await expect(pool.add(3, { sampler: 'etd-b', params: { eps: -1 } })).rejects.toThrow(/^panel 3: invalid eps: -1/);
    expect(its(pool).slice(0, 2)).toEqual([4, 0]);
    expect(workers[0].calls.filter((c) => c === 'setPanel' || c === 'createSession')).toHaveLength(1);
  });

  it('asks coupling rows of the panel\u2019s own worker (panel 0 there)', async () => {
    const { pool } = poolWith([0, 0]);
    active = pool;
    await pool.create(shared, [
      { id: 1, spec: { sampler: 'svgd' } },
      { id: 2, spec: { sampler: 'etd-b', params: { M: 5 } } },
    ]);
    await pool.step(1);
    const row = await pool.couplingRow(1, 3);
    expect(row.weights).toHaveLength(N * 5);
    expect(row.iteration).toBe(1);
    await expect(pool.couplingRow(0, 3)).rejects.toThrow(/^panel 1: no plan yet \(SVGD is not an ETD sampler\)/);
    await expect(pool.couplingRow(2, 0)).rejects.toThrow(/invalid panel: 2/);
  });

  it('replaces a crashed worker: its panel says so and goes on from its last frame; the others are untouched', async () => {
    const { pool, workers } = poolWith([0, 0]);
    active = pool;
    await pool.create(shared, [
      { id: 1, spec: { sampler: 'sgld' } },
      { id: 2, spec: { sampler: 'ula' } },
    ]);
    pool.run(100);
    await sleep(60);
    pool.poll();
    await sleep(20);
    const last = pool.frame().panels[0];
    expect(last.iteration).toBeGreaterThan(0);
    workers[0].crash('out of memory');
    await sleep(10);
    expect(pool.states()[0].notice).toMatch(/^the sampler worker crashed: out of memory; restarted from step \d+ \(its sampler starts afresh/);
    expect(pool.states()[0].crashed).toBeNull();
    await pool.idle();
    expect(workers).toHaveLength(3); // a new worker for panel 1
    expect(workers[2].calls[0]).toBe('createSession');
    const other = its(pool)[1];
    await sleep(100);
    pool.poll();
    await sleep(30);
    const [a, b] = its(pool);
    expect(a).toBeGreaterThan(last.iteration); // restored and still playing
    expect(b).toBeGreaterThan(other);
    expect(pool.frame().panels[0].status).toBe('ok');
    await pool.reset();
    expect(pool.states()[0].notice).toBeNull(); // a reset forgets it
    expect(pool.frame().panels.map((p) => [p.iteration, p.status])).toEqual([
      [0, 'ok'],
      [0, 'ok'],
    ]);
    await pool.step(2);
    expect(its(pool)).toEqual([2, 2]);
  });

  it('drops replies of a superseded create and of frames from before a reset', async () => {
    const { pool, workers } = poolWith([0]);
    active = pool;
    const first = pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    const second = pool.create({ ...shared, n: 12 }, [{ id: 1, spec: { sampler: 'svgd' } }]);
    await expect(first).resolves.toBeNull();
    const info = await second;
    expect(info!.panels[0].label).toBe('SVGD');
    await pool.idle();
    expect(pool.frame().panels[0].positions).toHaveLength(24);
    await pool.step(5);
    workers[0].delay.frame = 50; // a slow frame reply straddles the reset
    pool.poll();
    await sleep(10);
    const reset = pool.reset();
    await reset;
    expect(its(pool)).toEqual([0]);
  });

  it('shows a panel as waiting while its step runs long', async () => {
    const { pool, workers } = poolWith([0]);
    active = pool;
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    workers[0].delay.step = 300;
    const stepping = pool.step(1);
    await sleep(200);
    const s = pool.states()[0];
    expect(s.busy).toBe(true);
    expect(s.inFlight?.kind).toBe('step');
    expect(performance.now() - s.inFlight!.since).toBeGreaterThan(150);
    await stepping;
    expect(pool.states()[0]).toMatchObject({ busy: false, inFlight: null });
    expect(its(pool)).toEqual([1]);
  });
});

describe('step clicks on a busy panel', () => {
  it('pile up to MAX_PENDING_STEPS while a step is in flight, never more', async () => {
    const { pool, workers } = poolWith([0]);
    active = pool;
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    workers[0].delay.step = 200;
    const clicks = [pool.step(1)];
    await sleep(50); // the first step is in flight
    for (let k = 0; k < 40; k++) clicks.push(pool.step(1));
    await Promise.all(clicks);
    expect(its(pool)).toEqual([1 + MAX_PENDING_STEPS]);
  });
});

describe('panel pool helpers', () => {
  it('onPanel puts the page\u2019s panel number before a worker message; a superseded request stays as it is', () => {
    expect(onPanel(new Error('invalid eps: -5'), 2).message).toBe('panel 3: invalid eps: -5');
    const superseded = new Superseded('a newer session');
    expect(onPanel(superseded, 2)).toBe(superseded);
  });

  it('mergeBackends reports the common backend or the first fallback', () => {
    const gpu = { name: 'webgpu' as const, reason: 'fused' };
    const cpu = { name: 'cpu' as const, reason: 'device lost' };
    expect(mergeBackends([gpu, gpu])).toBe(gpu);
    expect(mergeBackends([gpu, cpu])).toEqual({ name: 'cpu', reason: 'panel 2: device lost' });
    expect(mergeBackends([])).toBeUndefined();
  });
});
