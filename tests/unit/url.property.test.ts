import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUN_PARAMS } from '../../src/engine/experiment/runParams';
import type { ParamDecl } from '../../src/engine/params/declare';
import { SAMPLER_INFO, SAMPLER_LABELS } from '../../src/engine/samplers/catalog';
import { PRESET_NAMES } from '../../src/engine/targets/presets';
import { BLR_DATA_SET_NAMES } from '../../src/engine/targets/blr/dataSets';
import { SPEED_PARAM } from '../../src/run/speed';
import { HIDE_PART_NAMES, VIEW_PARAMS, hidesParts } from '../../src/store/shareSlice';
import { MAX_PANELS } from '../../src/engine/experiment/defaults';
import { decodeExperiment } from '../../src/url/decode';
import { encodeExperiment } from '../../src/url/encode';
import { DEFAULT_BOX, panelDefault, type Experiment, type UrlPanel, type UrlTarget } from '../../src/url/schema';
import { experimentConfig, experimentFromConfig } from '../../src/engine/experiment/experimentConfig';
import { configJson, parseRunConfig } from '../../src/engine/experiment/runConfig';
import { runExperimentAsync } from '../../src/engine/experiment/run';

// Numbers a link carries exactly: short decimals (the encoder writes drawings to 6 significant digits).
const decimal = (lo: number, hi: number) => fc.integer({ min: Math.ceil(lo * 100), max: Math.floor(hi * 100) }).map((k) => k / 100);

/** A value of one declaration that differs from its default (links only carry those). */
function nonDefault(d: ParamDecl, def: unknown): fc.Arbitrary<number | boolean | string> | null {
  if (d.kind === 'boolean') return fc.constant(!def);
  if (d.kind === 'choice') {
    const others = d.options.filter((o) => o !== def);
    return others.length ? fc.constantFrom(...others) : null;
  }
  const lo = d.minExclusive ? d.min + (d.integer ? 1 : 0.01) : d.min;
  const hi = Math.min(d.max, lo + 1000);
  const gen = d.integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : decimal(lo, hi);
  return gen.filter((v) => v !== def && (!d.minExclusive || v > d.min));
}

const panel: fc.Arbitrary<UrlPanel> = fc.constantFrom(...SAMPLER_LABELS).chain((sampler) => {
  const table = SAMPLER_INFO[sampler].params;
  // alpha = 0 with fdr on is a cross-parameter error, not a link matter: leave alpha out.
  const names = Object.keys(table).filter((k) => k !== 'alpha');
  return fc.subarray(names, { maxLength: Math.min(3, names.length) }).chain((picked) => {
    const gens: Record<string, fc.Arbitrary<number | boolean | string>> = {};
    for (const k of picked) {
      const g = nonDefault(table[k], panelDefault(sampler, k));
      if (g) gens[k] = g;
    }
    // The diagonal preconditioner is built from scores: with score-free proposals it is a cross-parameter error too.
    const scoreFreeDiagonal = (params: Record<string, unknown>) =>
      params.precond === 'diagonal' && (params.guidance ?? SAMPLER_INFO[sampler].defaults.guidance) === 'score-free';
    return fc.record(gens).filter((params) => !scoreFreeDiagonal(params)).map((params) => ({ sampler, params }));
  });
});

const target: fc.Arbitrary<UrlTarget> = fc.oneof(
  fc.record({ kind: fc.constant('preset' as const), name: fc.constantFrom(...PRESET_NAMES), confine: fc.boolean() }),
  fc.record({
    kind: fc.constant('formula' as const),
    formula: fc.constantFrom('0.5*(x^2+y^2)', 'logsumexp(-(x-1)^2, -(x+1)^2) * -1 + 0.1*y^2', '(x^2 + y^2 - 4)^2 / 0.5'),
    box: fc.constant(DEFAULT_BOX),
  }),
  fc.record({
    kind: fc.constant('drawn' as const),
    box: fc.constant(DEFAULT_BOX),
    bumps: fc.array(fc.tuple(decimal(-4, 4), decimal(-4, 4), decimal(0.05, 2), decimal(0.1, 3)), { minLength: 1, maxLength: 30 }),
  }),
  // Logistic regression: a vendored set, or a user's CSV by name (the link holds its name, never its data; opening it adds a notice).
  fc.record({ kind: fc.constant('blr' as const), data: fc.constantFrom(...BLR_DATA_SET_NAMES) }),
  fc.record({
    kind: fc.constant('logistic2d' as const),
    points: fc.array(fc.tuple(decimal(-5, 5), decimal(-5, 5), fc.constantFrom(0 as const, 1 as const)), { maxLength: 40 }),
  }),
);

