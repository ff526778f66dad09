// The behaviour test on aniso-gaussian at d = 10 (standard deviations 0.1 to 1): with the
// authors' Cholesky preconditioner at alpha 0.5 ETD-B keeps every coordinate's variance within
// [0.75, 1.35] of the exact one; without it the same alpha overshoots the narrow coordinates, and
// even the alpha that suits plain ETD best (0.05, see the sweep in docs/preconditioning.md) leaves
// a lumpier cloud: a larger energy distance and a smaller per-step variance in its worst coordinate.
// Measured (docs/preconditioning.md, 200 steps, seeds 1-5, mean over the last fifth): cholesky
// 0.95-1.08 per coordinate, energy 0.020-0.024; none at 0.5: smallest ratio 0.33-0.51; none at
// 0.05: 0.85-1.05, energy 0.040-0.064.
import { describe, expect, it } from 'vitest';
import { computeMetricsNd, ndReference } from '../../src/engine/metrics/nd/compute';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';

const d = 10, n = 100, steps = 150, last = 30, seed = 1;
const nd = createNdTarget('aniso-gaussian', d);
const target = ndAsTarget(nd);
const ref = ndReference(nd);

/** Time-averaged variance ratio per coordinate, the mean per-step smallest ratio and the mean energy distance over the last steps. */
function run(params: Record<string, unknown>) {
  const s = createSampler('etd-b', { target, seed, initial: initialCloud(seed, { n, center: [0, 0], spread: 2, dim: d }), params });
  const varSum = new Float64Array(d);
  let worst = 0, energy = 0;
  for (let t = 0; t < steps; t++) {
    s.step();
    if (t < steps - last) continue;
    const x = s.positions();
    let lo = Infinity;
    for (let k = 0; k < d; k++) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += x[i * d + k] / n;
      for (let i = 0; i < n; i++) v += (x[i * d + k] - m) ** 2 / (n - 1);
      varSum[k] += v / last;
      lo = Math.min(lo, v / nd.variance[k]);
    }
    worst += lo / last;
    energy += computeMetricsNd(nd, x, ref).energy / last;
  }
  return { ratios: Array.from(varSum, (v, k) => v / nd.variance[k]), worst, energy };
}

describe('preconditioned ETD on aniso-gaussian, d = 10', () => {
  it('cholesky at alpha 0.5 keeps every coordinate within [0.75, 1.35]; none at 0.5 does not, and none at its best alpha is lumpier', { timeout: 120_000 }, () => {
    const chol = run({ precond: 'cholesky', alpha: 0.5 });
    for (const [k, r] of chol.ratios.entries()) {
      expect(r, `cholesky, coordinate ${k}`).toBeGreaterThanOrEqual(0.75);
      expect(r, `cholesky, coordinate ${k}`).toBeLessThanOrEqual(1.35);
    }
    const wide = run({ alpha: 0.5 });
    expect(wide.ratios.some((r) => r < 0.75 || r > 1.35)).toBe(true);
    expect(Math.min(...wide.ratios)).toBeLessThan(0.6);
    const best = run({ alpha: 0.05 });
    expect(best.energy).toBeGreaterThan(1.4 * chol.energy);
    expect(best.worst).toBeLessThan(chol.worst);
  });
});
