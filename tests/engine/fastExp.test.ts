import { describe, expect, it } from 'vitest';
import { simd } from '../../src/engine/wasm/simd';

// The vector exp of the float32 kernels (assembly/kernels.ts, exp4): range reduction and a
// degree-5 polynomial, no tables. Its stated bound: relative error < 2.5e-7 against Math.exp on
// [-87, 88], the range every kernel feeds it (kernel build and the log-domain passes: values
// minus their maximum, <= 0; the mixture: below 80 by the caller's check); below -87 at most
// e^-87 absolute; NaN stays NaN.
const BOUND = 2.5e-7;

function expOf(xs: Float32Array): Float32Array {
  const s = simd()!;
  s.arena.reset();
  const n = Math.ceil(xs.length / 4) * 4;
  const x = s.arena.alloc(n), out = s.arena.alloc(n);
  s.arena.f32(x, n).set(xs);
  s.runner.run('expArray', [x, out], n, 1, 4);
  return s.arena.f32(out, n).slice(0, xs.length);
}

describe('the kernels\' vector exp', () => {
  it(`is within ${BOUND} relative of Math.exp on dense grids over [-87, 88], [-1, 1], [-1e-3, 1e-3] and the reduced range`, () => {
    let worst = 0;
    const grid = new Float32Array(1 << 21);
    for (const [lo, hi] of [[-87, 88], [-1, 1], [-1e-3, 1e-3], [-0.36, 0.36]]) {
      for (let k = 0; k < grid.length; k++) grid[k] = lo + ((hi - lo) * k) / (grid.length - 1);
      const e = expOf(grid);
      for (let k = 0; k < grid.length; k++) {
        const ref = Math.exp(grid[k]);
        worst = Math.max(worst, Math.abs(e[k] - ref) / ref);
      }
    }
    expect(worst).toBeLessThan(BOUND);
    expect(worst).toBeGreaterThan(1e-8); // it is an approximation: the check measures something
  });

  it('is exact at 0 to float32 rounding, saturates outside [-87, 88], and keeps NaN', () => {
    const e = expOf(Float32Array.from([0, -87, -100, -1e30, -Infinity, 88, 200, NaN]));
    expect(Math.abs(e[0] - 1)).toBeLessThan(2e-7);
    for (const k of [1, 2, 3, 4]) {
      expect(e[k]).toBeGreaterThan(0);
      expect(e[k]).toBeLessThanOrEqual(Math.exp(-87) * (1 + BOUND));
    }
    expect(Math.abs(e[5] / Math.exp(88) - 1)).toBeLessThan(BOUND);
    expect(e[6]).toBe(e[5]);
    expect(Number.isNaN(e[7])).toBe(true);
  });
});
