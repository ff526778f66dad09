import { describe, expect, it } from 'vitest';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler, SAMPLER_INFO } from '../../src/engine/samplers/catalog';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import type { Target } from '../../src/engine/targets/types';

// Formula targets need no tfjs backend: nothing here initialises one.
const THREE_LOBES = '-log(exp(-((x-2)^2+y^2)/0.3)+exp(-((x+1)^2+(y-1.7)^2)/0.3)+exp(-((x+1)^2+(y+1.7)^2)/0.3))';

/** Runs `steps` steps of a sampler with N = 50 from the standard initial cloud; returns its positions. */
function run(name: string, target: Target, steps: number): Float64Array {
  const s = createSampler(name, { target, seed: 1, initial: initialCloud(1, { n: 50, center: [0, 0], spread: 2 }), params: {} });
  for (let k = 0; k < steps; k++) s.step();
  return s.positions();
}

describe('formula targets run every sampler in float64', () => {
  const lobes = targetFromSpec({ kind: 'formula', formula: THREE_LOBES });

  it.each(Object.keys(SAMPLER_INFO))('three lobes written as -log(sum of exps): %s, 200 steps, finite particles near the lobes', (name) => {
    const x = run(name, lobes, 200);
    expect(x.every(Number.isFinite)).toBe(true);
    // Every lobe has std ~0.39 around a centre at distance 2 from the origin.
    for (let i = 0; i < x.length; i += 2) expect(Math.hypot(x[i], x[i + 1])).toBeLessThan(6);
  }, 20_000);

  it('1e39*(x^2 + y^2) runs finitely (its scores overflowed float32)', () => {
    const steep = targetFromSpec({ kind: 'formula', formula: '1e39*(x^2 + y^2)' });
    expect(steep.score(Float64Array.of(1, -2))).toEqual(Float64Array.of(-2e39, 4e39));
    for (const name of ['etd-ub-sg', 'svgd', 'sgld', 'mala', 'mppi']) expect([name, run(name, steep, 100).every(Number.isFinite)]).toEqual([name, true]);
  }, 20_000);

  it('U = x is refused with a clear message (improper: unbounded below off the box)', () => {
    expect(() => targetFromSpec({ kind: 'formula', formula: 'x' })).toThrow(
      /^U is unbounded below away from the box .* exp\(-U\) has no finite mass, so particles would drift away for ever\. To sample it on the box, add the presets' soft wall: \+ 12\.5\*/,
    );
    const walled = targetFromSpec({ kind: 'formula', formula: 'x + 12.5*(max(0, abs(x) - 4)^2 + max(0, abs(y) - 4)^2)' });
    const x = run('etd-b', walled, 50);
    expect(x.every(Number.isFinite)).toBe(true);
    let mean = 0;
    for (let i = 0; i < x.length; i += 2) mean += x[i] / 50;
    expect(mean).toBeLessThan(-2); // exp(-x) on [-4, 4] has mean -3
  }, 20_000);
});
