import { describe, expect, it } from 'vitest';
import { RunToStep } from '../../src/run/runToStep';
import { useAppStore } from '../../src/store';

/** A pool of panels that step instantly: iterations, resets and the step sizes asked for. */
function fakePool(start: number[], failAt: number | null = null) {
  const its = [...start];
  const asked: number[][] = start.map(() => []);
  const resets: number[] = [];
  return {
    its,
    asked,
    resets,
    get size() {
      return its.length;
    },
    idle: async () => undefined,
    frame: () => ({ panels: its.map((iteration) => ({ iteration, status: failAt !== null && iteration >= failAt ? 'failed' : 'ok', error: 'broke' })), run: { running: false, stepsPerSecond: 0 } }),
    stepPanel: async (i: number, k: number) => {
      asked[i].push(k);
      its[i] = failAt !== null ? Math.min(its[i] + k, failAt) : its[i] + k;
    },
    resetPanel: async (i: number) => {
      resets.push(i);
      its[i] = 0;
    },
  };
}

describe('run every panel to step K', () => {
  it('steps each panel to exactly K in growing chunks; a panel past K restarts from 0', async () => {
    const pool = fakePool([3, 60, 0]);
    let paused = 0;
    const r = new RunToStep(useAppStore, pool as never, () => void paused++);
    await r.start(40);
    expect(pool.its).toEqual([40, 40, 40]);
    expect(pool.resets).toEqual([1]);
    expect(paused).toBe(1);
    // chunks double while they are quick: 1, 2, 4, ... and the last one stops at K
    expect(pool.asked[2]).toEqual([1, 2, 4, 8, 16, 9]);
    expect(pool.asked[2].reduce((a, b) => a + b, 0)).toBe(40);
    expect(useAppStore.getState().runTo).toEqual({ target: 40, status: 'done', message: null });
  });

  it('says which panel could not get there', async () => {
    const pool = fakePool([0, 0], 12);
    const r = new RunToStep(useAppStore, pool as never, () => undefined);
    await r.start(30);
    const runTo = useAppStore.getState().runTo!;
    expect(runTo.status).toBe('error');
    expect(runTo.message).toMatch(/panel 1 stopped at 12 \(broke\); panel 2 stopped at 12/);
  });

  it('cancel stops between chunks and leaves the panels where they are', async () => {
    const pool = fakePool([0]);
    const r = new RunToStep(useAppStore, pool as never, () => undefined);
    const slow = pool.stepPanel;
    pool.stepPanel = async (i, k) => {
      await slow(i, k);
      if (pool.its[0] >= 3) r.cancel();
    };
    await r.start(100);
    expect(pool.its[0]).toBe(3);
    expect(useAppStore.getState().runTo?.status).toBe('cancelled');
  });
});
