import { describe, expect, it } from 'vitest';
import { formatParamValue, panelTitle } from '../../src/ui/text/panelTitle';

describe('panel titles', () => {
  it('names only the parameters that differ from the sampler defaults', () => {
    expect(panelTitle('etd-b', {})).toBe('ETD-B');
    expect(panelTitle('etd-b', { eps: 0.05 })).toBe('ETD-B · eps 0.05');
    expect(panelTitle('etd-b', { eps: 0.1 })).toBe('ETD-B');
    expect(panelTitle('etd-b', { M: 10, eps: 0.5 })).toBe('ETD-B · eps 0.5 · M 10');
    expect(panelTitle('svgd', { fake: 3 })).toBe('SVGD');
  });
  it('formats values briefly', () => {
    expect(formatParamValue(true)).toBe('on');
    expect(formatParamValue(0.123456)).toBe('0.123');
    expect(formatParamValue(1e-5)).toBe('1e-5');
    expect(formatParamValue(2e6)).toBe('2e6');
    expect(formatParamValue('score-free')).toBe('score-free');
  });
});
