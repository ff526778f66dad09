import { describe, expect, it } from 'vitest';
import { pageCores, panelThreads, shareThreads, usesKernelThreads } from '../../src/run/threadShare';

describe('sharing the cores among panels (kernel threads)', () => {
  it('divides what is left after one core per other panel evenly among the ETD panels, at least 1', () => {
    expect(shareThreads(8, [true])).toEqual([8]);
    expect(shareThreads(8, [true, true])).toEqual([4, 4]);
    expect(shareThreads(8, [true, true, true])).toEqual([2, 2, 2]); // floor(8 / 3)
    expect(shareThreads(8, [true, false, true, false])).toEqual([3, 1, 3, 1]); // (8 - 2) / 2
    expect(shareThreads(2, [true, true, true, true])).toEqual([1, 1, 1, 1]);
    expect(shareThreads(2, [true, false, false])).toEqual([1, 1, 1]);
    expect(shareThreads(4, [false, false])).toEqual([1, 1]);
    expect(shareThreads(1, [true])).toEqual([1]);
    expect(shareThreads(0, [true])).toEqual([1]);
    expect(shareThreads(16, [])).toEqual([]);
    // Never more threads than cores in all (when every panel can have one).
    for (let cores = 1; cores <= 16; cores++)
      for (let etd = 0; etd <= 6; etd++)
        for (let other = 0; etd + other <= 6; other++) {
          const k = shareThreads(cores, [...Array(etd).fill(true), ...Array(other).fill(false)]);
          if (etd + other <= cores && etd + other > 0) expect(k.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(cores);
          expect(k.every((t) => Number.isInteger(t) && t >= 1)).toBe(true);
        }
  });

  it('the ETD family uses kernel threads, baselines and unknown names do not', () => {
    expect(['etd-b', 'etd-ub-sf', 'etd-sr', 'lret-b'].map(usesKernelThreads)).toEqual([true, true, true, true]);
    expect(['svgd', 'sgld', 'mala', 'nonsense', undefined].map(usesKernelThreads)).toEqual([false, false, false, false, false]);
    expect(panelThreads(['etd-b', 'svgd', 'etd-ub-sg', 'sgld'], 8)).toEqual([3, 1, 3, 1]);
  });

  it('the page offers its cores only when cross-origin isolated', () => {
    expect(pageCores({ crossOriginIsolated: true, navigator: { hardwareConcurrency: 12 } })).toBe(12);
    expect(pageCores({ crossOriginIsolated: false, navigator: { hardwareConcurrency: 12 } })).toBe(1);
    expect(pageCores({ navigator: { hardwareConcurrency: 12 } })).toBe(1);
    expect(pageCores({ crossOriginIsolated: true, navigator: {} })).toBe(1);
    expect(pageCores({ crossOriginIsolated: true, navigator: { hardwareConcurrency: NaN } })).toBe(1);
  });
});
