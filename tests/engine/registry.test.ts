import { describe, expect, it } from 'vitest';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler, SAMPLER_INFO, SAMPLER_LABELS } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';

describe('sampler registry', () => {
  it('offers every ETD variant and every baseline of the spec', () => {
    expect([...SAMPLER_LABELS].sort()).toEqual(
      ['etd-b', 'etd-ub-sg', 'etd-ub-sf', 'etd-b-sf', 'etd-sr', 'lret-b', 'svgd', 'gf-svgd', 'agf-svgd', 'sgld', 'ula', 'mala', 'rwm', 'mppi', 'gvi', 'gvi-mixture'].sort(),
    );
  });

  for (const name of SAMPLER_LABELS) {
    it(`${name}: constructs from the catalog's defaults, steps, and reports its label`, () => {
      const info = SAMPLER_INFO[name];
      expect(info.doc.length).toBeGreaterThan(20);
      for (const [key, decl] of Object.entries(info.params)) expect(decl.doc, key).toMatch(/\w+/);
      const target = createPresetTarget('banana');
      const s = createSampler(name, { target, seed: 1, initial: initialCloud(1, { n: 30, center: [0, 0], spread: 2 }) });
      expect(s.label).toBe(name);
      const d = s.step();
      expect(d.nonFiniteParticles).toBe(0);
      expect(s.positions().every(Number.isFinite)).toBe(true);
    });
  }

  it('rejects an unknown sampler by listing the valid ones', () => {
    const target = createPresetTarget('banana');
    expect(() => createSampler('svgd2', { target, seed: 1, initial: new Float64Array(4) })).toThrow(/unknown sampler 'svgd2' \(valid: etd-b, .*mppi, gvi, gvi-mixture\)/);
  });
});

describe('catalog defaults', () => {
  it("are what each sampler runs with: an ETD variant's own choices, lret-b's alpha = eps", () => {
    expect(SAMPLER_INFO['etd-ub-sg'].defaults.coupling).toBe('unbalanced');
    expect(SAMPLER_INFO['etd-ub-sf'].defaults.guidance).toBe('score-free');
    expect(SAMPLER_INFO['etd-sr'].defaults.coupling).toBe('semi-relaxed');
    expect(SAMPLER_INFO['lret-b'].defaults.alpha).toBe(SAMPLER_INFO['lret-b'].defaults.eps);
    expect(SAMPLER_INFO['lret-b'].defaults.cost).toBe('langevin-residual');
    expect(SAMPLER_INFO.svgd.defaults.lr).toBe(0.1);
    for (const [name, info] of Object.entries(SAMPLER_INFO))
      expect(Object.keys(info.defaults).sort(), name).toEqual(Object.keys(info.params).sort());
  });
});
