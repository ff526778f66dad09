import { describe, expect, it } from 'vitest';
import { decodeExperiment } from '../../src/url/decode';
import { decodeLab, encodeLab, isLabKey, LAB_URL_KEYS } from '../../src/url/labCodec';
import { defaultLabConfig, LAB_PARAMS } from '../../src/engine/lab/labParams';

describe('the lab in the link', () => {
  it('reads the issue\'s example link', () => {
    const d = decodeLab('?v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.1&ns=500&nt=500');
    expect(d.view).toBe('lab');
    expect(d.config).toEqual({ ...defaultLabConfig(), src: 'gaussian', tgt: 'swiss-roll', eps: 0.1, ns: 500, nt: 500 });
    expect(d.notices).toEqual([]);
    // the sampler's decoder does not call the lab's keys unknown
    expect(decodeExperiment('v=1&view=lab&src=gaussian&eps=0.1&anneal=1').notices).toEqual([]);
  });

  it('round-trips every setting', () => {
    const config = { src: 'two-moons', tgt: '8-gaussians', eps: 0.0123, ns: 1999, nt: 7, lseed: 42, anneal: true, lsteps: 1500 } as const;
    const d = decodeLab(`v=1&${encodeLab(config)}`);
    expect(d).toEqual({ view: 'lab', config, notices: [] });
    expect(encodeLab(defaultLabConfig())).toBe('view=lab&src=gaussian&tgt=swiss-roll');
  });

  it('repairs bad values with a notice each', () => {
    const d = decodeLab('view=lab&src=banana&eps=0&ns=99999&nt=abc&anneal=maybe');
    expect(d.config).toEqual({ ...defaultLabConfig(), eps: LAB_PARAMS.eps.min, ns: LAB_PARAMS.ns.max });
    expect(d.notices).toHaveLength(5);
    expect(d.notices.join('\n')).toMatch(/banana/);
    expect(d.notices.join('\n')).toMatch(/eps=0 clamped to 0.001/);
    expect(d.notices.join('\n')).toMatch(/ns=99999 clamped to 2000/);
  });

  it('says when lab keys come without the lab, or a drawn cloud cannot be restored', () => {
    expect(decodeLab('eps=0.3').notices).toEqual(['lab settings ignored (only with view=lab)']);
    expect(decodeLab('view=lab&tgt=drawn').notices[0]).toMatch(/drawn points are not kept in links/);
    expect(decodeLab('view=atlas').view).toBe('sampler');
  });

  it('declares every key once', () => {
    for (const k of Object.keys(LAB_URL_KEYS)) expect(isLabKey(k)).toBe(true);
    expect(isLabKey('constructor')).toBe(false);
  });
});
