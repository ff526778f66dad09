import { describe, expect, it } from 'vitest';
import { colourDomain } from '../../src/ui/draw/colourDomain';

describe('colourDomain', () => {
  it('spans the finite values when they are close together', () => {
    expect(colourDomain([-3, -1, -Infinity, NaN, -2])).toEqual([-3, -1]);
  });

  it('stops LOG_RANGE below the peak', () => {
    expect(colourDomain([-100, 0, -5], 12)).toEqual([-12, 0]);
  });

  it('copes with flat and empty grids', () => {
    expect(colourDomain([2, 2])).toEqual([1, 2]);
    expect(colourDomain([-Infinity])).toEqual([0, 1]);
  });
});
