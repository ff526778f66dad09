import { describe, expect, it } from 'vitest';
import { decodeExperiment } from '../../src/url/decode';
import { encodeExperiment } from '../../src/url/encode';
import { decodeLab } from '../../src/url/labCodec';
import { experimentQuery, LINK_QUERY_MAX, linkParts, pageKeys } from '../../src/url/linkParts';
import { capNotices, MAX_NOTICE_CHARS } from '../../src/url/notices';
import { defaultExperiment, type Experiment } from '../../src/url/schema';

/** A drawing of `strokes` bumps along a spiral, as the draw editor would make it. */
function drawing(strokes: number): Experiment {
  const bumps = Array.from({ length: strokes }, (_, k) => {
    const t = k / 40;
    return [Math.cos(t) * (0.5 + t / 20), Math.sin(t) * (0.5 + t / 20), 0.25 + (k % 7) / 50, k % 11 === 0 ? -0.5 : 1] as const;
  });
  return { ...defaultExperiment(), target: { kind: 'drawn', box: { xmin: -4, xmax: 4, ymin: -4, ymax: 4 }, bumps } };
}

describe('where a link carries the experiment', () => {
  it('keeps a short experiment in the query and the page keys in the fragment', () => {
    const q = encodeExperiment(defaultExperiment());
    expect(q.length).toBeLessThanOrEqual(LINK_QUERY_MAX);
    expect(linkParts(q)).toEqual({ search: `?${q}`, hash: '' });
    expect(linkParts(q, 'debug=faults')).toEqual({ search: `?${q}`, hash: '#debug=faults' });
  });

  it('moves a 2000-stroke drawing (tens of KB) into the fragment, and reads it back whole', () => {
    const e = drawing(2000);
    const q = encodeExperiment(e);
    expect(q.length).toBeGreaterThan(8 * 1024); // over what common hosts accept in a request line
    const { search, hash } = linkParts(q, 'debug=faults');
    expect(search).toBe('');
    expect(hash.startsWith('#v=1&d=')).toBe(true);
    expect(hash.endsWith('&debug=faults')).toBe(true);
    const back = decodeExperiment(experimentQuery(search, hash));
    expect(back.notices).toEqual([]);
    expect(back.experiment.target).toEqual(decodeExperiment(q).experiment.target);
    expect(back.experiment.target.kind).toBe('drawn');
    expect(pageKeys(hash)).toBe('debug=faults');
  });

  it('opens old links with the experiment in the query, and lets the fragment win for a key in both', () => {
    expect(experimentQuery('?v=1&t=u3&n=250', '')).toBe('v=1&t=u3&n=250');
    expect(experimentQuery('?v=1&t=u3&n=250', '#n=30&debug=faults')).toBe('v=1&t=u3&n=30');
    expect(decodeExperiment(experimentQuery('?ui=embed', '#v=1&t=donut')).experiment).toMatchObject({ target: { name: 'donut' }, view: { mode: 'embed' } });
  });

  it('reads a stray % anywhere as text and never throws', () => {
    for (const [search, hash] of [
      ['?v=1&n=30&utm_campaign=50%off', ''],
      ['?v=1&f=x%', ''],
      ['?v=1&p1.eps=0.1%', '#%E0%A4%A'],
      ['?%', '#%%%'],
    ]) {
      const q = experimentQuery(search, hash);
      const { experiment, notices } = decodeExperiment(q);
      expect(experiment.panels.length).toBeGreaterThan(0);
      expect(notices.every((n) => n.length <= MAX_NOTICE_CHARS + 40)).toBe(true);
    }
    const { experiment, notices } = decodeExperiment(experimentQuery('?v=1&n=30&utm_campaign=50%off', ''));
    expect(experiment.run.n).toBe(30);
    expect(notices).toEqual(["unknown key 'utm_campaign' ignored"]);
  });
});

describe('link repairs', () => {
  it('raises an eps no Sinkhorn can resolve to the declared floor, with a notice', () => {
    const { experiment, notices } = decodeExperiment('v=1&p=etd-b&p1.eps=1e-300');
    expect(experiment.panels[0].params.eps).toBe(1e-3);
    expect(notices).toEqual(['p1.eps=1e-300 clamped to 0.001']);
  });

  it('caps every notice, the lab view included (a 100 KB value gives a short notice)', () => {
    const huge = '1'.repeat(100_000);
    // A 100 KB number that is clamped, a 100 KB malformed one: each notice quotes a cut value.
    const lab = decodeLab(`v=1&view=lab&eps=0.${'0'.repeat(100_000)}1&ns=abc${'x'.repeat(100_000)}`);
    expect(lab.notices).toHaveLength(2);
    expect(lab.notices[0]).toMatch(/^eps=0\.0{58}… \(100003 characters\) clamped to /);
    expect(lab.notices[1]).toMatch(/^invalid ns: abcx+… \(100003 characters\) \(must be/);
    for (const n of lab.notices) expect(n.length).toBeLessThanOrEqual(MAX_NOTICE_CHARS);
    // The page caps whatever a decoder says.
    const shown = capNotices([`a notice quoting ${huge}`]);
    expect(shown[0].length).toBeLessThanOrEqual(MAX_NOTICE_CHARS + 30);
    expect(shown[0]).toMatch(/… \(100017 characters\)$/);
    const sampler = decodeExperiment(`v=1&n=${huge}`);
    for (const n of sampler.notices) expect(n.length).toBeLessThanOrEqual(MAX_NOTICE_CHARS + 30);
    expect(capNotices(Array.from({ length: 20 }, (_, k) => `notice ${k}`))).toHaveLength(12);
  });
});
