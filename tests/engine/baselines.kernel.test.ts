import { describe, expect, it } from 'vitest';
import { AGF_SVGD_PARAMS, AgfSvgdSampler, annealBeta } from '../../src/engine/baselines/agfSvgd';
import { GfSvgdSampler } from '../../src/engine/baselines/gfSvgd';
import { gfSvgdPhi, gfWorkspace } from '../../src/engine/baselines/kernel/gfPhi';
import { medianBandwidth, medianGram, rbfWorkspace } from '../../src/engine/baselines/kernel/rbf';
import { SvgdSampler, svgdPhi } from '../../src/engine/baselines/svgd';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import type { Sampler } from '../../src/engine/samplers/types';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { meanCov, withoutGradient } from './helpers';

const cloud = (seed: number, n: number) => initialCloud(seed, { n, center: [0, 0], spread: 2 });

/** Median heuristic written the slow obvious way: sort all N^2 squared distances. x: (N, 2). */
function bruteBandwidth(x: Float64Array): number {
  const n = x.length / 2;
  const d: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) d.push((x[2 * i] - x[2 * j]) ** 2 + (x[2 * i + 1] - x[2 * j + 1]) ** 2);
  d.sort((a, b) => a - b);
  const med = d.length % 2 ? d[(d.length - 1) / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
  return Math.max(med / Math.log(n + 1), 1e-8);
}

describe('RBF median bandwidth', () => {
  it('matches the hand-computed value on 3 points', () => {
    // Points a = (0, 0), b = (1, 0), c = (0, 2). Squared distances: |ab|^2 = 1, |ac|^2 = 4,
    // |bc|^2 = 1 + 4 = 5. All N^2 = 9 entries, sorted: 0 0 0 1 1 4 4 5 5; the median
    // (5th) is 1, so h = 1 / log(3 + 1) = 1 / 1.3862943611 = 0.7213475204.
    const x = Float64Array.of(0, 0, 1, 0, 0, 2);
    expect(medianBandwidth(x)).toBeCloseTo(0.7213475204, 9);
  });

  it('averages the two middle values for an even count, and floors a collapsed cloud', () => {
    // (0, 0) and (3, 0): entries 0 0 9 9, median (0 + 9) / 2 = 4.5, h = 4.5 / log 3.
    expect(medianBandwidth(Float64Array.of(0, 0, 3, 0))).toBeCloseTo(4.5 / Math.log(3), 12);
    expect(medianBandwidth(Float64Array.of(1, 1, 1, 1, 1, 1))).toBe(1e-8);
  });

  it('matches sorting on random clouds', () => {
    for (const n of [1, 2, 7, 50]) {
      const x = cloud(n, n);
      expect(medianBandwidth(x)).toBeCloseTo(bruteBandwidth(x), 12);
    }
  });
});

