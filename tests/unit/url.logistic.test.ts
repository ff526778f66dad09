import { describe, expect, it } from 'vitest';
import { experimentConfig, experimentFromConfig } from '../../src/engine/experiment/experimentConfig';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { Rng } from '../../src/engine/random/rng';
import { LR_MAX_POINTS, LR_START_POINTS, type LabeledPoint } from '../../src/engine/targets/logistic2d';
import { decodeExperiment } from '../../src/url/decode';
import { encodeExperiment } from '../../src/url/encode';
import { experimentQuery, linkParts } from '../../src/url/linkParts';
import { encodeLrPoints, parseLrPoints, roundCoordinate } from '../../src/url/logisticCodec';
import { defaultExperiment, type Experiment } from '../../src/url/schema';

const withPoints = (points: readonly LabeledPoint[]): Experiment => ({
  ...defaultExperiment(),
  target: { kind: 'logistic2d', points },
  run: { ...defaultExperiment().run, n: 100 },
  panels: [{ sampler: 'etd-b', params: {} }, { sampler: 'mala', params: {} }],
});

/** n points placed as the data panel places them: on the link's 0.01 grid inside [-5, 5]^2. */
function placed(n: number, seed: number): LabeledPoint[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => [roundCoordinate(10 * rng.uniform() - 5), roundCoordinate(10 * rng.uniform() - 5), rng.uniform() < 0.5 ? 0 : 1] as const);
}

describe('logistic regression you can see: the points in a link', () => {
  it('round-trips the points exactly, through the fragment', () => {
    for (const points of [LR_START_POINTS, placed(1, 1), placed(LR_MAX_POINTS, 2), [] as LabeledPoint[]]) {
      const e = withPoints(points);
      const q = encodeExperiment(e);
      const { search, hash } = linkParts(q, 'debug=faults');
      expect(search).toBe(''); // a user's points never go into the query, however few
      expect(hash).toMatch(/^#v=1&lr=/);
      const back = decodeExperiment(experimentQuery(search, hash));
      expect(back.notices).toEqual([]);
      expect(back.experiment).toEqual(e);
    }
  });

  it('writes the points readably', () => {
    expect(encodeLrPoints([[-1.5, 0.25, 0], [2, -0.004, 1], [0.123456, 4.999, 1]])).toBe('-1.5,0.25,0_2,0,1_0.12,5,1');
    expect(encodeExperiment(withPoints([[1, -2, 1]]))).toBe('v=1&lr=1,-2,1&n=100&seed=1&p=etd-b,mala');
    expect(parseLrPoints('')).toEqual({ points: [] });
  });

  it('opens the starting points with one notice for bad point data, and never throws', () => {
    const bad = [
      ['1,2', /point 1 is '1,2' \(need x,y,class\)/],
      ['1,2,1_x,0,0', /point 2 is 'x,0,0'/],
      ['1,2,1_0,NaN,0', /point 2 is '0,NaN,0'/],
      ['1,2,1_0,9,0', /point 2: coordinate 9 \(must be a number in \[-5, 5\]\)/],
      ['1,2,1_0,-1e300,0', /point 2: coordinate -1e\+300/],
      ['1,2,2', /point 1: class 2 \(must be 0 or 1\)/],
      [Array.from({ length: LR_MAX_POINTS + 1 }, () => '0,0,1').join('_'), /201 points \(at most 200\)/],
      ['1'.repeat(50_000), /characters \(at most 4000\)/],
      ['_'.repeat(300), /301 points|point 1 is ''/],
    ] as const;
    for (const [raw, why] of bad) {
      const d = decodeExperiment(`v=1&lr=${encodeURIComponent(raw)}&p=mala`);
      expect(d.notices, raw.slice(0, 40)).toHaveLength(1);
      expect(d.notices[0]).toMatch(/^points in lr not used: /);
      expect(d.notices[0]).toMatch(why);
      expect(d.notices[0]).toMatch(/the starting points are shown$/);
      expect(d.experiment.target).toEqual({ kind: 'logistic2d', points: LR_START_POINTS });
      expect(d.experiment.panels).toEqual([{ sampler: 'mala', params: {} }]);
    }
  });

  it('keeps one target per link', () => {
    const d = decodeExperiment('v=1&lr=1,1,1&t=banana');
    expect(d.notices).toEqual(['a link has one target: lr used, t ignored']);
    expect(d.experiment.target).toEqual({ kind: 'logistic2d', points: [[1, 1, 1]] });
    expect(decodeExperiment('v=1&lr=1,1,1&box=0,1,0,1').notices).toEqual(['box ignored (only for formula and drawn targets)']);
  });

  it('goes to the runner config and back, and the runner refuses bad points with the reason', () => {
    const e = withPoints(placed(30, 5));
    const config = parseRunConfig(JSON.parse(JSON.stringify(experimentConfig(e, { steps: 10 }))));
    expect(config.target).toEqual(e.target);
    expect(encodeExperiment(experimentFromConfig(config))).toBe(encodeExperiment(e));
    expect(() => parseRunConfig({ target: { kind: 'logistic2d', points: [[0, 0, 1], [0, 6, 0]] } })).toThrow(
      'invalid logistic2d target: invalid point 2: coordinate 6 (must be a number in [-5, 5])',
    );
  });
});
