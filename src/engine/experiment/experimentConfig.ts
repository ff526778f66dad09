/**
 * An experiment and the runner's config are two spellings of one value: a run can go
 * link -> experiment -> config JSON -> `npm run sample -- --config` -> its written config ->
 * experiment -> link and reproduce the same particles.
 */
import { pickRunValues } from './runParams';
import { defaultExperiment, experimentTarget, type Experiment } from './experiment';
import { configJson, parseRunConfig, type RunConfig } from './runConfig';

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
  return {
    target: experimentTarget(cfg.target),
    run: pickRunValues(cfg.run),
    panels: cfg.panels.map((p) => ({ sampler: p.sampler, params: { ...p.params } })),
    speed: cfg.speed ?? defaults.speed,
    view: cfg.view ? { mode: cfg.view.mode, hide: [...cfg.view.hide] } : defaults.view,
  };
}
