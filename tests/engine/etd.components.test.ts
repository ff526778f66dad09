import { describe, expect, it } from 'vitest';
import { meanCostScale, medianCostScale } from '../../src/engine/etd/costs/scale';
import { euclideanCost } from '../../src/engine/etd/costs/euclidean';
import { langevinResidualCost } from '../../src/engine/etd/costs/langevinResidual';
import { type CouplingProblem, type CouplingResult } from '../../src/engine/etd/coupling';
import { getCoupling } from '../support/couplings';
import { barycentricUpdate } from '../../src/engine/etd/update/barycentric';
import { categoricalUpdate } from '../../src/engine/etd/update/categorical';
import { importanceWeights, LOG_WEIGHT_FLOOR } from '../../src/engine/etd/weights/importance';
import { etdParamsFor } from '../../src/engine/samplers/etdSampler';
import { ETD_VARIANTS } from '../../src/engine/etd/variants';
import { Rng } from '../../src/engine/random/rng';
import type { Target } from '../../src/engine/targets/types';
import { setSimdEnabled, simdAvailable } from '../../src/engine/wasm/simd';

const rng = new Rng(11);
const randomPoints = (n: number, s = 1) => Float64Array.from({ length: 2 * n }, () => s * rng.normal());

/** A target equal to the pooled proposal mixture (1/N) sum_i N(mu_i, sigma^2 I). */
function mixtureTarget(mu: Float64Array, sigma: number): Target {
  const n = mu.length / 2;
  const at = (x: number, y: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp(-((x - mu[2 * i]) ** 2 + (y - mu[2 * i + 1]) ** 2) / (2 * sigma * sigma));
    return Math.log(s / (n * 2 * Math.PI * sigma * sigma));
  };
  return {
    name: 'mixture',
    box: { xmin: -4, xmax: 4, ymin: -4, ymax: 4 },
    logDensityAt: at,
    logDensity: (p, out = new Float64Array(p.length / 2)) => {
      for (let k = 0; k < out.length; k++) out[k] = at(p[2 * k], p[2 * k + 1]);
      return out;
    },
    score: () => { throw new Error('unused'); },
  };
}

