import { describe, expect, it } from 'vitest';
import { experimentFromConfig } from '../../src/engine/experiment/experimentConfig';
import { defaultExperiment, type Experiment } from '../../src/engine/experiment/experiment';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { particlesCsv, runConfigJson } from '../../src/ui/share/exportFiles';
import type { SessionFrame } from '../../workers/samplerApi';

describe('export files', () => {
  it("the run JSON is a config the runner reads, giving back the page's experiment", () => {
    const e: Experiment = { ...defaultExperiment(), panels: [{ sampler: 'etd-b', params: { eps: 0.2 } }, { sampler: 'svgd', params: {} }] };
    const cfg = parseRunConfig(JSON.parse(runConfigJson(e, 12)));
    expect(cfg.run.steps).toBe(12);
    expect(experimentFromConfig(cfg)).toEqual(e);
    expect(parseRunConfig(JSON.parse(runConfigJson(e, 0))).run.steps).toBe(1);
  });

  it('the particles CSV has a header and one row per particle of every panel', () => {
    const panel = (it: number, xs: number[]) => ({ iteration: it, positions: Float32Array.from(xs), trailHead: 0, trailCount: 1, diagnostics: {}, status: 'ok' as const });
    const frame: SessionFrame = { panels: [panel(3, [0.5, -1, 2, 3]), panel(4, [1, 1, 0, 0])], run: { running: false, stepsPerSecond: 0 } };
    const lines = particlesCsv(frame, ['etd-b', 'sgld']).trim().split('\n');
    expect(lines[0]).toBe('panel,sampler,iteration,particle,x,y');
    expect(lines.slice(1)).toEqual(['1,etd-b,3,0,0.5,-1', '1,etd-b,3,1,2,3', '2,sgld,4,0,1,1', '2,sgld,4,1,0,0']);
  });
});
