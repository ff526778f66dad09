import { int, num, type ParamValues } from '../params/declare';

/** Experiment-level settings shared by every panel, declared once. */
export const RUN_PARAMS = {
  n: int(200, 1, 5000, 'Number of particles in every panel.', { label: 'Particles N' }),
  seed: int(1, 0, 2 ** 31 - 1, 'Seed of the initial cloud and of every sampler: same seed, same run.', { label: 'Seed' }),
  steps: int(100, 0, 1_000_000, 'Iterations to run (headless runner).'),
  centerX: num(0, -1e4, 1e4, 'Initial cloud centre, x.', { label: 'Centre x' }),
  centerY: num(0, -1e4, 1e4, 'Initial cloud centre, y.', { label: 'Centre y' }),
  spread: num(2, 0, 1e4, 'Initial cloud standard deviation per axis.', { minExclusive: true, label: 'Spread' }),
} as const;

export type RunParams = ParamValues<typeof RUN_PARAMS>;

/** The settings every panel of an experiment shares: RUN_PARAMS without the runner's step count. */
export const EXPERIMENT_RUN_KEYS = (Object.keys(RUN_PARAMS) as (keyof typeof RUN_PARAMS)[]).filter((k): k is Exclude<keyof typeof RUN_PARAMS, 'steps'> => k !== 'steps');
export type ExperimentRunKey = (typeof EXPERIMENT_RUN_KEYS)[number];

/** Those settings picked out of anything that holds them (the store's settings, a runner config's run). */
export function pickRunValues(o: Readonly<Record<ExperimentRunKey, number>>): Record<ExperimentRunKey, number> {
  return Object.fromEntries(EXPERIMENT_RUN_KEYS.map((k) => [k, o[k]])) as Record<ExperimentRunKey, number>;
}

/** Every shared setting at its declared default. */
export const defaultRunValues = (): Record<ExperimentRunKey, number> => Object.fromEntries(EXPERIMENT_RUN_KEYS.map((k) => [k, RUN_PARAMS[k].default])) as Record<ExperimentRunKey, number>;
