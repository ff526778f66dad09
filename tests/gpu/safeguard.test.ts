// The GPU Sinkhorn's read-back safeguard policy (src/engine/gpu/sinkhornLoop.ts), without a GPU.
import { describe, expect, it } from 'vitest';
import { MAX_PULLBACKS, guard, type Guard } from '../../src/engine/gpu/sinkhornLoop';

describe('GPU over-relaxation safeguard', () => {
  it('a descent pulls omega back to (1 + omega) / 2, an ascent undoes it, up to the estimate', () => {
    let g: Guard = { omega: 1.8, estimate: 1.8, pullBacks: 0 };
    g = guard(g, false);
    expect(g).toEqual({ omega: 1.4, estimate: 1.8, pullBacks: 1 });
    g = guard(g, false);
    expect(g.omega).toBeCloseTo(1.2, 12);
    g = guard(g, true);
    expect(g.omega).toBeCloseTo(1.4, 12);
    g = guard(g, true);
    expect(g.omega).toBeCloseTo(1.8, 12);
    g = guard(g, true);
    expect(g.omega).toBe(1.8); // never above the estimate
    expect(g.pullBacks).toBe(2);
  });

  it(`after ${MAX_PULLBACKS} descents the solve is plain for good`, () => {
    let g: Guard = { omega: 1.8, estimate: 1.8, pullBacks: 0 };
    for (let k = 0; k < MAX_PULLBACKS - 1; k++) g = guard(guard(g, false), true);
    expect(g.omega).toBeCloseTo(1.8, 12);
    g = guard(g, false);
    expect(g).toEqual({ omega: 1, estimate: 1, pullBacks: MAX_PULLBACKS });
    expect(guard(g, true).omega).toBe(1);
  });
});
