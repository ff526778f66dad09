// Worker health and cancelling, with in-process fake workers: a worker that hangs or is terminated
// never answers again (as a real one), and a "long step" is a reply held back for as long as the
// step would take. The watchdog's floor and the cost model are shortened so the tests take seconds.
import { afterEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '../../src/run/panelDriver';
import { PanelPool, type SharedRequest } from '../../src/run/panelPool';
import { allowanceMs, DEFAULT_TIMING, lossNotice, MAX_RESTARTS, type StepCost, type WatchTiming } from '../../src/run/workerWatch';
import { fakeWorker, type FakeWorker } from '../support/fakeWorker';

const N = 20;
const shared: SharedRequest = { target: { kind: 'preset', name: 'gmm-grid-4' }, seed: 2, n: N, metricsEvery: 0, trailLength: 2 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A one-panel pool of fake workers with the watchdog's floor at `floorMs` and every step predicted at `stepMs`. */
function onePanel(timing: Partial<WatchTiming> & { stepMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  const cost: StepCost = { typical: timing.stepMs ?? 0, worst: timing.stepMs ?? 0 };
  const t: WatchTiming = { ...DEFAULT_TIMING, hungFloorMs: 400, createMs: 2000, marginMs: 50, stepCost: () => cost, ...timing };
  const pool = new PanelPool(
    () => {
      const w = fakeWorker(0);
      workers.push(w);
      return w;
    },
    { frameOptions: () => ({ trails: false, plan: false, history: false }), timing: t },
  );
  active = pool;
  return { pool, workers, timing: t };
}

const it0 = (pool: PanelPool) => pool.frame().panels[0].iteration;
const notice = (pool: PanelPool) => pool.states()[0].notice;

async function waitFor(what: () => boolean, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!what()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(5);
  }
  return performance.now() - t0;
}

/** Poll as the page does while playing, until `until` holds. */
async function playUntil(pool: PanelPool, until: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = performance.now();
  while (!until()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms (iteration ${it0(pool)})`);
    pool.poll();
    await sleep(15);
  }
}

let active: PanelPool | null = null;
afterEach(() => {
  active?.dispose();
  active = null;
});

describe('worker health: a dead or hung worker is noticed and replaced', () => {
  it('detects a hung request after its allowance (not before) and restores the panel at its last iteration on a fresh worker', async () => {
    const { pool, workers, timing } = onePanel({ stepMs: 10 });
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    pool.run(200);
    await playUntil(pool, () => it0(pool) >= 10);
    const allowance = allowanceMs(timing, { typical: 10, worst: 10 }, 1, false, 0);
    expect(allowance).toBe(400); // the floor: 3 x 10 ms + 50 ms is less

    workers[0].hang();
    const hungAt = performance.now();
    let detectedAfter = Infinity;
    while (workers.length === 1 && performance.now() - hungAt < 3000) {
      pool.poll();
      await sleep(5);
    }
    detectedAfter = performance.now() - hungAt;
    const last = pool.frame().panels[0];
    expect(detectedAfter).toBeGreaterThanOrEqual(allowance - 20); // no reply can be expected sooner
    expect(detectedAfter).toBeLessThan(allowance + 100); // one poll (15 ms here, 30 ms on the page) plus the allowance
    expect(workers[0].terminated).toBe(true);
    expect(notice(pool)).toBe(lossNotice({ kind: 'hung', silentMs: allowance }, last.iteration).replace(/for [\d.]+ s/, 'for 0.4 s'));
    await pool.idle();
    const resume = workers[1].requests[0].resume!;
    expect(resume.iteration).toBe(last.iteration);
    expect(Float32Array.from(resume.positions)).toEqual(last.positions);
    await playUntil(pool, () => it0(pool) > last.iteration + 5); // still playing on the new worker
    expect(pool.states()[0]).toMatchObject({ crashed: null, run: { running: true } });
    console.log(`hung worker detected after ${detectedAfter.toFixed(0)} ms (allowance ${allowance} ms)`);
  });

  it('does not call an honest long step hung: the allowance grows with the predicted step', async () => {
    const { pool, workers } = onePanel({ stepMs: 300 }); // per step: max(3 x 300, 2 x 300) + 50 = 950 ms
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    pool.run(100);
    await playUntil(pool, () => it0(pool) >= 3);
    workers[0].delay.frame = 700; // each reply waits for a 700 ms step
    const before = it0(pool);
    await playUntil(pool, () => it0(pool) > before + 2, 5000);
    expect(workers).toHaveLength(1);
    expect(notice(pool)).toBeNull();
  });

  it('replaces a terminated worker within the allowance, then gives up after repeated failures without progress', async () => {
    const { pool, workers } = onePanel({ hungFloorMs: 100, createMs: 100 });
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    await pool.step(4);
    workers[0].terminate(); // from outside: the driver is not told
    const t0 = performance.now();
    await pool.step(1); // the step is never answered
    // Noticed after the 0.1 s allowance, not at the test's timeout; generous for a busy machine.
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(notice(pool)).toMatch(/^the sampler worker stopped answering for \d+\.\d s; restarted from step 4/);
    await pool.idle();
    expect(it0(pool)).toBe(4);
    await pool.step(2);
    expect(it0(pool)).toBe(6); // Step works again

    // Every new worker hangs at once: after MAX_RESTARTS replacements in a row the panel stops, with the reason.
    const hangAll = () => workers.forEach((w) => w.hang());
    const timer = setInterval(hangAll, 1);
    try {
      hangAll();
      pool.run(50);
      await waitFor(() => pool.states()[0].crashed !== null, 10_000);
    } finally {
      clearInterval(timer);
    }
    expect(workers).toHaveLength(1 + 1 + MAX_RESTARTS);
    expect(pool.frame().panels[0]).toMatchObject({ status: 'failed', iteration: 6 });
    expect(pool.states()[0].crashed).toMatch(/stopped answering for [\d.]+ s, 4 times in a row at step 6: stopped \(press Reset/);
    await pool.reset(); // a reset brings it back
    expect(pool.frame().panels[0]).toMatchObject({ status: 'ok', iteration: 0 });
  });

  it('notices a worker that died while its panel was paused (a heartbeat), and keeps the panel paused', async () => {
    const { pool, workers } = onePanel({ hungFloorMs: 300 });
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    await pool.step(5);
    await sleep(HEARTBEAT_MS + 100);
    expect(workers[0].calls).toContain('runState'); // pinged while idle
    workers[0].terminate();
    const t0 = performance.now();
    const noticed = await waitFor(() => notice(pool) !== null, 3000);
    expect(noticed).toBeLessThan(HEARTBEAT_MS + 300 + 100);
    expect(notice(pool)).toMatch(/^the sampler worker stopped answering for 0\.3 s; restarted from step 5/);
    await pool.idle();
    expect(workers).toHaveLength(2);
    expect(pool.states()[0]).toMatchObject({ busy: false, run: { running: false } });
    expect(it0(pool)).toBe(5);
    console.log(`a worker terminated while paused was noticed after ${noticed.toFixed(0)} ms (${(performance.now() - t0).toFixed(0)} ms with the restore)`);
  });
});

describe('cancelling: Pause, Reset and a new spec reach a worker stuck in a long step within 0.5 s', () => {
  /** A panel at step 3 whose next step takes 10 s (its reply is held back), in flight. */
  async function inLongStep(how: 'step' | 'run') {
    const env = onePanel({ stepMs: 10_000 }); // the watchdog would wait 30 s: only cancelling can end it
    const { pool, workers } = env;
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    await pool.step(3);
    if (how === 'step') {
      workers[0].delay.step = 10_000;
      void pool.step(1);
    } else {
      pool.run(30);
      await pool.idle();
      workers[0].delay.frame = 10_000; // the loop is in its step: the next frame waits for it
      pool.poll();
    }
    await sleep(300);
    expect(pool.states()[0].inFlight?.kind).toBe(how === 'step' ? 'step' : 'frame');
    return env;
  }

  it('Pause during a long Step: the worker is terminated and the panel continues from its last frame, paused', async () => {
    const { pool, workers } = await inLongStep('step');
    const t0 = performance.now();
    const paused = pool.pause();
    const cancelAfter = await waitFor(() => workers[0].terminated, 1000);
    await paused;
    const settled = performance.now() - t0;
    expect(cancelAfter).toBeLessThan(3000); // cancelMs is 250; the held step would take 10 s
    expect(workers).toHaveLength(2);
    expect(workers[1].requests[0].resume?.iteration).toBe(3);
    expect(notice(pool)).toMatch(/^step 4 cancelled after \d+\.\d s; continuing from step 3 \(its sampler starts afresh/);
    expect(pool.states()[0]).toMatchObject({ busy: false, run: { running: false } });
    expect(it0(pool)).toBe(3);
    await pool.step(1);
    expect(it0(pool)).toBe(4); // a fresh step works
    console.log(`Pause during a long step: worker terminated after ${cancelAfter.toFixed(0)} ms, panel restored after ${settled.toFixed(0)} ms`);
  });

  it('Pause while the loop is in a long step: the same, and it stays paused', async () => {
    const { pool, workers } = await inLongStep('run');
    const t0 = performance.now();
    await pool.pause();
    expect(performance.now() - t0).toBeLessThan(3000); // not the held step's 10 s
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].calls).not.toContain('run');
    const at = it0(pool);
    await sleep(100);
    expect(it0(pool)).toBe(at);
    expect(pool.states()[0].run.running).toBe(false);
  });

  it('Reset during a long step: a fresh worker at step 0 (exact, so no notice)', async () => {
    const { pool, workers } = await inLongStep('run');
    const t0 = performance.now();
    await pool.reset();
    const took = performance.now() - t0;
    expect(took).toBeLessThan(3000); // not the held step's 10 s
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].requests[0].resume).toBeUndefined();
    expect(it0(pool)).toBe(0);
    expect(notice(pool)).toBeNull();
    console.log(`Reset during a long step: done after ${took.toFixed(0)} ms`);
  });

  it('a new spec during a long step: a fresh worker with that spec; a refused one puts the panel back as it was', async () => {
    const { pool, workers } = await inLongStep('step');
    const t0 = performance.now();
    const info = await pool.setPanel(1, { sampler: 'ula' });
    expect(performance.now() - t0).toBeLessThan(3000); // not the held step's 10 s
    expect(info.label).toBe('ULA');
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].requests[0].panel.sampler).toBe('ula');
    await pool.idle();
    expect(it0(pool)).toBe(0);

    await pool.step(2);
    workers[1].delay.step = 10_000;
    void pool.step(1);
    await sleep(100);
    await expect(pool.setPanel(1, { sampler: 'svgd', params: { bogus: 1 } })).rejects.toThrow(/unknown parameter 'bogus'/);
    await pool.idle();
    expect(workers).toHaveLength(3);
    expect(workers[2].requests.map((r) => r.panel.sampler)).toEqual(['svgd', 'ula']);
    expect(it0(pool)).toBe(2); // back as it was, from its last frame
    expect(pool.states()[0].notice).toMatch(/^step 3 cancelled after [\d.]+ s; continuing from step 2/);
  });

  it('a new session (new N) during a long step replaces the worker at once', async () => {
    const { pool, workers } = await inLongStep('run');
    const t0 = performance.now();
    const info = await pool.create({ ...shared, n: 12 }, [{ id: 1, spec: { sampler: 'sgld' } }]);
    expect(performance.now() - t0).toBeLessThan(3000); // not the held step's 10 s
    expect(info?.n).toBe(12);
    expect(workers[0].terminated).toBe(true);
    await pool.idle();
    expect(pool.frame().panels[0].positions).toHaveLength(24);
  });

  it('a short step is never cancelled: Pause waits for it', async () => {
    const { pool, workers } = onePanel({ stepMs: 10 });
    await pool.create(shared, [{ id: 1, spec: { sampler: 'sgld' } }]);
    workers[0].delay.step = 100;
    void pool.step(1);
    await sleep(20);
    await pool.pause();
    expect(workers).toHaveLength(1);
    expect(it0(pool)).toBe(1);
    expect(notice(pool)).toBeNull();
  });
});
