import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { MAX_PANELS } from '../../src/engine/experiment/defaults';
import { decodeExperiment } from '../../src/url/decode';

/**
 * Fuzz: 10,000 generated links per run (fixed seed), never a throw, always 1 to MAX_PANELS panels
 * and a bounded list of notices, Object.prototype untouched (its own properties compared before
 * and after every link, with keys shaped like pollution attempts among the generated ones). The
 * round-trip properties with fewer runs are in url.property.test.ts.
 */
const KEYS = ['v', 't', 'conf', 'f', 'd', 'box', 'n', 'seed', 'cx', 'cy', 'spread', 'p', 'speed', 'ui', 'hide', 'p1.eps', 'p1.alpha', 'p1.fdr', 'p2.lr', 'p3.M', 'p4.rho', 'p9.x', '__proto__', 'constructor', 'toString', 'p1.__proto__',
  '__proto__[polluted]', 'constructor[prototype][polluted]', '__proto__.polluted', 'p1.constructor', 'p2.__proto__', 'p7.eps', 'p6.eps'];
/** More valid sampler names than MAX_PANELS, so the panel cap is exercised. */
const MANY = 'etd-b,svgd,sgld,mala,ula,mppi,etd-sr,gvi,etd-b-sf';
const nested = fc.integer({ min: 1, max: 20000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const VALUE = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('1e308', '-1e308', 'NaN', '-0', '0', '-1', 'Infinity', '1e-320', '<script>alert(1)</script>', 'etd-b,nope,svgd,sgld,mala', MANY, `${MANY},${MANY}`, '0,0,0,0', '-4,4,-4,4', 'true', 'false', 'classroom', 'embed'),
  fc.double().map(String),
  fc.oneof(nested, fc.json({ maxDepth: 4 }), fc.array(fc.array(fc.double(), { maxLength: 5 }), { maxLength: 6 }).map((a) => JSON.stringify(a))).map(compressToEncodedURIComponent),
);

const PROTO_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
let capped = 0;

function check(q: string): void {
  const { experiment, notices } = decodeExperiment(q);
  expect(experiment.panels.length).toBeGreaterThanOrEqual(1);
  expect(experiment.panels.length).toBeLessThanOrEqual(MAX_PANELS);
  if (experiment.panels.length === MAX_PANELS) capped++;
  expect(notices.length).toBeLessThanOrEqual(20);
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTO_BEFORE);
}

describe('URL decoder fuzz', () => {
  it('10,000 generated links: never throws, always a valid experiment', { timeout: 180_000 }, () => {
    const t0 = performance.now();
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (q) => check(q)), { numRuns: 4000, seed: 9001 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), VALUE), { maxLength: 14 }), (pairs) => {
        check(pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
      }),
      { numRuns: 6000, seed: 9002 },
    );
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    // The cap was reached by generated links (a check that cannot be reached proves nothing).
    expect(capped).toBeGreaterThan(10);
    console.log(`url fuzz: 10,000 links in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
});
