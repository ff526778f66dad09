import { ETD_PARAMS } from '../../src/engine/etd/params';
import { describe, expect, it } from 'vitest';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler, SAMPLER_INFO } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { meanCov, modesCovered, withoutGradient } from './helpers';

const cloud = (seed: number, n: number) => initialCloud(seed, { n, center: [0, 0], spread: 2 });

describe('ETD behaviour', () => {
  it('ETD-B on gmm-ring-8 covers all 8 modes', () => {
    const target = createPresetTarget('gmm-ring-8');
    const s = createSampler('etd-b', { target, seed: 1, initial: cloud(1, 200) });
    for (let k = 0; k < 60; k++) s.step();
    expect(modesCovered(target, s.positions())).toBe(8);
  });

  it('barycentric update collapses each mode where categorical keeps its spread', () => {
    const target = createPresetTarget('gmm-ring-8');
    // Mean squared distance to the nearest mode centre; for the exact target it is 2 * 0.4^2 = 0.32.
    const withinMode = (update: string) => {
      const s = createSampler('etd-b', { target, seed: 4, initial: cloud(4, 100), params: { update } });
      for (let k = 0; k < 30; k++) s.step();
      const x = s.positions();
      let total = 0;
      for (let i = 0; i < x.length; i += 2)
        total += Math.min(...target.modes!.map((m) => (x[i] - m.center[0]) ** 2 + (x[i + 1] - m.center[1]) ** 2));
      return total / (x.length / 2);
    };
    const cat = withinMode('categorical');
    expect(cat).toBeGreaterThan(0.2);
    expect(cat).toBeLessThan(0.45);
    expect(withinMode('barycentric')).toBeLessThan(0.5 * cat);
  });

  for (const label of ['etd-ub-sf', 'etd-b-sf']) {
    it(`${label} never evaluates a gradient, and still moves towards the target`, () => {
      const base = createPresetTarget('gmm-grid-4');
      const target = withoutGradient(base);
      const s = createSampler(label, { target, seed: 3, initial: cloud(3, 100) });
      const meanLogp = () => {
        const lp = base.logDensity(s.positions());
        return lp.reduce((a, b) => a + b, 0) / lp.length;
      };
      const before = meanLogp();
      for (let k = 0; k < 20; k++) s.step();
      expect(meanLogp()).toBeGreaterThan(before);
      expect(modesCovered(base, s.positions())).toBe(4);
    });
  }

  it('score-guided ETD does use the gradient (the wrapper bites)', () => {
    const target = withoutGradient(createPresetTarget('gaussian'));
    const s = createSampler('etd-b', { target, seed: 1, initial: cloud(1, 20) });
    expect(() => s.step()).toThrow(/gradient of gaussian evaluated/);
  });

  it('same seed gives identical output; another seed does not', () => {
    const run = (seed: number) => {
      const target = createPresetTarget('u3');
      const s = createSampler('etd-ub-sg', { target, seed, initial: cloud(seed, 60) });
      for (let k = 0; k < 5; k++) s.step();
      return Array.from(s.positions());
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  for (const label of Object.keys(SAMPLER_INFO).filter((k) => SAMPLER_INFO[k].family === 'etd')) {
    it(`${label} runs on u3 with finite particles and sensible diagnostics`, () => {
      const target = createPresetTarget('u3');
      const s = createSampler(label, { target, seed: 2, initial: cloud(2, 50) });
      let d: Record<string, number> = {};
      for (let k = 0; k < 4; k++) d = s.step();
      expect(s.iteration).toBe(4);
      expect(d.nonFiniteParticles).toBe(0);
      expect(s.positions().every(Number.isFinite)).toBe(true);
      expect(d.ess).toBeGreaterThanOrEqual(1);
      expect(d.costScale).toBeGreaterThan(0);
      // Converged at the default tolerance (3e-2 on the L1 marginal residual, chosen by measurement).
      expect(d.converged).toBe(1);
      expect(d.residual).toBeLessThanOrEqual(ETD_PARAMS.tol.default);
      expect(d.rowError).toBeLessThanOrEqual(ETD_PARAMS.tol.default);
      if (label === 'etd-sr') expect(d.sinkhornIterations).toBe(0);
      else expect(d.sinkhornIterations).toBeGreaterThan(0);
    });
  }

  for (const mutation of ['mala', 'rwm']) {
    it(`ETD + ${mutation} mutation reports an acceptance rate in (0, 1]`, () => {
      const target = createPresetTarget('banana');
      const s = createSampler('etd-b', { target, seed: 5, initial: cloud(5, 40), params: { mutation, mutationSteps: 3, mutationStep: 0.05 } });
      const d = s.step();
      expect(d.acceptance).toBeGreaterThan(0);
      expect(d.acceptance).toBeLessThanOrEqual(1);
    });
  }

  it('a target that returns NaN is reported, not propagated', () => {
    const base = createPresetTarget('gaussian');
    const nanRight = {
      ...withoutGradient(base),
      logDensity: (p: Float64Array, out?: Float64Array) => {
        const r = base.logDensity(p, out);
        for (let i = 0; i < r.length; i++) if (p[2 * i] > 0.5) r[i] = NaN;
        return r;
      },
      score: (p: Float64Array, out?: Float64Array) => base.score(p, out),
    };
    const s = createSampler('etd-b', { target: nanRight, seed: 1, initial: cloud(1, 50) });
    const d = s.step();
    expect(d.nonFiniteDensity).toBeGreaterThan(0);
    expect(d.nonFiniteParticles).toBe(0);
    expect(s.positions().every(Number.isFinite)).toBe(true);
  });
});
