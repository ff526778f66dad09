import { bool, choice, num } from '../params/declare';
import { PRESET_NAMES } from './presets';

/**
 * The target's scalar settings, declared once (name, type, range, default, one sentence): the
 * URL codec and validation read them; formulas and drawings have their own checks
 * (formula/checkText, drawn.checkDrawnSpec, box.boxProblem).
 */
export const TARGET_PARAMS = {
  preset: choice(PRESET_NAMES, PRESET_NAMES[0], 'Preset target density of the gallery (ALGORITHMS.md section 4).'),
  confine: bool(true, 'Softly confine the improper presets (U2-U4) to their box so they can be sampled.'),
  boxEdge: num(0, -1e4, 1e4, 'One edge (xmin, xmax, ymin or ymax) of the box a formula or a drawing lives on.'),
} as const;
