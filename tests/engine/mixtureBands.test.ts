import { describe, expect, it } from 'vitest';
import { mixtureLogDensity } from '../../src/engine/etd/weights/mixture';
import { Rng } from '../../src/engine/random/rng';
import { setSimdEnabled, simdAvailable } from '../../src/engine/wasm/simd';

// The SIMD mixture density searches only the means within the cut radius of each proposal, in
// bands of means by y (each sorted by x); against the float64 reference over every mean.

/** Proposals pooled row-major by particle (slot j belongs to mean j / m), sigma around their means. */
function pooled(mu: Float64Array, m: number, sigma: number, rng: Rng): Float64Array {
  const n = mu.length / 2;
  const y = new Float64Array(2 * n * m);
  for (let j = 0; j < n * m; j++) {
    const i = Math.floor(j / m);
    y[2 * j] = mu[2 * i] + sigma * rng.normal();
    y[2 * j + 1] = mu[2 * i + 1] + sigma * rng.normal();
  }
  return y;
}

function worst(mu: Float64Array, y: Float64Array, sigma: number): number {
  const inv2s2 = 1 / (2 * sigma * sigma);
  const n = mu.length / 2, p = y.length / 2;
  const fast = mixtureLogDensity(y, mu, inv2s2, new Float64Array(n));
  const a = Array.from({ length: p }, (_, j) => fast(j));
  setSimdEnabled(false);
  try {
    const ref = mixtureLogDensity(y, mu, inv2s2, new Float64Array(n));
    return Math.max(...a.map((v, j) => Math.abs(v - ref(j))));
  } finally {
    setSimdEnabled(true);
  }
}

describe('the proposal-mixture density in bands (SIMD)', () => {
  // Terms are float32 (coordinates and squared distances): a coordinate x carries ~6e-8 |x| of
  // rounding, which moves a term's exponent by ~3 (6e-8 |x|) / sigma. The bound is 1e-5 plus
  // 4e-7 max|x| / sigma (1e-5 + 1e-5 at ETD's sigma 0.32 on a cloud within 8), the same as
  // with the x-strip the bands replaced.
  it('agrees with the float64 sum over every mean for spread, clustered, tall and one-line clouds', () => {
    expect(simdAvailable()).toBe(true);
    const rng = new Rng(5);
    const cloud = (n: number, sx: number, sy: number) => Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? sy : sx) * rng.normal());
    const cases: [string, Float64Array, number][] = [
      ['typical (N = 200, sigma 0.32)', cloud(200, 2, 2), 0.32],
      ['tiny sigma, many bands', cloud(150, 3, 3), 0.02],
      ['tall: bands capped at 256', cloud(120, 1, 1000), 0.5],
      ['one line in y: one band', Float64Array.from({ length: 160 }, (_, k) => (k % 2 ? 0.5 : 4 * rng.normal())), 0.3],
      ['wide sigma: one proposal meets every band', cloud(90, 1, 1), 3],
    ];
    for (const [name, mu, sigma] of cases) {
      const y = pooled(mu, 7, sigma, rng);
      const scale = Math.max(...Array.from(y, Math.abs));
      expect(worst(mu, y, sigma), name).toBeLessThan(1e-5 + (4e-7 * scale) / sigma);
    }
  });

  it('falls back to the exact sum when a mean is not finite', () => {
    const rng = new Rng(6);
    const mu = Float64Array.from({ length: 40 }, () => rng.normal());
    const y = pooled(mu, 3, 0.4, rng);
    mu[7] = NaN; // a broken particle
    const f = mixtureLogDensity(y, mu, 1 / (2 * 0.16), new Float64Array(20));
    expect(Number.isNaN(f(0))).toBe(true); // the float64 reference: NaN propagates, no garbage
  });
});