const experiment: fc.Arbitrary<Experiment> = fc.record({
  target,
  run: fc.record({
    n: fc.integer({ min: RUN_PARAMS.n.min, max: RUN_PARAMS.n.max }),
    seed: fc.integer({ min: RUN_PARAMS.seed.min, max: RUN_PARAMS.seed.max }),
    centerX: decimal(-50, 50),
    centerY: decimal(-50, 50),
    spread: decimal(0.01, 100),
  }),
  panels: fc.array(panel, { minLength: 1, maxLength: 4 }),
  speed: fc.integer({ min: SPEED_PARAM.min, max: SPEED_PARAM.max }),
  view: fc.oneof(
    fc.record({ mode: fc.constantFrom(...VIEW_PARAMS.ui.options.filter(hidesParts)), hide: fc.subarray(HIDE_PART_NAMES, { minLength: 1 }) }),
    fc.record({ mode: fc.constantFrom(...VIEW_PARAMS.ui.options.filter((m) => !hidesParts(m))), hide: fc.constant([]) }),
  ),
});

describe('URL codec properties (fast-check)', () => {
  it('decode(encode(s)) equals s for random valid experiments, with no notices', () => {
    fc.assert(
      fc.property(experiment, (s) => {
        const back = decodeExperiment(encodeExperiment(s));
        expect(back.notices).toEqual([]);
        expect(back.experiment).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  const keys = ['v', 't', 'conf', 'f', 'd', 'box', 'n', 'seed', 'cx', 'cy', 'spread', 'p', 'speed', 'ui', 'hide', 'p1.eps', 'p2.lr', 'p9.x', '__proto__', 'constructor', '__proto__[polluted]', 'constructor[prototype][polluted]'];
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const junk = fc.oneof(fc.string(), fc.constantFrom('1e308', 'NaN', '-1', 'Infinity', '<script>alert(1)</script>', 'etd-b,nope', '0,0,0,0', 'true'));

  it('decoding random strings and random key/value mixes never throws and always yields a valid experiment', () => {
    const valid = (e: Experiment) => {
      // A valid experiment survives its own round trip unchanged. The only notice it may still
      // carry is about a formula that does not run: its text is kept for the editor to show.
      const again = decodeExperiment(encodeExperiment(e));
      expect(again.experiment).toEqual(e);
      for (const n of again.notices) expect(n).toMatch(/^formula (not run|of \d+ characters refused)/);
      expect(e.panels.length).toBeGreaterThanOrEqual(1);
      expect(e.panels.length).toBeLessThanOrEqual(MAX_PANELS);
      expect(e.run.n).toBeGreaterThanOrEqual(1);
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (q) => {
        const d = decodeExperiment(q);
        valid(d.experiment);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), junk), { maxLength: 12 }), (pairs) => {
        const q = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const d = decodeExperiment(q);
        valid(d.experiment);
        expect(Array.isArray(d.notices)).toBe(true);
        expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(protoBefore);
      }),
      { numRuns: 300 },
    );
  });
});

describe('link and runner config are one experiment', () => {
  it('link -> experiment -> runner config JSON -> experiment -> link is the identity', () => {
    fc.assert(
      fc.property(experiment, (s) => {
        const url = encodeExperiment(s);
        const e1 = decodeExperiment(url).experiment;
        const json = JSON.parse(JSON.stringify(experimentConfig(e1, { steps: 7 })));
        const cfg = parseRunConfig(json);
        expect(cfg.run.steps).toBe(7);
        expect(encodeExperiment(experimentFromConfig(cfg))).toBe(url);
        // What the runner writes as config reads back to the same config.
        expect(parseRunConfig(JSON.parse(JSON.stringify(configJson(cfg))))).toEqual(cfg);
      }),
      { numRuns: 300 },
    );
  });

  it('the runner reproduces the same particles from a link and from the config it wrote', async () => {
    for (const q of ['v=1&t=gmm-ring-8&n=40&seed=3&p=etd-b,svgd&p1.eps=0.2', 'v=1&f=0.5*(x%5E2%2By%5E2)&n=30&seed=2&cx=1&p=sgld,mala&p2.h=0.05', 'v=1&t=banana&n=25&p=etd-ub-sf']) {
      const e = decodeExperiment(q).experiment;
      const first = await runExperimentAsync(parseRunConfig(experimentConfig(e, { steps: 5 })));
      const again = await runExperimentAsync(parseRunConfig(JSON.parse(JSON.stringify(first.config))));
      expect(again.config).toEqual(first.config);
      const positions = (r: typeof first) => (r.panels ?? [r]).map((p) => p.checkpoints.map((c) => c.positions));
      expect(positions(again)).toEqual(positions(first));
      expect(encodeExperiment(experimentFromConfig(parseRunConfig(first.config)))).toBe(encodeExperiment(e));
      expect((first.panels ?? [first]).length).toBe(e.panels.length);
    }
  });
});
