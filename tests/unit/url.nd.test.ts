import { describe, expect, it } from 'vitest';
import { experimentConfig, experimentFromConfig } from '../../src/engine/experiment/experimentConfig';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { TARGET_PARAMS } from '../../src/engine/targets/targetParams';
import { decodeExperiment } from '../../src/url/decode';
import { encodeExperiment } from '../../src/url/encode';
import { defaultExperiment, SCALAR_KEYS, type Experiment } from '../../src/url/schema';

const nd: Experiment = {
  ...defaultExperiment(),
  target: { kind: 'nd', name: 'iso-gaussian', dim: 50 },
  run: { ...defaultExperiment().run, n: 100 },
  panels: [
    { sampler: 'etd-b', params: { alpha: 0.5 } },
    { sampler: 'svgd', params: {} },
  ],
};

describe('d-dimensional targets in the link', () => {
  it('writes t and dim and reads them back exactly, without notices', () => {
    const q = encodeExperiment(nd);
    expect(q).toBe('v=1&t=iso-gaussian&dim=50&n=100&seed=1&p=etd-b,svgd&p1.alpha=0.5');
    expect(decodeExperiment(q)).toEqual({ experiment: nd, notices: [] });
    for (const name of ['aniso-gaussian', 'gmm-d'] as const)
      for (const dim of [2, 7, 100]) {
        const e: Experiment = { ...nd, target: { kind: 'nd', name, dim } };
        expect(decodeExperiment(encodeExperiment(e))).toEqual({ experiment: e, notices: [] });
      }
  });

  it('declares dim once, with its range and default, like the other keys', () => {
    expect(SCALAR_KEYS.dim).toBe(TARGET_PARAMS.dim);
    expect(TARGET_PARAMS.dim).toMatchObject({ kind: 'number', integer: true, min: 2, max: 100 });
    expect(decodeExperiment('t=gmm-d').experiment.target).toEqual({ kind: 'nd', name: 'gmm-d', dim: TARGET_PARAMS.dim.default });
  });

  it('repairs a bad dim with a notice and keeps a working target', () => {
    const cases: [string, number, RegExp][] = [
      ['500', 100, /^dim=500 clamped to 100$/],
      ['1', 2, /^dim=1 clamped to 2$/],
      ['7.4', 7, /^dim=7.4 rounded to 7$/],
      ['abc', TARGET_PARAMS.dim.default, /^invalid dim: abc .*default 10 used$/],
      ['', TARGET_PARAMS.dim.default, /^invalid dim: {2}\(must be/],
      ['1e308', 100, /clamped to 100/],
    ];
    for (const [raw, dim, notice] of cases) {
      const { experiment, notices } = decodeExperiment(`t=iso-gaussian&dim=${raw}`);
      expect(experiment.target, raw).toEqual({ kind: 'nd', name: 'iso-gaussian', dim });
      expect(notices, raw).toHaveLength(1);
      expect(notices[0], raw).toMatch(notice);
    }
  });

  it('ignores dim on 2D targets and conf on d-dimensional ones, with a notice, and leaves old links as they were', () => {
    const old = decodeExperiment('v=1&t=u3&n=250&seed=1&p=etd-ub-sg,svgd&p1.eps=0.05&p2.lr=0.2');
    expect(old.notices).toEqual([]);
    expect(old.experiment.target).toEqual({ kind: 'preset', name: 'u3', confine: true });
    const u2 = decodeExperiment('t=u2&dim=50');
    expect(u2.experiment.target).toEqual({ kind: 'preset', name: 'u2', confine: true });
    expect(u2.notices).toEqual(['dim ignored (only for the d-dimensional targets iso-gaussian, aniso-gaussian, gmm-d, gmm-ring-d, funnel-d)']);
    expect(decodeExperiment('f=x^2%2By^2&dim=5').notices).toEqual(['dim ignored (only for the d-dimensional targets iso-gaussian, aniso-gaussian, gmm-d, gmm-ring-d, funnel-d)']);
    const conf = decodeExperiment('t=gmm-d&dim=20&conf=0');
    expect(conf.experiment.target).toEqual({ kind: 'nd', name: 'gmm-d', dim: 20 });
    expect(conf.notices).toEqual(['conf ignored (only for the 2D presets, not gmm-d)']);
    expect(decodeExperiment('t=iso-gaussian-x&dim=5').experiment.target).toEqual(defaultExperiment().target);
  });
});

describe('d-dimensional targets in the runner config', () => {
  it('round-trips experiment -> config -> experiment', () => {
    const cfg = experimentConfig(nd, { steps: 30, metrics: true });
    expect(cfg.target).toEqual({ kind: 'nd', name: 'iso-gaussian', dim: 50 });
    const back = experimentFromConfig(parseRunConfig(cfg));
    expect(back.target).toEqual(nd.target);
    expect(encodeExperiment(back)).toBe(encodeExperiment(nd));
  });

  it('reads { preset, dim } and bare names, and refuses bad dims and dims on 2D targets with a precise message', () => {
    expect(parseRunConfig({ target: { preset: 'aniso-gaussian', dim: '20' } }).target).toEqual({ kind: 'nd', name: 'aniso-gaussian', dim: 20 });
    expect(parseRunConfig({ target: 'gmm-d' }).target).toEqual({ kind: 'nd', name: 'gmm-d', dim: 10 });
    expect(() => parseRunConfig({ target: { preset: 'iso-gaussian', dim: 101 } })).toThrow('invalid dim: 101 (must be an integer >= 2 and <= 100)');
    expect(() => parseRunConfig({ target: { kind: 'nd', name: 'iso-gaussian', dim: 2.5 } })).toThrow('invalid dim: 2.5');
    expect(() => parseRunConfig({ target: { preset: 'u1', dim: 5 } })).toThrow(/dim only applies to the d-dimensional targets/);
    expect(() => parseRunConfig({ target: { kind: 'nd', name: 'u1', dim: 5 } })).toThrow(/unknown d-dimensional target 'u1'/);
    expect(() => parseRunConfig({ target: { preset: 'gmm-d', dim: 5, confine: false } })).toThrow(/confine only applies/);
  });
});
