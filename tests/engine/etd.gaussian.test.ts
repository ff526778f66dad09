import { describe, expect, it } from 'vitest';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { meanCov } from './helpers';

// The correlated gaussian preset is N(0, [[1, 0.9], [0.9, 1]]): exact mean 0, variances 1.
describe('ETD-B samples the correlated gaussian', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: N = 200, 300 steps, mean error < 0.15, variance ratio in [0.7, 1.3]`, () => {
      const target = createPresetTarget('gaussian');
      const initial = initialCloud(seed, { n: 200, center: [0, 0], spread: 2 });
      const s = createSampler('etd-b', { target, seed, initial });
      for (let k = 0; k < 300; k++) s.step();
      const m = meanCov(s.positions());
      expect(Math.hypot(m.mean[0], m.mean[1])).toBeLessThan(0.15);
      for (const v of [m.varX, m.varY]) {
        expect(v).toBeGreaterThan(0.7);
        expect(v).toBeLessThan(1.3);
      }
      // The correlation is learnt too, not only the marginals.
      expect(m.cov / Math.sqrt(m.varX * m.varY)).toBeGreaterThan(0.8);
    });
  }
});
