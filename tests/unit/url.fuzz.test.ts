import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeExperiment } from '../../src/url/decode';

/**
 * Fuzz: 10,000 generated links per run (fixed seed), never a throw, always 1-4 panels and a
 * bounded list of notices, Object.prototype untouched. The round-trip properties with fewer runs
 * are in url.property.test.ts.
 */
const KEYS = ['v', 't', 'conf', 'f', 'd', 'box', 'n', 'seed', 'cx', 'cy', 'spread', 'p', 'speed', 'ui', 'hide', 'p1.eps', 'p1.alpha', 'p1.fdr', 'p2.lr', 'p3.M', 'p4.rho', 'p9.x', '__proto__', 'constructor', 'toString', 'p1.__proto__'];
const nested = fc.integer({ min: 1, max: 20000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const VALUE = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('1e308', '-1e308', 'NaN', '-0', '0', '-1', 'Infinity', '1e-320', '<script>alert(1)</script>', 'etd-b,nope,svgd,sgld,mala', '0,0,0,0', '-4,4,-4,4', 'true', 'false', 'classroom', 'embed'),
  fc.double().map(String),
  fc.oneof(nested, fc.json({ maxDepth: 4 }), fc.array(fc.array(fc.double(), { maxLength: 5 }), { maxLength: 6 }).map((a) => JSON.stringify(a))).map(compressToEncodedURIComponent),
);

function check(q: string): void {
  const { experiment, notices } = decodeExperiment(q);
  expect(experiment.panels.length).toBeGreaterThanOrEqual(1);
  expect(experiment.panels.length).toBeLessThanOrEqual(4);
  expect(notices.length).toBeLessThanOrEqual(20);
}

describe('URL decoder fuzz', () => {
  it('10,000 generated links: never throws, always a valid experiment', () => {
    const t0 = performance.now();
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (q) => check(q)), { numRuns: 4000, seed: 9001 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), VALUE), { maxLength: 14 }), (pairs) => {
        check(pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 6000, seed: 9002 },
    );
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    console.log(`url fuzz: 10,000 links in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
});