describe('SVGD', () => {
  // Five fixed particles on the correlated gaussian.
  const target = createPresetTarget('gaussian');
  const x5 = Float64Array.of(0.3, -1.2, 1.5, 0.4, -0.7, -0.9, 2.1, 1.8, -1.1, 0.6);

  /** phi(x_i) = (1/N) sum_j [ k(x_j, x_i) s(x_j) + (2/h)(x_i - x_j) k(x_j, x_i) ] as a plain double loop. */
  function brutePhi(x: Float64Array, s: Float64Array): number[] {
    const n = x.length / 2;
    const h = bruteBandwidth(x);
    const phi: number[] = [];
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 2; a++) {
        let sum = 0;
        for (let j = 0; j < n; j++) {
          const k = Math.exp(-((x[2 * j] - x[2 * i]) ** 2 + (x[2 * j + 1] - x[2 * i + 1]) ** 2) / h);
          sum += k * s[2 * j + a] + (2 / h) * (x[2 * i + a] - x[2 * j + a]) * k;
        }
        phi.push(sum / n);
      }
    return phi;
  }

  it('phi matches a brute-force double loop on 5 particles', () => {
    const s = target.score(x5);
    const ws = rbfWorkspace(5);
    const h = medianGram(x5, ws);
    const phi = svgdPhi(x5, s, h, ws, new Float64Array(10));
    const want = brutePhi(x5, s);
    want.forEach((v, t) => expect(phi[t]).toBeCloseTo(v, 12));
  });

  it('one plain step with lr = 1 moves every particle by exactly phi', () => {
    const smp = new SvgdSampler({ target, seed: 0, initial: x5, params: { step: 'plain', lr: 1 } });
    const d = smp.step();
    const want = brutePhi(x5, target.score(x5));
    want.forEach((v, t) => expect(smp.positions()[t] - x5[t]).toBeCloseTo(v, 12));
    expect(d.bandwidth).toBeCloseTo(bruteBandwidth(x5), 12);
  });

  // Default AdaGrad-with-momentum, lr 0.1: the criteria below hold from step <= 58 on for
  // seeds 1..10; 200 steps leaves a wide margin.
  for (const seed of [1, 2, 3]) {
    it(`samples N(0, [[1, .9], [.9, 1]]): seed ${seed}, N = 100, 200 steps`, () => {
      const smp = new SvgdSampler({ target, seed, initial: cloud(seed, 100) });
      for (let k = 0; k < 200; k++) smp.step();
      const m = meanCov(smp.positions());
      expect(Math.hypot(m.mean[0], m.mean[1])).toBeLessThan(0.1);
      for (const v of [m.varX, m.varY]) {
        expect(v).toBeGreaterThan(0.7);
        expect(v).toBeLessThan(1.3);
      }
      expect(m.cov / Math.sqrt(m.varX * m.varY)).toBeGreaterThan(0.8);
    });
  }

  it('with a constant lr the AdaGrad step ends in a 2-cycle: the cloud jumps back and forth by about lr', () => {
    // The running RMS normalisation keeps each move near lr even as phi -> 0, so the mean
    // alternates between about (+0.05, -0.05) and (-0.05, +0.05); their average is on target.
    const smp = new SvgdSampler({ target, seed: 1, initial: cloud(1, 100) });
    for (let k = 0; k < 200; k++) smp.step();
    const a = meanCov(smp.positions()).mean;
    smp.step();
    const b = meanCov(smp.positions()).mean;
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(0.1);
    expect(Math.hypot((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)).toBeLessThan(0.02);
  });

  it('rejects an unknown parameter, listing the valid ones', () => {
    expect(() => new SvgdSampler({ target, seed: 0, initial: x5, params: { lrr: 1 } })).toThrow(/lr, step, clip/);
  });
});

describe('GF-SVGD direction', () => {
  it('matches a brute force with the KDE written out and its gradient by finite differences', () => {
    const target = createPresetTarget('gmm-grid-4');
    const x = Float64Array.of(0.3, -1.2, 1.5, 0.4, -0.7, -0.9, 2.1, 1.8, -1.1, 0.6);
    const n = 5;
    const h = bruteBandwidth(x);
    // rho = (1/N) sum_k N(y; x_k, (h/2) I)
    const s2 = h / 2;
    const logRho = (px: number, py: number) => {
      let r = 0;
      for (let k = 0; k < n; k++) r += Math.exp(-((px - x[2 * k]) ** 2 + (py - x[2 * k + 1]) ** 2) / (2 * s2)) / (2 * Math.PI * s2);
      return Math.log(r / n);
    };
    const logp = target.logDensity(x);
    const lw = Array.from({ length: n }, (_, j) => logRho(x[2 * j], x[2 * j + 1]) - logp[j]);
    const wsum = lw.reduce((a, v) => a + Math.exp(v), 0);
    const w = lw.map((v) => Math.exp(v) / wsum);
    const e = 1e-6;
    const grad = (j: number, a: number) => {
      const p = [x[2 * j], x[2 * j + 1]];
      const q = [...p];
      p[a] += e;
      q[a] -= e;
      return (logRho(p[0], p[1]) - logRho(q[0], q[1])) / (2 * e);
    };
    const out = new Float64Array(2 * n);
    const d = gfSvgdPhi(x, Float64Array.from(logp), gfWorkspace(n), out);
    expect(d.bandwidth).toBeCloseTo(h, 12);
    expect(d.weightEss).toBeCloseTo(1 / w.reduce((a, v) => a + v * v, 0), 9);
    for (let i = 0; i < n; i++)
      for (let a = 0; a < 2; a++) {
        let sum = 0;
        for (let j = 0; j < n; j++) {
          const k = Math.exp(-((x[2 * j] - x[2 * i]) ** 2 + (x[2 * j + 1] - x[2 * i + 1]) ** 2) / h);
          sum += w[j] * (k * grad(j, a) + (2 / h) * (x[2 * i + a] - x[2 * j + a]) * k);
        }
        expect(out[2 * i + a]).toBeCloseTo(sum, 7);
      }
  });
});

