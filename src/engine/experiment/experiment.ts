import type { Bump } from '../targets/drawn';
import type { LabeledPoint } from '../targets/logistic2d';
import type { TargetSpec } from '../targets/fromSpec';
import { TARGET_PARAMS } from '../targets/targetParams';
import type { Box } from '../targets/types';
import { DEFAULT_BOX, DEFAULT_SAMPLER } from './defaults';
import { defaultRunValues, type ExperimentRunKey } from './runParams';
import { SPEED_PARAM, VIEW_PARAMS, type ViewSettings } from './viewParams';

/**
 * One experiment, declared once: what a link holds, what the store shows, what the worker
 * sessions are built from and (with a run length) what the runner's config holds. Its parts are
 * declared beside it (defaults.ts, runParams.ts, viewParams.ts, targets/targetParams.ts, each
 * sampler's parameter table); the URL codec (src/url), the runner config (runConfig.ts) and the
 * store bridge read and write this type.
 */

/** The target with its confinement and box explicit (the engine's TargetSpec leaves them optional). */
export type ExperimentTarget =
  | { readonly kind: 'preset'; readonly name: string; readonly confine: boolean }
  | { readonly kind: 'formula'; readonly formula: string; readonly box: Box }
  | { readonly kind: 'drawn'; readonly box: Box; readonly bumps: readonly Bump[] }
  | { readonly kind: 'nd'; readonly name: string; readonly dim: number }
  | { readonly kind: 'logistic2d'; readonly points: readonly LabeledPoint[] }
  /** Bayesian logistic regression: a vendored data set by name, or a user's CSV by its key (csv:<file name>; the data are not in it). */
  | { readonly kind: 'blr'; readonly data: string };

/** One panel: a sampler and the overrides of its declared defaults. */
export interface ExperimentPanel {
  readonly sampler: string;
  readonly params: Readonly<Record<string, number | boolean | string>>;
}

/** The run settings every panel shares (RUN_PARAMS without the runner's step count). */
export type ExperimentRun = Record<ExperimentRunKey, number>;

export interface Experiment {
  readonly target: ExperimentTarget;
  readonly run: ExperimentRun;
  /** 1 to MAX_PANELS panels. */
  readonly panels: readonly ExperimentPanel[];
  /** Steps per second of Play. */
  readonly speed: number;
  readonly view: ViewSettings;
}

/** The engine's target spec with confinement and box made explicit. */
export function experimentTarget(t: TargetSpec): ExperimentTarget {
  if (t.kind === 'preset') return { kind: 'preset', name: t.name, confine: t.confine ?? true };
  if (t.kind === 'formula') return { kind: 'formula', formula: t.formula, box: t.box ?? DEFAULT_BOX };
  if (t.kind === 'nd') return { kind: 'nd', name: t.name, dim: t.dim };
  if (t.kind === 'logistic2d') return { kind: 'logistic2d', points: t.points };
  if (t.kind === 'blr') return { kind: 'blr', data: t.data };
  return { kind: 'drawn', box: t.box, bumps: t.bumps };
}

/** The experiment of an empty link: every declaration's default and one panel of the default sampler. */
export function defaultExperiment(): Experiment {
  return {
    target: { kind: 'preset', name: TARGET_PARAMS.preset.default, confine: TARGET_PARAMS.confine.default },
    run: defaultRunValues(),
    panels: [{ sampler: DEFAULT_SAMPLER, params: {} }],
    speed: SPEED_PARAM.default,
    view: { mode: VIEW_PARAMS.ui.default, hide: [] },
  };
}
