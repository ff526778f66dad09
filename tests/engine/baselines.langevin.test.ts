import { describe, expect, it } from 'vitest';
import { MalaSampler } from '../../src/engine/baselines/mala';
import { MppiSampler } from '../../src/engine/baselines/mppi';
import { SgldSampler, sgldStepSize } from '../../src/engine/baselines/sgld';
import { UlaSampler } from '../../src/engine/baselines/ula';
import type { SamplerInit } from '../../src/engine/samplers/types';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import type { Sampler } from '../../src/engine/samplers/types';
import { createPresetTarget } from '../../src/engine/targets/presets';
import type { Target } from '../../src/engine/targets/types';
import { meanCov, withoutGradient } from './helpers';

const BOX = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };

/** Standard 2D Gaussian: log pi = -|x|^2 / 2, s = -x. */
const stdGaussian: Target = {
  name: 'std-gaussian',
  box: BOX,
  logDensity(p, out) {
    const r = out ?? new Float64Array(p.length >> 1);
    for (let i = 0; i < r.length; i++) r[i] = -0.5 * (p[2 * i] ** 2 + p[2 * i + 1] ** 2);
    return r;
  },
  score(p, out) {
    const r = out ?? new Float64Array(p.length);
    for (let k = 0; k < p.length; k++) r[k] = -p[k];
    return r;
  },
  logDensityAt: (x, y) => -0.5 * (x * x + y * y),
};

/** The standard Gaussian, broken (NaN density and score) on the half-plane x > 1. */
const brokenGaussian: Target = {
  ...stdGaussian,
  name: 'broken',
  logDensity(p, out) {
    const r = stdGaussian.logDensity(p, out);
    for (let i = 0; i < r.length; i++) if (p[2 * i] > 1) r[i] = NaN;
    return r;
  },
  score(p, out) {
    const r = stdGaussian.score(p, out);
    for (let k = 0; k < p.length; k += 2) if (p[k] > 1) r[k] = r[k + 1] = NaN;
    return r;
  },
};

const SAMPLERS = {
  sgld: (i: SamplerInit) => new SgldSampler(i),
  ula: (i: SamplerInit) => new UlaSampler(i),
  mala: (i: SamplerInit) => new MalaSampler(i),
  mppi: (i: SamplerInit) => new MppiSampler(i),
} as const;
type Name = keyof typeof SAMPLERS;

function run(name: Name, target: Target, opts: { n: number; steps: number; seed?: number; params?: Record<string, unknown> }) {
  const seed = opts.seed ?? 1;
  const s: Sampler = SAMPLERS[name]({ target, seed, initial: initialCloud(seed, { n: opts.n, center: [0, 0], spread: 2 }), params: opts.params });
  let d: Record<string, number> = {};
  for (let k = 0; k < opts.steps; k++) d = s.step();
  return { x: s.positions(), d, s };
}

describe('ULA and MALA sample a standard 2D Gaussian (N = 2000, h = 0.05, 300 steps)', () => {
  const N = 2000, h = 0.05;
  // ULA's chain x' = (1 - h) x + sqrt(2h) xi has stationary variance 1 / (1 - h / 2): an O(h) bias.
  for (const [name, exactVar] of [['mala', 1], ['ula', 1 / (1 - h / 2)]] as const) {
    it(`${name}: mean within 4 standard errors, variance within 10% of ${exactVar.toFixed(4)}`, () => {
      const { x, d } = run(name, stdGaussian, { n: N, steps: 300, params: { h } });
      const m = meanCov(x);
      for (const [mean, v] of [[m.mean[0], m.varX], [m.mean[1], m.varY]]) {
        expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(v / N));
        expect(Math.abs(v / exactVar - 1)).toBeLessThan(0.1);
      }
      expect(Math.abs(m.cov)).toBeLessThan(0.1);
      expect(d.nonFiniteParticles).toBe(0);
    });
  }

  it('ULA carries its O(h) bias: at h = 0.5 the variance is near 1 / (1 - h/2) = 4/3, not 1', () => {
    const { x } = run('ula', stdGaussian, { n: N, steps: 100, params: { h: 0.5 } });
    const m = meanCov(x);
    for (const v of [m.varX, m.varY]) expect(Math.abs(v / (4 / 3) - 1)).toBeLessThan(0.1);
  });
});

