import { describe, expect, it } from 'vitest';
import { sessionHeatmap as densityGrid } from '../../workers/session/heatmap';

const box = { xmin: -2, xmax: 2, ymin: -1, ymax: 3 };

describe('densityGrid', () => {
  it('puts row 0 at the top (ymax) and column 0 at the left (xmin)', () => {
    const grid = densityGrid({ logDensityAt: (x, y) => 10 * y + x }, box, 4, 4);
    expect(grid.values).toHaveLength(16);
    // cell centres: x = -1.5, -0.5, 0.5, 1.5; y = 2.5, 1.5, 0.5, -0.5
    expect(grid.values[0]).toBeCloseTo(10 * 2.5 - 1.5);
    expect(grid.values[3]).toBeCloseTo(10 * 2.5 + 1.5);
    expect(grid.values[12]).toBeCloseTo(10 * -0.5 - 1.5);
  });

  it('maps NaN to -Infinity and keeps -Infinity', () => {
    const grid = densityGrid({ logDensityAt: (x) => (x < 0 ? NaN : -Infinity) }, box, 2, 1);
    expect([...grid.values]).toEqual([-Infinity, -Infinity]);
  });

  it('defaults to 128 x 128', () => {
    const grid = densityGrid({ logDensityAt: () => 0 }, box);
    expect([grid.width, grid.height, grid.values.length]).toEqual([128, 128, 128 * 128]);
  });
});
