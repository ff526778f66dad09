import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RUN_PARAMS } from '../../src/engine/experiment/runParams';
import { MAX_PANELS } from '../../src/engine/experiment/defaults';
import { SAMPLER_INFO } from '../../src/engine/samplers/catalog';
import { MAX_BUMPS } from '../../src/engine/targets/drawn';
import { MAX_FORMULA_LENGTH } from '../../src/engine/targets/formula/parser';
import { TARGET_PARAMS } from '../../src/engine/targets/targetParams';
import { SPEED_PARAM } from '../../src/run/speed';
import { HIDE_PARTS, VIEW_PARAMS } from '../../src/store/shareSlice';
import { decodeExperiment } from '../../src/url/decode';
import { encodeExperiment } from '../../src/url/encode';
import { decompressBounded } from '../../src/url/lzBounded';
import { PRESETS } from '../../src/url/presets';
import { COMPOSITE_KEYS, defaultExperiment, FORMAT_PARAMS, panelDefault, SCALAR_KEYS, type Experiment } from '../../src/url/schema';

const full: Experiment = {
  target: { kind: 'formula', formula: '0.5*((x^2 + y^2)^0.5 - 2)^2 / 0.1 + 0.01*x', box: { xmin: -5, xmax: 5, ymin: -3.5, ymax: 4 } },
  run: { n: 250, seed: 7, centerX: 1.5, centerY: -0.25, spread: 0.5 },
  panels: [
    { sampler: 'etd-ub-sg', params: { eps: 0.05, coupling: 'balanced', fdr: false, M: 30 } },
    { sampler: 'svgd', params: { lr: 0.2 } },
    { sampler: 'mala', params: { h: 0.1 } },
    { sampler: 'etd-b', params: { update: 'barycentric', tol: 1e-7 } },
  ],
  speed: 60,
  view: { mode: 'classroom', hide: ['params', 'metrics'] },
};

const drawn: Experiment = {
  ...full,
  target: {
    kind: 'drawn',
    box: { xmin: -4, xmax: 4, ymin: -2, ymax: 6 },
    bumps: [
      [0.5, 1.25, 0.4, 0.16],
      [-1, 2.125, 0.4, 0.16],
      [0, 0, 0.3, -0.09],
    ],
  },
};

const decode = (q: string) => decodeExperiment(q);

afterEach(() => vi.restoreAllMocks());

describe('URL round trip', () => {
  it('gives back a full experiment: 4 panels with parameters, a formula target, classroom flags', () => {
    const q = encodeExperiment(full);
    expect(q).toMatch(/^v=1&f=/);
    expect(q).toContain('p=etd-ub-sg,svgd,mala,etd-b');
    expect(q).toContain('p1.eps=0.05');
    expect(q).toContain('p1.coupling=balanced'); // differs from the variant's own choice (unbalanced)
    expect(q).toContain('p2.lr=0.2');
    expect(q).toContain('box=-5,5,-3.5,4');
    expect(q).toContain('ui=classroom&hide=params,metrics');
    const back = decode(q);
    expect(back.notices).toEqual([]);
    expect(back.experiment).toEqual(full);
  });

  it('gives back a drawn target (lz-string packed bumps) and its box', () => {
    const q = encodeExperiment(drawn);
    const d = new URLSearchParams(q).get('d') ?? '';
    expect(JSON.parse(decompressFromEncodedURIComponent(d) ?? '')).toEqual(drawn.target.kind === 'drawn' ? drawn.target.bumps : null);
    const back = decode(q);
    expect(back.notices).toEqual([]);
    expect(back.experiment).toEqual(drawn);
  });

  it('reads the readable form and writes only non-default values', () => {
    const { experiment, notices } = decode('v=1&t=u3&n=250&seed=1&p=etd-ub-sg,svgd&p1.eps=0.05&p2.lr=0.2');
    expect(notices).toEqual([]);
    expect(experiment.target).toEqual({ kind: 'preset', name: 'u3', confine: true });
    expect(experiment.run.n).toBe(250);
    expect(experiment.panels).toEqual([
      { sampler: 'etd-ub-sg', params: { eps: 0.05 } },
      { sampler: 'svgd', params: { lr: 0.2 } },
    ]);
    expect(encodeExperiment(experiment)).toBe('v=1&t=u3&n=250&seed=1&p=etd-ub-sg,svgd&p1.eps=0.05&p2.lr=0.2');
    expect(encodeExperiment(defaultExperiment())).toBe('v=1&t=u1&n=200&seed=1&p=etd-b');
    expect(decode('v=1&t=u2&conf=0&p=etd-b&p1.eps=0.1').experiment).toMatchObject({ target: { confine: false }, panels: [{ params: {} }] });
  });

  it('opens the defaults without notices for an empty query', () => {
    expect(decode('')).toEqual({ experiment: defaultExperiment(), notices: [] });
    expect(decode('?')).toEqual({ experiment: defaultExperiment(), notices: [] });
  });
});

