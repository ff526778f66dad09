import { describe, expect, it } from 'vitest';
import { estimateStepMs, largestNWithin, worstStepMs } from '../../src/engine/samplers/costModel';

// The model's constants are checked against measurements by `npm run bench` (stage table), not
// by a timed test.
describe('step cost model', () => {
  it('grows with N and M, and says N = 5000 ETD takes seconds per step', () => {
    expect(estimateStepMs('etd-b', 500)).toBeGreaterThan(estimateStepMs('etd-b', 250));
    expect(estimateStepMs('etd-b', 250, { M: 50 })).toBeGreaterThan(estimateStepMs('etd-b', 250));
    expect(estimateStepMs('etd-b', 5000)).toBeGreaterThan(5000);
    expect(estimateStepMs('etd-sr', 250)).toBeLessThan(estimateStepMs('etd-b', 250));
    expect(estimateStepMs('sgld', 5000)).toBeLessThan(5);
    expect(largestNWithin('etd-b', 2000)).toBeGreaterThanOrEqual(1000);
    expect(largestNWithin('etd-b', 2000)).toBeLessThan(5000);
  });

  it('bounds a step by every Sinkhorn iteration running (worstStepMs)', () => {
    expect(worstStepMs('etd-b', 1000)).toBeGreaterThan(3 * estimateStepMs('etd-b', 1000)); // maxIter 100 vs ~8 typical
    expect(worstStepMs('etd-b', 1000, { maxIter: 8 })).toBeCloseTo(estimateStepMs('etd-b', 1000, { maxIter: 8 }));
    expect(worstStepMs('etd-sr', 1000)).toBe(estimateStepMs('etd-sr', 1000));
    expect(worstStepMs('svgd', 1000)).toBe(estimateStepMs('svgd', 1000));
  });

  it('charges ETD in d > 2 for the d coordinates of every pair (typed arrays, no SIMD kernel)', () => {
    expect(estimateStepMs('etd-b', 200, {}, 2)).toBe(estimateStepMs('etd-b', 200));
    // Measured at N = 200, M = 25: ~0.06-0.15 s per step at d = 10, ~0.2-0.3 s at d = 50.
    expect(estimateStepMs('etd-b', 200, {}, 10)).toBeGreaterThan(40);
    expect(estimateStepMs('etd-b', 200, {}, 50)).toBeGreaterThan(130);
    expect(estimateStepMs('etd-b', 200, {}, 50)).toBeGreaterThan(estimateStepMs('etd-b', 200, {}, 10));
    expect(worstStepMs('etd-b', 200, {}, 50)).toBeGreaterThan(estimateStepMs('etd-b', 200, {}, 50));
    expect(largestNWithin('etd-b', 2000, {}, 50)!).toBeLessThan(largestNWithin('etd-b', 2000)!);
  });

  it('charges Gaussian VI for K samples against C components in d dimensions', () => {
    // Measured: d = 50, N = 200: ~12 ms a step with C = 4, K = 64; ~9 ms with one Gaussian and K = 256.
    expect(estimateStepMs('gvi-mixture', 200, { C: 4, K: 64 }, 50)).toBeGreaterThan(6);
    expect(estimateStepMs('gvi-mixture', 200, { C: 4, K: 64 }, 50)).toBeLessThan(30);
    expect(estimateStepMs('gvi', 200, { K: 256 }, 50)).toBeGreaterThan(4);
    expect(estimateStepMs('gvi', 200, {}, 2)).toBeLessThan(0.1);
    // The largest settings take seconds: the page warns, and its hang watch waits long enough.
    expect(worstStepMs('gvi-mixture', 5000, { C: 16, K: 4096 }, 100)).toBeGreaterThan(1000);
  });
});
