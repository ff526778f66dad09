import { DEFAULT_FORMULA_BOX } from '../targets/formula/formulaTarget';
import { PRESET_NAMES } from '../targets/presets/index';

/**
 * The experiment's constants, declared once for the app, the URL, the worker and the runners.
 */

/** Panels side by side (each its own worker): six, so the paper's five-sampler U3 figure fits on one page. */
export const MAX_PANELS = 6;
/** The sampler of a new panel and of an experiment that names none. */
export const DEFAULT_SAMPLER = 'etd-b';
/** The target of an experiment that names none: the gallery's first preset. */
export const DEFAULT_PRESET = PRESET_NAMES[0] ?? 'u1';
/** The box of a formula or drawn target that gives none. */
export const DEFAULT_BOX = DEFAULT_FORMULA_BOX;