describe('importance weights', () => {
  it('are uniform when the target is the proposal mixture itself (typed-array reference, float64)', () => {
    const mu = randomPoints(30), y = randomPoints(300, 1.5);
    const logB = new Float64Array(300);
    setSimdEnabled(false);
    try {
      importanceWeights(mixtureTarget(mu, 0.4), y, mu, 0.4, logB, new Float64Array(30));
    } finally {
      setSimdEnabled(true);
    }
    for (const v of logB) expect(v).toBeCloseTo(-Math.log(300), 9);
  });

  it('on the SIMD kernels (float32 terms) agree with the reference to 1e-5', () => {
    expect(simdAvailable()).toBe(true); // Node 20 runs WebAssembly SIMD
    for (const [n, m, sigma] of [[30, 10, 0.4], [97, 25, 0.316], [8, 3, 2]] as const) {
      const mu = randomPoints(n, 2);
      // Pooled row-major by particle, as langevinProposals makes them.
      const y = Float64Array.from({ length: 2 * n * m }, (_, k) => mu[2 * Math.floor(k / (2 * m)) + (k % 2)] + sigma * rng.normal());
      const target = mixtureTarget(randomPoints(5), 1);
      const fast = new Float64Array(n * m), ref = new Float64Array(n * m);
      importanceWeights(target, y, mu, sigma, fast, new Float64Array(n));
      setSimdEnabled(false);
      try {
        importanceWeights(target, y, mu, sigma, ref, new Float64Array(n));
      } finally {
        setSimdEnabled(true);
      }
      for (let j = 0; j < n * m; j++) expect(Math.abs(fast[j] - ref[j])).toBeLessThan(1e-5);
    }
  });

  it('are normalised, floored at max - 30, and floor NaN densities', () => {
    const mu = randomPoints(10), y = randomPoints(200, 3);
    const t = mixtureTarget(mu, 0.3);
    const broken: Target = { ...t, logDensity: (p, out) => { const r = t.logDensity(p, out); r[0] = NaN; return r; } };
    const logB = new Float64Array(200);
    const res = importanceWeights(broken, y, mu, 1, logB, new Float64Array(10));
    expect(res.nonFinite).toBe(1);
    const max = Math.max(...logB), min = Math.min(...logB);
    expect(max - min).toBeLessThanOrEqual(LOG_WEIGHT_FLOOR + 1e-9);
    expect(logB[0]).toBeCloseTo(min, 12);
    const total = logB.reduce((a, v) => a + Math.exp(v), 0);
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('costs', () => {
  const x = randomPoints(40), s = randomPoints(40), y = randomPoints(400, 2);
  const brute = (z: Float64Array, coef: number) => {
    const v: number[] = [];
    for (let i = 0; i < z.length / 2; i++)
      for (let j = 0; j < y.length / 2; j++) v.push(coef * ((z[2 * i] - y[2 * j]) ** 2 + (z[2 * i + 1] - y[2 * j + 1]) ** 2));
    return v.sort((a, b) => a - b);
  };

  it('langevin-residual cost is ||y - x - eps s||^2 / (4 eps)', () => {
    const c = langevinResidualCost({ x, scores: s, eps: 0.2 });
    const i = 3, j = 17;
    const direct = ((y[2 * j] - x[2 * i] - 0.2 * s[2 * i]) ** 2 + (y[2 * j + 1] - x[2 * i + 1] - 0.2 * s[2 * i + 1]) ** 2) / 0.8;
    const viaForm = c.coef * ((y[2 * j] - c.z[2 * i]) ** 2 + (y[2 * j + 1] - c.z[2 * i + 1]) ** 2);
    expect(viaForm).toBeCloseTo(direct, 12);
  });

  it('mean scale is the exact mean over all pairs; median is close to the exact median', () => {
    const c = euclideanCost({ x, scores: s, eps: 0.1 });
    const all = brute(c.z, c.coef);
    expect(meanCostScale(c, y)).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 9);
    const exact = all[all.length >> 1];
    expect(Math.abs(medianCostScale(c, y) - exact) / exact).toBeLessThan(0.08);
  });
});

describe('updates', () => {
  // One particle, three proposals with plan row weights (0.2, 0.5, 0.3).
  const weights = [0.2, 0.5, 0.3];
  const pb: CouplingProblem = {
    z: new Float64Array([0, 0]),
    y: new Float64Array([1, 0, 0, 2, -3, 1]),
    kappa: 0, // log K = 0: the row is exp(G_j) / sum
    logA: new Float64Array([0]),
    logB: new Float64Array(weights.map(Math.log)),
    eps: 1,
  };
  const plan = { G: new Float64Array(weights.map(Math.log)), rowLse: new Float64Array([0]) } as unknown as CouplingResult;

  it('categorical draws follow the plan row', () => {
    const r = new Rng(5);
    const counts = [0, 0, 0];
    const draws = 20000;
    for (let k = 0; k < draws; k++) {
      const x = new Float64Array([0, 0]);
      categoricalUpdate(pb, plan, x, 1, r);
      counts[[1, 0, -3].indexOf(x[0])]++;
    }
    counts.forEach((c, j) => expect(Math.abs(c / draws - weights[j])).toBeLessThan(0.015));
  });

  it('barycentric moves to the damped row average', () => {
    const x = new Float64Array([0, 0]);
    barycentricUpdate(pb, plan, x, 0.5, new Rng(1));
    expect(x[0]).toBeCloseTo(0.5 * (0.2 * 1 + 0.3 * -3), 12);
    expect(x[1]).toBeCloseTo(0.5 * (0.5 * 2 + 0.3 * 1), 12);
  });

  it("from the solver's held float32 rows agree with the exact rows", () => {
    const n = 60, m = 20;
    const z = randomPoints(n, 2), yy = randomPoints(n * m, 2.5);
    const big: CouplingProblem = { z, y: yy, kappa: 0.8, logA: new Float64Array(n).fill(-Math.log(n)), logB: new Float64Array(n * m).fill(-Math.log(n * m)), eps: 0.1 };
    const solved = getCoupling('balanced', { rho: 1 })(big, null, { maxIter: 200, tol: 1e-6 });
    expect(solved.held).toBeTruthy();
    const exact = { ...solved, held: null };
    const xa = Float64Array.from(z), xb = Float64Array.from(z);
    barycentricUpdate(big, solved, xa, 1, new Rng(1));
    barycentricUpdate(big, exact, xb, 1, new Rng(1));
    for (let k = 0; k < 2 * n; k++) expect(Math.abs(xa[k] - xb[k])).toBeLessThan(1e-5);
    const ca = Float64Array.from(z), cb = Float64Array.from(z);
    categoricalUpdate(big, solved, ca, 1, new Rng(3));
    categoricalUpdate(big, exact, cb, 1, new Rng(3));
    // Same uniforms: the same proposal unless u falls within float32 rounding of a CDF step.
    let same = 0;
    for (let i = 0; i < n; i++) if (ca[2 * i] === cb[2 * i] && ca[2 * i + 1] === cb[2 * i + 1]) same++;
    expect(same).toBeGreaterThanOrEqual(n - 1);
  });
});

describe('ETD parameters', () => {
  it('reject unknown names and out-of-range values with a precise message', () => {
    expect(() => etdParamsFor(ETD_VARIANTS['etd-b'], { epsilon: 1 })).toThrow(/unknown parameter 'epsilon' \(valid: guidance, eps,/);
    expect(() => etdParamsFor(ETD_VARIANTS['etd-b'], { eps: -5 })).toThrow('invalid eps: -5 (must be >= 0.001 and <= 10)');
    expect(() => etdParamsFor(ETD_VARIANTS['etd-b'], { M: 2.5 })).toThrow(/invalid M: 2.5 \(must be an integer/);
    expect(() => etdParamsFor(ETD_VARIANTS['etd-b'], { coupling: 'exact' })).toThrow(/must be one of balanced, unbalanced, semi-relaxed/);
    expect(() => etdParamsFor(ETD_VARIANTS['etd-b'], { alpha: 0 })).toThrow(/with fdr on/);
  });

  it('apply variant choices under user overrides; LRET-B ties alpha to eps', () => {
    expect(etdParamsFor(ETD_VARIANTS['etd-ub-sf']).guidance).toBe('score-free');
    expect(etdParamsFor(ETD_VARIANTS['etd-ub-sg'], { coupling: 'balanced' }).coupling).toBe('balanced');
    expect(etdParamsFor(ETD_VARIANTS['lret-b'], { eps: 0.3 }).alpha).toBe(0.3);
    expect(etdParamsFor(ETD_VARIANTS['lret-b'], { eps: 0.3, alpha: 0.01 }).alpha).toBe(0.01);
    expect(etdParamsFor(ETD_VARIANTS['etd-b'], { eps: '0.2' }).eps).toBe(0.2);
  });
});
