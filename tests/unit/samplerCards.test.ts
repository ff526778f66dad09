import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { SAMPLERS } from '../../src/engine/samplers/catalog';
import { stackedRule } from '../../src/ui/about/stackedRule';

describe('sampler cards (each sampler module carries its own)', () => {
  it('every sampler has a card with a rule, an explanation and at least one known weakness', () => {
    expect(SAMPLERS.length).toBeGreaterThanOrEqual(15);
    for (const { name, card } of SAMPLERS) {
      expect(card.does.length, name).toBeGreaterThan(80);
      expect(card.where.length, name).toBeGreaterThan(20);
      expect(card.weaknesses.length, name).toBeGreaterThan(0);
    }
  });

  it('every update rule is valid TeX (KaTeX parses it strictly)', () => {
    for (const { name, card } of SAMPLERS) {
      for (const tex of [card.rule, stackedRule(card.rule)])
        expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true }), name).not.toThrow();
    }
  });

  it('every declared parameter is described in words of its own sampler, not by its code name', () => {
    for (const { name, params, words } of SAMPLERS) {
      const w = words as Readonly<Record<string, string>>;
      expect(Object.keys(w).sort(), name).toEqual(Object.keys(params).sort());
      for (const p of Object.keys(params)) {
        expect(w[p].split(/\s+/).length, `${name}.${p}: ${w[p]}`).toBeGreaterThan(1);
        expect(w[p].toLowerCase().startsWith(p.toLowerCase() + ' '), `${name}.${p}: ${w[p]}`).toBe(false);
      }
    }
  });

  it('names are unique and the catalog looks them up', () => {
    const names = SAMPLERS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