describe('score-free SVGD variants on gmm-grid-4', () => {
  const base = createPresetTarget('gmm-grid-4');
  const meanLogp = (x: Float64Array) => base.logDensity(x).reduce((a, v) => a + v, 0) / (x.length / 2);
  const makers: [string, (seed: number) => Sampler][] = [
    ['gf-svgd', (seed) => new GfSvgdSampler({ target: withoutGradient(base), seed, initial: cloud(seed, 100) })],
    ['agf-svgd', (seed) => new AgfSvgdSampler({ target: withoutGradient(base), seed, initial: cloud(seed, 100) })],
  ];
  for (const [name, make] of makers) {
    it(`${name} never evaluates a gradient and raises the mean log density within 50 steps`, () => {
      for (const seed of [1, 2]) {
        const s = make(seed);
        const before = meanLogp(s.positions());
        let d: Record<string, number> = {};
        for (let k = 0; k < 50; k++) d = s.step();
        expect(meanLogp(s.positions())).toBeGreaterThan(before + 0.5);
        expect(d.weightEss).toBeGreaterThanOrEqual(1);
        expect(d.weightEss).toBeLessThanOrEqual(100);
        expect(d.nonFiniteParticles).toBe(0);
      }
    });
  }
});

describe('AGF-SVGD annealing', () => {
  it('beta is 0 at the start, 0.5 at annealSteps / 2 and 1 from annealSteps on', () => {
    const a = AGF_SVGD_PARAMS.annealSteps.default;
    expect(a).toBe(250);
    expect(annealBeta(0, a)).toBe(0);
    expect(annealBeta(a / 2, a)).toBe(0.5);
    expect(annealBeta(a, a)).toBe(1);
    expect(annealBeta(3 * a, a)).toBe(1);
    expect(annealBeta(0, 0)).toBe(1);
  });

  it('the sampler reports the beta of each step', () => {
    const s = new AgfSvgdSampler({ target: createPresetTarget('gmm-grid-4'), seed: 1, initial: cloud(1, 40), params: { annealSteps: 10 } });
    const betas = Array.from({ length: 13 }, () => s.step().beta);
    expect(betas[0]).toBe(0);
    expect(betas[5]).toBe(0.5);
    expect(betas.slice(10)).toEqual([1, 1, 1]);
  });

  it('without annealing it is exactly GF-SVGD (they share one update)', () => {
    const target = createPresetTarget('gmm-grid-4');
    const g = new GfSvgdSampler({ target, seed: 2, initial: cloud(2, 60) });
    const a = new AgfSvgdSampler({ target, seed: 2, initial: cloud(2, 60), params: { annealSteps: 0 } });
    for (let k = 0; k < 20; k++) {
      g.step();
      a.step();
    }
    expect(Array.from(a.positions())).toEqual(Array.from(g.positions()));
  });
});

describe('determinism', () => {
  const target = createPresetTarget('gmm-grid-4');
  const kinds: [string, (seed: number) => Sampler][] = [
    ['svgd', (seed) => new SvgdSampler({ target, seed, initial: cloud(seed, 50) })],
    ['gf-svgd', (seed) => new GfSvgdSampler({ target, seed, initial: cloud(seed, 50) })],
    ['agf-svgd', (seed) => new AgfSvgdSampler({ target, seed, initial: cloud(seed, 50) })],
  ];
  for (const [name, make] of kinds) {
    it(`${name}: the same seed gives identical particles and diagnostics`, () => {
      const run = () => {
        const s = make(7);
        const diags = Array.from({ length: 30 }, () => s.step());
        return { x: Array.from(s.positions()), diags };
      };
      expect(run()).toEqual(run());
    });
  }
});
