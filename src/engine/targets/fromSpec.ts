import { createDrawnTarget, type DrawnSpec } from './drawn';
import { checkFormulaOnBox, createFormulaTarget, DEFAULT_FORMULA_BOX } from './formula';
import { createPresetTarget } from './presets';
import { boxProblem } from './box';
import type { Box, Target } from './types';

/** How an experiment names its target: a preset by name, a typed formula U(x, y) on a box, or a drawing. */
export type TargetSpec =
  | { readonly kind: 'preset'; readonly name: string; readonly confine?: boolean }
  | { readonly kind: 'formula'; readonly formula: string; readonly box?: Box }
  | DrawnSpec;

/** Build the target; a formula that is not finite on its box is refused with the reason. */
export function targetFromSpec(spec: TargetSpec): Target {
  if (spec.kind === 'preset') return createPresetTarget(spec.name, { confine: spec.confine ?? true });
  if (spec.kind === 'drawn') return createDrawnTarget(spec);
  const box = spec.box ?? DEFAULT_FORMULA_BOX;
  const problem = boxProblem(box);
  if (problem) throw new Error(problem);
  const target = createFormulaTarget(spec.formula, { box });
  const check = checkFormulaOnBox(target, box);
  if (!check.ok) throw new Error(check.message);
  return target;
}
