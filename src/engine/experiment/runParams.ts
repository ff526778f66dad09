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
