import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { SAMPLER_INFO } from '../../src/engine/samplers/catalog';
import { SAMPLER_CARDS, stackedRule } from '../../src/ui/about/samplerCards';
import { PARAM_WORDS, paramWords } from '../../src/ui/text/paramWords';

describe('sampler cards', () => {
  const samplers = Object.keys(SAMPLER_INFO);

  it('every sampler has a card with a rule, an explanation and at least one known weakness', () => {
    for (const name of samplers) {
      const card = SAMPLER_CARDS[name];
      expect(card, name).toBeDefined();
      expect(card.does.length, name).toBeGreaterThan(80);
      expect(card.where.length, name).toBeGreaterThan(20);
      expect(card.weaknesses.length, name).toBeGreaterThan(0);
    }
    expect(Object.keys(SAMPLER_CARDS).sort()).toEqual([...samplers].sort());
  });

  it('every update rule is valid TeX (KaTeX parses it strictly)', () => {
    for (const name of samplers) {
      for (const tex of [SAMPLER_CARDS[name].rule, stackedRule(SAMPLER_CARDS[name].rule)])
        expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true }), name).not.toThrow();
    }
  });

  it('every declared parameter is described in words, not by its code name', () => {
    for (const [name, info] of Object.entries(SAMPLER_INFO)) {
      for (const p of Object.keys(info.params)) {
        expect(Object.hasOwn(PARAM_WORDS, p), `${name}.${p}`).toBe(true);
        const words = paramWords(p);
        expect(words.split(/\s+/).length, `${p}: ${words}`).toBeGreaterThan(1);
        expect(words.toLowerCase().startsWith(p.toLowerCase() + ' ') || words === p, `${p}: ${words}`).toBe(false);
      }
    }
  });
});
