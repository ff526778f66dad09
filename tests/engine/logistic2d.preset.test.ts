import { describe, expect, it } from 'vitest';
import { experimentConfig } from '../../src/engine/experiment/experimentConfig';
import { runExperimentAsync } from '../../src/engine/experiment/run';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { LR_START_POINTS } from '../../src/engine/targets/logistic2d';
import { decodeExperiment } from '../../src/url/decode';
import { PRESETS } from '../../src/url/presets';

describe('the page preset "Logistic regression you can see"', () => {
  it('does what its note says (seed 1, 300 steps): every sampler near the posterior, SVGD narrower than it', { timeout: 90_000 }, async () => {
    const preset = PRESETS.find((p) => p.id === 'logistic-2d')!;
    const { experiment, notices } = decodeExperiment(preset.query);
    expect(notices).toEqual([]);
    expect(experiment.target).toEqual({ kind: 'logistic2d', points: LR_START_POINTS });
    expect(experiment.panels.map((p) => p.sampler)).toEqual(['etd-b', 'svgd', 'mala']);
    const result = await runExperimentAsync(parseRunConfig({ ...experimentConfig(experiment, { steps: 300 }), metrics: true }));
    const [etd, svgd, mala] = result.panels!.map((p) => p.checkpoints.at(-1)!.metrics!);
    for (const m of [etd, svgd, mala]) expect(m.energy).toBeLessThan(0.02);
    expect(etd.energy).toBeLessThan(mala.energy);
    for (const v of [etd.varRatioX, etd.varRatioY]) {
      expect(v).toBeGreaterThan(0.75);
      expect(v).toBeLessThan(1.25);
    }
    expect(svgd.varRatioX).toBeLessThan(0.95);
    expect(svgd.varRatioY).toBeLessThan(0.95);
  });
});
