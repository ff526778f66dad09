// Every runner config committed in configs/ parses (the same checks `npm run sample -- --config`
// makes) and runs: each panel takes two steps through the runner's own loop, with metrics.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExperimentAsync } from '../../src/engine/experiment/run';
import { parseRunConfig } from '../../src/engine/experiment/runConfig';
import { PRESETS } from '../../src/url/presets';
import { decodeExperiment } from '../../src/url/decode';
import { experimentFromConfig } from '../../src/engine/experiment/experimentConfig';
import { installBlrDataLoader } from '../../src/cli/blrData';

// BLR configs read their data set from data/ as the runner does.
installBlrDataLoader();

const dir = new URL('../../configs/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('configs/*.json', () => {
  it('there are the authors\' configurations', () => {
    expect(files).toEqual(expect.arrayContaining(['authors-gmm-10d.json', 'authors-gmm-20d.json', 'authors-funnel-10d.json']));
  });

  for (const file of files) {
    it(`${file} parses and every panel runs two steps with finite particles and metrics`, { timeout: 60_000 }, async () => {
      const raw = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;
      const cfg = parseRunConfig({ ...raw, run: { ...(raw.run as object), steps: 2 }, checkpoints: [0, 2], metrics: true });
      const r = await runExperimentAsync(cfg);
      const panels = r.panels ?? [{ sampler: cfg.sampler, checkpoints: r.checkpoints }];
      expect(panels.length).toBe(cfg.panels.length);
      for (const p of panels) {
        const last = p.checkpoints.at(-1)!;
        expect(last.step).toBe(2);
        expect(last.positions.flat().every(Number.isFinite), `${file} ${p.sampler}`).toBe(true);
        expect(Number.isFinite(last.metrics!.energy), `${file} ${p.sampler}`).toBe(true);
      }
    });
  }

  it('each authors\' config is a page preset with the same experiment', () => {
    for (const file of files.filter((f) => f.startsWith('authors-'))) {
      const cfg = parseRunConfig(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
      const preset = PRESETS.find((p) => p.id === file.replace(/\.json$/, ''));
      expect(preset, file).toBeDefined();
      const { experiment, notices } = decodeExperiment(preset!.query);
      expect(notices).toEqual([]);
      const want = experimentFromConfig(cfg);
      expect(experiment.target).toEqual(want.target);
      expect(experiment.run).toEqual(want.run);
      // A link carries the parameters that differ from each sampler's defaults.
      expect(experiment.panels.map((p) => p.sampler)).toEqual(want.panels.map((p) => p.sampler));
      experiment.panels.forEach((p, k) => {
        for (const [name, v] of Object.entries(p.params)) expect(want.panels[k].params[name], `${file} panel ${k + 1} ${name}`).toEqual(v);
      });
    }
  });
});
