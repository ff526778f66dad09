import { bool, choice, int, num } from '../params/declare';
import { ND_DIM_MAX, ND_DIM_MIN, ND_TARGET_NAMES } from './nd/index';
import { PRESET_NAMES } from './presets';

/** The link's name (t=blr) of the Bayesian logistic-regression target; its data set is the link's `data`. */
export const BLR_TARGET_NAME = 'blr';

/**
 * The target's scalar settings, declared once (name, type, range, default, one sentence): the
 * URL codec and validation read them; formulas and drawings have their own checks
 * (formula/checkText, drawn.checkDrawnSpec, box.boxProblem).
 */
export const TARGET_PARAMS = {
  preset: choice(PRESET_NAMES, PRESET_NAMES[0], 'Preset target density of the gallery (docs/algorithms.md §4).'),
  /** A named target of either kind: the 2D presets and the d-dimensional families (the link's `t`). */
  name: choice(
    [...PRESET_NAMES, ...ND_TARGET_NAMES, BLR_TARGET_NAME],
    PRESET_NAMES[0],
    'Named target: a 2D preset of the gallery, a d-dimensional family (iso-gaussian, aniso-gaussian, gmm-d) of dimension dim, or blr (Bayesian logistic regression on the data set `data`).',
  ),
  dim: int(10, ND_DIM_MIN, ND_DIM_MAX, 'Dimension d of the d-dimensional targets (two of its coordinates are drawn).', { label: 'Dimension d' }),
  confine: bool(true, 'Softly confine the improper presets (U2-U4) to their box so they can be sampled.'),
  boxEdge: num(0, -1e4, 1e4, 'One edge (xmin, xmax, ymin or ymax) of the box a formula or a drawing lives on.'),
} as const;

/** Is `name` one of the d-dimensional target families? */
export const isNdName = (name: string): boolean => (ND_TARGET_NAMES as readonly string[]).includes(name);
