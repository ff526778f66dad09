import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunController } from '../../src/run/controller';
import { DEFAULT_TIMING } from '../../src/run/workerWatch';
import { PanelPool } from '../../src/run/panelPool';
import { useAppStore } from '../../src/store';
import { fakeWorker, type FakeWorker } from '../support/fakeWorker';

/**
 * The run driver in Node, against real session hosts behind in-process workers: the store's
 * changes become worker requests (build, play, pause, restart one panel, rebuild on new settings)
 * and the workers' frames come back to the store.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

beforeAll(() => {
  // The driver polls on animation frames; Node has none.
  globalThis.requestAnimationFrame ??= ((cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 16)) as unknown as typeof requestAnimationFrame;
});

function setup(stepMs: number[]) {
  const workers: FakeWorker[] = [];
  const listeners = new Set<() => void>();
  const pool = new PanelPool(
    () => {
      const w = fakeWorker(stepMs[workers.length] ?? 0);
      workers.push(w);
      return w;
    },
    // A create slower than cancelMs on a busy machine would be cancelled and sent again on a fresh
    // worker (the right thing for a stuck worker); here every create must be counted once.
    { frameOptions: () => ({ trails: false, plan: false, history: false }), onChange: () => listeners.forEach((f) => f()), timing: { ...DEFAULT_TIMING, cancelMs: 60_000 } },
  );
  const controller = new RunController(useAppStore, pool, (f) => (listeners.add(f), () => void listeners.delete(f)));
  return { pool, workers, controller };
}

const runs = () => useAppStore.getState().panelRuns;
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('RunController (Node, real session hosts)', () => {
  it('builds every panel, plays each at its own pace, restarts one panel alone, and rebuilds once on new settings without pausing', async () => {
    const store = useAppStore.getState();
    store.setSetting('n', 30);
    store.loadPanels([
      { sampler: 'svgd', params: {} },
      { sampler: 'sgld', params: {} },
    ]);
    const { pool, workers, controller } = setup([0, 0]);
    const stop = controller.start();
    cleanup = () => {
      stop();
      pool.dispose();
    };
    await until(() => useAppStore.getState().status === 'ready' && runs().length === 2);
    expect(workers).toHaveLength(2); // a worker per panel
    controller.play();
    await until(() => runs().every((r) => r.iteration >= 5));
    expect(useAppStore.getState().playing).toBe(true);

    // A parameter of panel 2 restarts only panel 2.
    const before = runs().map((r) => r.iteration);
    useAppStore.getState().setPanelParam(1, 'e0', 0.01);
    await until(() => runs()[1].iteration < before[1]);
    expect(runs()[0].iteration).toBeGreaterThanOrEqual(before[0]);
    expect(workers).toHaveLength(2);

    // New settings rebuild every panel once and the run goes on playing.
    const made = workers.length;
    useAppStore.getState().setSetting('n', 20);
    await until(() => useAppStore.getState().status === 'ready' && runs().every((r) => r.iteration > 0) && useAppStore.getState().playing, 15_000);
    expect(pool.frame().panels.every((p) => p.positions.length === 2 * 20)).toBe(true);
    expect(workers.length - made).toBeLessThanOrEqual(2);
    const creates = workers.reduce((k, w) => k + w.calls.filter((c) => c === 'createSession').length, 0);
    expect(creates).toBe(4); // two at the start, two for the new N

    // Pause stops every panel.
    controller.pause();
    await sleep(200);
    const paused = runs().map((r) => r.iteration);
    await sleep(300);
    controller.observe();
    expect(runs().map((r) => r.iteration)).toEqual(paused);
  }, 60_000);
});
