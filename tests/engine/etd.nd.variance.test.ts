import { describe, expect, it } from 'vitest';
import { createSampler } from '../../src/engine/samplers/catalog';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';

// Issue 13's claim, with the setting it needs (named in the "Variance collapse in 50 dimensions"
// preset and the README): ETD-B with alpha = 0.5, so the Langevin proposals take a step matched
// to the target's scale (sigma = sqrt(2 alpha) = 1). With the 2D default alpha = 0.05 (sigma 0.316)
// the proposal mixture is a spiky kernel estimate in 10 dimensions, the importance weights
// degenerate (a few proposals carry the mass) and the cloud shrinks. Measured with this engine,
// N = 200 from N(0, 4 I), 300 steps, seeds 1-3: alpha 0.5 -> 0.946 / 0.973 / 1.047 at d = 10 and
// 0.975 / 0.932 / 0.979 at d = 50; { fdr: false, sigma: 1 } (noise matched, drift not) holds at
// d = 10 but swings between 0.03 and 0.97 at d = 50.
const d = 10, n = 200, steps = 300;
const target = ndAsTarget(createNdTarget('iso-gaussian', d));

/** Mean over coordinates of var(X_k) / var_pi(X_k) (= var(X_k) for iso-gaussian). */
function varianceRatio(x: Float64Array): number {
  let r = 0;
  for (let k = 0; k < d; k++) {
    let m = 0, v = 0;
    for (let i = 0; i < n; i++) m += x[i * d + k] / n;
    for (let i = 0; i < n; i++) v += (x[i * d + k] - m) ** 2 / n;
    r += v / d;
  }
  return r;
}

function run(seed: number, params: Record<string, unknown>, k: number): number[] {
  const s = createSampler('etd-b', { target, seed, initial: initialCloud(seed, { n, center: [0, 0], spread: 2, dim: d }), params });
  const ratios: number[] = [];
  for (let t = 1; t <= k; t++) {
    s.step();
    if (t % 100 === 0 || t === k) ratios.push(varianceRatio(s.positions()));
  }
  return ratios;
}

describe('ETD-B keeps the variance of iso-gaussian at d = 10 (N = 200, 300 steps)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: alpha 0.5 keeps the mean variance ratio in [0.7, 1.3] at steps 100, 200 and 300`, () => {
      const ratios = run(seed, { alpha: 0.5 }, steps);
      expect(ratios).toHaveLength(3);
      for (const r of ratios) expect(r).toBeGreaterThan(0.7), expect(r).toBeLessThan(1.3);
    }, 300_000);
  }

  it('the 2D defaults (alpha 0.05) collapse: below 0.7 by step 10, so the check above can fail', () => {
    expect(run(1, {}, 10).at(-1)).toBeLessThan(0.7);
  }, 60_000);
});
