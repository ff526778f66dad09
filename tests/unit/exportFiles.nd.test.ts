import { describe, expect, it } from 'vitest';
import { particlesCsv } from '../../src/ui/export/exportFiles';
import { resumeFrom } from '../../src/run/replacement';
import type { PanelFrame } from '../../workers/samplerApi';
import type { PageFrame } from '../../src/run/latestFrame';

const panel = (iteration: number, coordinates: number[], axes: [number, number], d: number): PanelFrame => {
  const n = coordinates.length / d;
  const positions = Float32Array.from({ length: 2 * n }, (_, k) => coordinates[Math.floor(k / 2) * d + axes[k % 2]]);
  return { iteration, positions, coordinates: Float32Array.from(coordinates), axes, trailHead: 0, trailCount: 1, diagnostics: {}, status: 'ok' };
};

describe('particles of a d-dimensional target', () => {
  it('are exported with every coordinate x1..xd, not only the two drawn', () => {
    const frame: PageFrame = {
      panels: [panel(5, [1, 2, 3, 4, 5, 6], [2, 0], 3), panel(6, [0.5, -1, 0, 7, 8, 9], [2, 0], 3)],
      run: { running: false, stepsPerSecond: 0 },
    };
    const lines = particlesCsv(frame, ['svgd', 'ula']).trim().split('\n');
    expect(lines).toEqual(['panel,sampler,iteration,particle,x1,x2,x3', '1,svgd,5,0,1,2,3', '1,svgd,5,1,4,5,6', '2,ula,6,0,0.5,-1,0', '2,ula,6,1,7,8,9']);
  });

  it('resume a replaced worker from every coordinate', () => {
    const f = panel(9, [1, 2, 3, 4, 5, 6], [0, 1], 3);
    expect(Array.from(resumeFrom(f)!.positions)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
