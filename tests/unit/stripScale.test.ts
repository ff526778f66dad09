import { describe, expect, it } from 'vitest';
import { maxAbsZ1, MIN_HALF_WIDTH, spreadZ1, stripHalfWidth } from '../../src/ui/strip/stripScale';

describe('wide strip scale', () => {
  it('snaps to a half-width that shows every particle, and only grows', () => {
    expect(stripHalfWidth(0)).toBe(MIN_HALF_WIDTH);
    expect(stripHalfWidth(3.9)).toBe(8);
    expect(stripHalfWidth(9)).toBe(10);
    expect(stripHalfWidth(36)).toBe(40);
    expect(stripHalfWidth(39)).toBe(60); // 5% margin
    expect(stripHalfWidth(5, 40)).toBe(40);
    expect(stripHalfWidth(Number.NaN)).toBe(8);
    expect(stripHalfWidth(5000)).toBeGreaterThanOrEqual(5250);
  });
  it('measures |z1| and its spread from interleaved positions', () => {
    const pos = new Float64Array([-3, 0, 1, 5, 2, -5]);
    expect(maxAbsZ1(pos)).toBe(3);
    expect(spreadZ1(pos)).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(maxAbsZ1(new Float64Array([Number.NaN, 0, 2, 0]))).toBe(2);
    expect(spreadZ1(new Float64Array(0))).toBeNaN();
  });
});