describe('MALA acceptance', () => {
  it('is in (0, 1) and falls strictly as h grows over 0.05, 0.5, 2', () => {
    const acc = [0.05, 0.5, 2].map((h) => {
      const { d } = run('mala', stdGaussian, { n: 1000, steps: 50, params: { h } });
      expect(d.acceptance).toBeGreaterThan(0);
      expect(d.acceptance).toBeLessThan(1);
      expect(d.acceptanceMean).toBeGreaterThan(0);
      expect(d.acceptanceMean).toBeLessThan(1);
      return d.acceptanceMean;
    });
    expect(acc[1]).toBeLessThan(acc[0]);
    expect(acc[2]).toBeLessThan(acc[1]);
  });

  it('acceptanceMean is the running mean of the per-step acceptance', () => {
    const s = new MalaSampler({ target: stdGaussian, seed: 3, initial: initialCloud(3, { n: 200, center: [0, 0], spread: 2 }), params: { h: 0.5 } });
    let sum = 0;
    for (let t = 1; t <= 20; t++) {
      const d = s.step();
      sum += d.acceptance;
      expect(d.acceptanceMean).toBeCloseTo(sum / t, 12);
    }
  });
});

describe('SGLD', () => {
  it('step size follows e_t = e0 (b / (b + t))^gamma with t = 0 at the first step', () => {
    const p = { e0: 0.02, b: 100, gamma: 0.55 };
    const s = new SgldSampler({ target: stdGaussian, seed: 1, initial: initialCloud(1, { n: 10, center: [0, 0], spread: 2 }) });
    const seen: number[] = [];
    for (let t = 0; t <= 100; t++) seen.push(s.step().stepSize);
    expect(seen[0]).toBe(0.02);
    expect(seen[1]).toBeCloseTo(0.02 * (100 / 101) ** 0.55, 15);
    expect(seen[100]).toBeCloseTo(0.02 * 0.5 ** 0.55, 15);
    for (const t of [0, 1, 100]) expect(seen[t]).toBe(sgldStepSize(p, t));
  });

  it('gradient noise tau > 0 changes the trajectory for the same seed', () => {
    const a = run('sgld', stdGaussian, { n: 50, steps: 5 }).x;
    const b = run('sgld', stdGaussian, { n: 50, steps: 5, params: { tau: 1 } }).x;
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('with gamma = 0 and e0 = 2h it is exactly ULA (they share the Langevin move)', () => {
    const a = run('sgld', stdGaussian, { n: 50, steps: 10, params: { gamma: 0, e0: 0.1 } }).x;
    const b = run('ula', stdGaussian, { n: 50, steps: 10, params: { h: 0.05 } }).x;
    for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k], 12);
  });
});

describe('MPPI', () => {
  it('never evaluates the gradient', () => {
    const { d } = run('mppi', withoutGradient(createPresetTarget('gaussian')), { n: 100, steps: 5 });
    expect(d.weightEss).toBeGreaterThan(1);
    expect(d.weightEss).toBeLessThanOrEqual(25);
  });

  it("is mode-seeking: on the 'gaussian' preset (unit variances) the particle variance drops below half", () => {
    const { x } = run('mppi', createPresetTarget('gaussian'), { n: 500, steps: 30 });
    const m = meanCov(x);
    expect(m.varX).toBeLessThan(0.5);
    expect(m.varY).toBeLessThan(0.5);
  });
});

describe('every baseline', () => {
  for (const name of Object.keys(SAMPLERS) as Name[]) {
    it(`${name}: same seed gives identical output, another seed does not`, () => {
      const a = run(name, stdGaussian, { n: 100, steps: 10, seed: 7 });
      const b = run(name, stdGaussian, { n: 100, steps: 10, seed: 7 });
      const c = run(name, stdGaussian, { n: 100, steps: 10, seed: 8 });
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(a.d).toEqual(b.d);
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
      expect(a.s.iteration).toBe(10);
    });

    it(`${name}: a target that is NaN on x > 1 leaves particles finite and reports the count`, () => {
      const s = SAMPLERS[name]({ target: brokenGaussian, seed: 2, initial: initialCloud(2, { n: 300, center: [0, 0], spread: 2 }) });
      let reported = 0;
      for (let k = 0; k < 20; k++) {
        const d = s.step();
        reported += (d.nonFiniteDensity ?? 0) + (d.nonFiniteScores ?? 0);
        expect(d.nonFiniteParticles).toBe(0);
      }
      expect(reported).toBeGreaterThan(0);
      expect(s.positions().every(Number.isFinite)).toBe(true);
    });

    it(`${name}: an unknown parameter is rejected with the list of valid ones`, () => {
      expect(() => run(name, stdGaussian, { n: 10, steps: 0, params: { bogus: 1 } })).toThrow(/unknown parameter 'bogus' \(valid: /);
    });
  }
});
