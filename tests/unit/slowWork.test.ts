import { describe, expect, it } from 'vitest';
import { estimateStepMs } from '../../src/engine/samplers/costModel';
import { faultsRequested } from '../../src/run/debugHooks';
import { SLOW_STEP_MS, slowWork } from '../../src/ui/SlowWorkNote';

describe('the slow-steps note (cost model)', () => {
  it('names the panels predicted over ~3 s a step and offers the largest N that keeps every panel near 1 s', () => {
    const w = slowWork(5000, [{ sampler: 'etd-b', params: {} }, { sampler: 'svgd', params: {} }]);
    expect(w?.panels).toEqual([{ panel: 1, label: 'ETD-B', ms: estimateStepMs('etd-b', 5000) }]);
    expect(w!.panels[0].ms).toBeGreaterThan(SLOW_STEP_MS);
    expect(w!.offer).toBeGreaterThanOrEqual(500);
    expect(w!.offer).toBeLessThan(5000);
    expect(estimateStepMs('etd-b', w!.offer!)).toBeLessThanOrEqual(1000);
  });

  it('says nothing at small N, and reacts to a panel\u2019s M', () => {
    expect(slowWork(200, [{ sampler: 'etd-b', params: {} }])).toBeNull();
    expect(slowWork(5000, [{ sampler: 'sgld', params: {} }])).toBeNull();
    expect(slowWork(1000, [{ sampler: 'etd-b', params: {} }])).toBeNull();
    expect(slowWork(1000, [{ sampler: 'etd-b', params: { M: 400 } }])?.panels).toHaveLength(1);
    expect(slowWork(Number.NaN, [{ sampler: 'etd-b', params: {} }])).toBeNull();
    expect(slowWork(5000, [{ sampler: 'no-such-sampler', params: {} }])).toBeNull();
  });
});

describe('the fault-injection hook', () => {
  it('is exposed only when the URL hash has debug=faults', () => {
    expect(faultsRequested('#debug=faults')).toBe(true);
    expect(faultsRequested('#x=1&debug=faults')).toBe(true);
    expect(faultsRequested('')).toBe(false);
    expect(faultsRequested('#debug=other')).toBe(false);
  });
});
