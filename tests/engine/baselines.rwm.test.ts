import { describe, expect, it } from 'vitest';
import { createSampler, samplerInfo } from '../../src/engine/samplers/catalog';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { meanCov } from './helpers';

describe('random-walk Metropolis (a baseline added as one module and one catalog line)', () => {
  it('samples the correlation-0.9 Gaussian exactly: mean 0, covariance [[1, 0.9], [0.9, 1]] within Monte Carlo error', () => {
    const target = createPresetTarget('gaussian');
    const n = 2000;
    const s = createSampler('rwm', { target, seed: 3, initial: initialCloud(3, { n, center: [0, 0], spread: 2 }), params: { h: 0.1, moves: 2 } });
    let acceptance = 0;
    for (let t = 0; t < 400; t++) acceptance = s.step().acceptanceMean;
    const { mean, varX, varY, cov } = meanCov(s.positions());
    // 2000 independent chains after 800 moves (mixing time ~100 moves at h = 0.1): standard errors ~0.03.
    expect(Math.abs(mean[0])).toBeLessThan(0.1);
    expect(Math.abs(mean[1])).toBeLessThan(0.1);
    for (const v of [varX, varY]) {
      expect(v).toBeGreaterThan(0.88);
      expect(v).toBeLessThan(1.12);
    }
    expect(Math.abs(cov - 0.9)).toBeLessThan(0.08);
    expect(acceptance).toBeGreaterThan(0.2);
    expect(acceptance).toBeLessThan(0.9);
  });

  it('uses only values of pi, never the score', () => {
    const base = createPresetTarget('gaussian');
    const target = { ...base, score: () => { throw new Error('score called'); } };
    const s = createSampler('rwm', { target, seed: 1, initial: initialCloud(1, { n: 20, center: [0, 0], spread: 2 }) });
    expect(() => s.step()).not.toThrow();
  });

  it('is in the catalog with its card, words and a step cost', () => {
    const m = samplerInfo('rwm');
    expect(m.label).toBe('RWM');
    expect(m.defaults).toEqual({ h: 0.05, moves: 1 });
    expect(m.stepMs(1000, { moves: 4 }, 2, false)).toBeCloseTo(4 * m.stepMs(1000, {}, 2, false), 12);
  });
});
