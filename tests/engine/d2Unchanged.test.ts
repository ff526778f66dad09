import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../src/engine/samplers/catalog';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { targetFromSpec } from '../../src/engine/targets/fromSpec';
import { D2_CASES } from '../fixtures/d2Cases';

// Recorded before the engine learnt d dimensions (tests/fixtures/makeD2Particles.ts): 2D runs
// must give exactly the same particles for the same seed, bit for bit. One run was re-recorded
// since: 'ring|etd-b|{"update":"barycentric","eta":0.7}', when the barycentres of the held plan
// rows moved into the SIMD kernels (float64 sums in another order; at most 2.2e-6 apart after 6
// steps). The faster exp and the blocked column sums of the threaded kernels left every other
// run of the file bit for bit the same (docs/measurements.md, Speed).
const FROZEN: Record<string, number[]> = JSON.parse(readFileSync(new URL('../fixtures/d2_particles.json', import.meta.url), 'utf8'));

/**
 * The runs the fixture holds for a case, from its keys "case|sampler|params": samplers added after
 * the recording (Gaussian VI) have no frozen particles, so the test iterates over what was frozen.
 */
function frozenRuns(caseName: string): [string, Record<string, unknown>][] {
  return Object.keys(FROZEN)
    .filter((key) => key.startsWith(`${caseName}|`))
    .map((key) => {
      const rest = key.slice(caseName.length + 1);
      const bar = rest.indexOf('|');
      return [rest.slice(0, bar), JSON.parse(rest.slice(bar + 1)) as Record<string, unknown>];
    });
}

describe('2D runs are unchanged by the d-dimensional engine', () => {
  for (const c of D2_CASES) {
    it(`${c.name}: every sampler's particles equal the frozen ones`, () => {
      const target = targetFromSpec(c.target);
      const runs = frozenRuns(c.name);
      // Every sampler of the recording (ETD variants and the baselines then) and every extra case.
      expect(runs.length).toBeGreaterThanOrEqual(13 + c.extra.length);
      for (const [sampler, params] of runs) {
        const key = `${c.name}|${sampler}|${JSON.stringify(params)}`;
        const s = createSampler(sampler, { target, seed: c.seed, initial: initialCloud(c.seed, { n: c.n, center: [0, 0], spread: 2 }), params });
        for (let k = 0; k < c.steps; k++) s.step();
        expect(Array.from(s.positions()), key).toEqual(FROZEN[key]);
      }
    });
  }
});
