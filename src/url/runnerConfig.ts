/**
 * The link's experiment and the runner's config are two spellings of one value: a run can go
 * link -> config JSON -> `npm run sample -- --config` -> its written config -> link and reproduce
 * the same particles. Pure: no DOM, no store.
 */
import { configJson, parseRunConfig, type RunConfig } from '../engine/experiment/runConfig';
import { DEFAULT_BOX, defaultExperiment, type Experiment, type UrlTarget } from './schema';

/** The config JSON the runner reads (and writes) for this experiment, with the run's length and records. */
export function experimentConfig(e: Experiment, opts: { steps?: number; checkpoints?: number[]; metrics?: boolean } = {}): Record<string, unknown> {
  const raw = {
    target: e.target,
    panels: e.panels.map((p) => ({ sampler: p.sampler, params: { ...p.params } })),
    run: { ...e.run, ...(opts.steps !== undefined ? { steps: opts.steps } : {}) },
    ...(opts.checkpoints ? { checkpoints: opts.checkpoints } : {}),
    ...(opts.metrics ? { metrics: true } : {}),
    speed: e.speed,
    view: { mode: e.view.mode, hide: [...e.view.hide] },
  };
  return configJson(parseRunConfig(raw));
}

/** The experiment a runner config describes (speed and layout default when it has none). */
export function experimentFromConfig(cfg: RunConfig): Experiment {
  const defaults = defaultExperiment();
  const t = cfg.target;
  const target: UrlTarget =
    t.kind === 'preset'
      ? { kind: 'preset', name: t.name, confine: t.confine ?? true }
      : t.kind === 'formula'
        ? { kind: 'formula', formula: t.formula, box: t.box ?? DEFAULT_BOX }
        : { kind: 'drawn', box: t.box, bumps: t.bumps };
  const { n, seed, centerX, centerY, spread } = cfg.run;
  return {
    target,
    run: { n, seed, centerX, centerY, spread },
    panels: cfg.panels.map((p) => ({ sampler: p.sampler, params: { ...p.params } })),
    speed: cfg.speed ?? defaults.speed,
    view: cfg.view ? { mode: cfg.view.mode, hide: [...cfg.view.hide] } : defaults.view,
  };
}
