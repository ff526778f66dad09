// The lab's samples CSV is a plain table: its first line is the header and every row has every
// column (the numbers that go with a row are columns, not '#' comment lines a CSV reader misreads).
import { describe, expect, it } from 'vitest';
import { samplesCsv } from '../../src/ui/lab/labExport';
import { useLabStore, type LabState } from '../../src/store/labStore';
import type { LabSolveResult } from '../../workers/labApi';

describe('lab samples CSV', () => {
  it('starts with its header; every row has every column; the numbers parse', () => {
    const base = useLabStore.getState();
    const result = { source: Float64Array.from([0, 0, 1, 1]), target: Float64Array.from([0.5, 0, -1, 2, 3, 1]), eps: 0.1 } as unknown as LabSolveResult;
    const floor = { floor: 0.012, floorSd: 0.003, effectivePoints: 2.5 };
    const state = {
      ...base,
      result,
      picked: { i: 1, x: 1, y: 1, row: Float64Array.from([0.2, 0.5, 0.3]), floor },
      learn: { ...base.learn, status: 'done', samples: { vareot: { samples: Float64Array.from([0.1, 0.2, 0.3, 0.4]), steps: 1200, stopped: 'plateau', sampling: 'Langevin', energyDistance: 0.02 }, lightsb: null } },
    } as unknown as LabState;
    const lines = samplesCsv(state).trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['kind', 'x', 'y', 'weight']);
    expect(header).toContain('energy_distance_to_row');
    expect(lines.every((l) => !l.startsWith('#'))).toBe(true);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(3 + 2);
    for (const r of rows) expect(r).toHaveLength(header.length);
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    expect(rows.filter((r) => r[0] === 'sinkhorn').map((r) => Number(col(r, 'weight')))).toEqual([0.2, 0.5, 0.3]);
    const v = rows.filter((r) => r[0] === 'vareot');
    expect(v.map((r) => [Number(r[1]), Number(r[2])])).toEqual([[0.1, 0.2], [0.3, 0.4]]);
    expect(Number(col(v[0], 'energy_distance_to_row'))).toBe(0.02);
    expect(Number(col(v[0], 'row_floor'))).toBe(0.012);
    expect(Number(col(v[0], 'eps'))).toBe(0.1);
  });
});