describe('hostile URLs', () => {
  it('clamps out-of-range numbers and replaces malformed ones by defaults, with a notice each', () => {
    const { experiment, notices } = decode('v=1&n=999999&seed=-3&cx=1e308&cy=NaN&spread=0&speed=abc');
    expect(experiment.run).toEqual({ n: 5000, seed: 0, centerX: 1e4, centerY: 0, spread: 2 });
    expect(experiment.speed).toBe(SPEED_PARAM.default);
    expect(notices).toContain('n=999999 clamped to 5000');
    expect(notices).toContain('seed=-3 clamped to 0');
    expect(notices).toContain('cx=1e308 clamped to 10000');
    expect(notices.some((s) => s.startsWith('invalid cy: NaN') && s.endsWith('default 0 used'))).toBe(true);
    expect(notices.some((s) => s.startsWith('invalid spread: 0 (must be > 0') && s.endsWith('default 2 used'))).toBe(true);
    expect(notices.some((s) => s.startsWith('invalid speed: abc'))).toBe(true);
  });

  it('handles 1e308, NaN, Infinity and negative N', () => {
    expect(decode('n=1e308').experiment.run.n).toBe(RUN_PARAMS.n.max);
    expect(decode('n=NaN').experiment.run.n).toBe(RUN_PARAMS.n.default);
    expect(decode('n=Infinity').experiment.run.n).toBe(RUN_PARAMS.n.default);
    expect(decode('n=-250').experiment.run.n).toBe(1);
    expect(decode('n=2.6').notices).toEqual(['n=2.6 rounded to 3']);
    expect(decode('p=svgd&p1.lr=1e308').experiment.panels[0].params).toEqual({ lr: 100 });
  });

  it('keeps script tags in a formula as text, which the parser rejects; nothing is executed', () => {
    const evalSpy = vi.spyOn(globalThis, 'eval');
    const fnSpy = vi.spyOn(globalThis, 'Function');
    const { experiment, notices } = decode(`v=1&f=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(experiment.target).toEqual({ kind: 'formula', formula: '<script>alert(1)</script>', box: { xmin: -4, xmax: 4, ymin: -4, ymax: 4 } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^formula not run: .*column 1.*the default target runs$/);
    expect(evalSpy).not.toHaveBeenCalled();
    expect(fnSpy).not.toHaveBeenCalled();
  });

  it('refuses a formula over the length limit', () => {
    const { experiment, notices } = decode(`f=${'x+'.repeat(MAX_FORMULA_LENGTH)}x`);
    expect(experiment.target).toEqual(defaultExperiment().target);
    expect(notices[0]).toMatch(/^formula of 4001 characters refused/);
  });

  it('refuses a 1 MB link as a whole', () => {
    const t0 = performance.now();
    const { experiment, notices } = decode(`v=1&n=60&d=${'A'.repeat(1024 * 1024)}`);
    expect(performance.now() - t0).toBeLessThan(2000); // refused by its length, not parsed (parsing 1 MB would take far longer)
    expect(experiment).toEqual(defaultExperiment());
    expect(notices).toEqual(['link of 1.0 MB refused (longer than 64 KB): default experiment opened']);
  });

  it('refuses drawings that unpack too large, have too many bumps, or are junk', () => {
    const bomb = compressToEncodedURIComponent('a'.repeat(1_000_000)); // a 2 KB link, 1 MB unpacked
    expect(bomb.length).toBeLessThan(10_000);
    const t0 = performance.now();
    const big = decode(`d=${bomb}`);
    expect(performance.now() - t0).toBeLessThan(3000); // stopped at the budget, not unpacked whole
    expect(big.experiment.target).toEqual(defaultExperiment().target);
    expect(big.notices).toEqual(['drawing in d refused: larger than 200 KB once unpacked: default target used']);

    const many = Array.from({ length: MAX_BUMPS + 1 }, (_, i) => [i % 7, 0, 0.3, 0.1]);
    expect(decode(`d=${compressToEncodedURIComponent(JSON.stringify(many))}`).notices).toEqual([
      `drawing in d refused: ${MAX_BUMPS + 1} bumps (at most ${MAX_BUMPS}): default target used`,
    ]);
    expect(decode('d=%%%junk!!').notices).toEqual(['drawing in d malformed (not a packed list of bumps): default target used']);
    expect(decode(`d=${compressToEncodedURIComponent('{"a":1}')}`).notices[0]).toMatch(/malformed/);
    const bad = decode(`d=${compressToEncodedURIComponent('[[0,0,-1,1]]')}`);
    expect(bad.notices[0]).toMatch(/^drawing in d not used: invalid bump 1: width -1 \(must be > 0\)/);
  });

  it('removes unknown samplers and ignores parameters of removed or missing panels', () => {
    const { experiment, notices } = decode('v=1&p=etd-b,etd-zz,svgd,sgld,ula,agf-svgd,gf-svgd,mala&p3.lr=0.3&p2.eps=0.2&p9.eps=1&p1.bogus=2&p1.constructor=1');
    expect(experiment.panels.map((p) => p.sampler)).toEqual(['etd-b', 'svgd', 'sgld', 'ula', 'agf-svgd', 'gf-svgd']);
    expect(experiment.panels[1].params).toEqual({ lr: 0.3 });
    expect(notices).toEqual(
      expect.arrayContaining([
        "unknown sampler 'etd-zz' in p: panel removed",
        "p lists more than 6 samplers: 'mala' removed (at most 6 panels)",
        'p2.eps ignored: panel 2 was removed',
        'p9.eps ignored: there is no panel 9',
        "p1.bogus ignored: ETD-B has no parameter 'bogus'",
        "p1.constructor ignored: ETD-B has no parameter 'constructor'",
      ]),
    );
    expect(decode('p=nope,toString').experiment.panels).toEqual([{ sampler: 'etd-b', params: {} }]);
  });

  it("drops parameters the engine refuses together (p1.alpha=0 with fdr on), keeping the rest and the other panels", () => {
    const { experiment, notices } = decodeExperiment('?v=1&p=etd-b,svgd&p1.alpha=0&p1.eps=0.2&p2.lr=0.05');
    expect(experiment.panels).toEqual([
      { sampler: 'etd-b', params: { eps: 0.2 } },
      { sampler: 'svgd', params: { lr: 0.05 } },
    ]);
    expect(notices.some((n) => n.startsWith('p1.alpha ignored: invalid alpha: 0 (with fdr on'))).toBe(true);
    // Without fdr, alpha = 0 is valid and kept.
    expect(decodeExperiment('?v=1&p=etd-b&p1.alpha=0&p1.fdr=0').experiment.panels[0].params).toEqual({ alpha: 0, fdr: false });
  });

  it('refuses deeply nested drawing payloads with a notice, never a RangeError', () => {
    for (const depth of [5000, 100000]) {
      for (const text of ['['.repeat(depth) + ']'.repeat(depth), '[' + '['.repeat(depth) + '1' + ']'.repeat(depth) + ']']) {
        const { experiment, notices } = decodeExperiment(`?v=1&d=${compressToEncodedURIComponent(text)}`);
        expect(experiment.target.kind).not.toBe('drawn');
        expect(notices.some((n) => n.startsWith('drawing in d'))).toBe(true);
      }
    }
  });

  it('uses the default box for a malformed one', () => {
    expect(decode('f=x^2%2By^2&box=1,2,3').notices).toEqual(['box=1,2,3 malformed (need four numbers xmin,xmax,ymin,ymax): default box used']);
    expect(decode('f=x^2%2By^2&box=4,-4,-4,4').notices[0]).toMatch(/^box malformed: invalid box: \[4, -4\]/);
    expect(decode('f=x^2%2By^2&box=-1e9,4,-4,4').experiment.target).toMatchObject({ box: { xmin: -1e4 } });
  });

  it('reads the first of duplicated keys and says so', () => {
    const { experiment, notices } = decode('n=100&n=5000&n=7');
    expect(experiment.run.n).toBe(100);
    expect(notices).toEqual(['n given 3 times: the first value used']);
  });

  it('ignores prototype-polluting keys without touching Object.prototype', () => {
    const { experiment, notices } = decode('__proto__[polluted]=1&__proto__=x&constructor[prototype][polluted]=1&constructor=1&hasOwnProperty=1&n=80');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(experiment.run.n).toBe(80);
    expect(notices).toEqual(
      expect.arrayContaining(["unknown key '__proto__' ignored", "unknown key 'constructor' ignored", "unknown key '__proto__[polluted]' ignored"]),
    );
    expect(decode('t=__proto__').experiment.target).toEqual(defaultExperiment().target);
    expect(decode('ui=constructor').experiment.view.mode).toBe('full');
  });

  it('opens the defaults for a link of a newer format, and reads a malformed v as version 1', () => {
    expect(decode('v=2&n=99')).toEqual({ experiment: defaultExperiment(), notices: ['link made for format v=2 (this playground reads v=1): default experiment opened'] });
    const r = decode('v=abc&n=99');
    expect(r.experiment.run.n).toBe(99);
    expect(r.notices[0]).toMatch(/^invalid v: abc/);
  });

  it('keeps one target, and reads classroom flags only with ui=classroom or ui=projector', () => {
    expect(decode('t=u2&f=x^2%2By^2').notices).toEqual(['a link has one target: f used, t ignored']);
    expect(decode('ui=classroom').experiment.view).toEqual({ mode: 'classroom', hide: ['side'] });
    expect(decode('ui=classroom&hide=params,nope').experiment.view).toEqual({ mode: 'classroom', hide: ['params'] });
    expect(decode('ui=projector').experiment.view).toEqual({ mode: 'projector', hide: ['side'] });
    expect(decode('ui=projector&hide=metrics').experiment.view).toEqual({ mode: 'projector', hide: ['metrics'] });
    expect(decode('hide=side').notices).toEqual(['hide ignored (only with ui=classroom or ui=projector)']);
    expect(decode('ui=embed').experiment.view).toEqual({ mode: 'embed', hide: [] });
  });

  it('caps the number and length of notices', () => {
    const q = Array.from({ length: 40 }, (_, i) => `junk${i}=${'z'.repeat(1000)}`).join('&');
    const { notices } = decode(q);
    expect(notices.length).toBeLessThanOrEqual(12);
    expect(notices[notices.length - 1]).toBe('and 29 more changes');
    expect(decode(`${'k'.repeat(5000)}=1`).notices[0].length).toBeLessThan(120);
  });
});

describe('schema', () => {
  it('takes every scalar key from an existing declaration (the same objects)', () => {
    const declarations = [
      ...Object.values(RUN_PARAMS),
      ...Object.values(TARGET_PARAMS),
      ...Object.values(VIEW_PARAMS),
      ...Object.values(FORMAT_PARAMS),
      SPEED_PARAM,
    ];
    for (const [key, decl] of Object.entries(SCALAR_KEYS)) expect(declarations, key).toContain(decl);
    expect(COMPOSITE_KEYS.p.options).toBe(SAMPLER_INFO);
    expect(COMPOSITE_KEYS.box.edge).toBe(TARGET_PARAMS.boxEdge);
    expect(COMPOSITE_KEYS.d.maxBumps).toBe(MAX_BUMPS);
    expect(COMPOSITE_KEYS.f.maxLength).toBe(MAX_FORMULA_LENGTH);
    expect(COMPOSITE_KEYS.hide.options).toBe(HIDE_PARTS);
  });

  it("has a panel key for every parameter of every sampler, read back through the sampler's own declaration", () => {
    for (const [sampler, info] of Object.entries(SAMPLER_INFO)) {
      for (const [name, decl] of Object.entries(info.params)) {
        const value =
          decl.kind === 'number'
            ? decl.max === decl.default ? decl.min + (decl.max - decl.min) / 2 : decl.max
            : decl.kind === 'boolean'
              ? !panelDefault(sampler, name)
              : decl.options.find((o) => o !== panelDefault(sampler, name))!;
        const e: Experiment = { ...defaultExperiment(), panels: [{ sampler, params: { [name]: value } }] };
        const q = encodeExperiment(e);
        expect(q, `${sampler}.${name}`).toContain(`p1.${name}=`);
        expect(decode(q).experiment.panels[0].params, `${sampler}.${name}`).toEqual({ [name]: value });
      }
    }
  });
});

describe('named presets', () => {
  it('decode without notices, with at most MAX_PANELS panels and a teaching note each', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(5);
    for (const p of PRESETS) {
      const { experiment, notices } = decode(p.query);
      expect(notices, p.id).toEqual([]);
      expect(experiment.panels.length, p.id).toBeLessThanOrEqual(MAX_PANELS);
      expect(p.note.length, p.id).toBeGreaterThan(20);
    }
    const u3 = decode(PRESETS[0].query).experiment;
    expect(u3.run.n).toBe(250);
    expect(u3.panels.map((p) => p.sampler)).toEqual(['etd-ub-sg', 'etd-ub-sf', 'svgd', 'agf-svgd', 'sgld']);
    expect(u3.target).toMatchObject({ kind: 'preset', name: 'u3', confine: false });
  });
});

describe('decompressBounded', () => {
  it('reads what lz-string writes, and stops at the budget', () => {
    for (const text of ['', 'a', '[[0.5,1.25,0.4,0.16]]', 'ünïcødé ✓ '.repeat(50), JSON.stringify(Array.from({ length: 500 }, (_, i) => [i / 7, -i / 3, 0.3, 1]))]) {
      const packed = compressToEncodedURIComponent(text);
      expect(decompressBounded(packed, 1e6)).toBe(decompressFromEncodedURIComponent(packed));
    }
    expect(decompressBounded(compressToEncodedURIComponent('b'.repeat(10_000)), 9_999)).toBe('too-large');
    expect(decompressBounded('!!', 100)).toBeNull();
  });
});
