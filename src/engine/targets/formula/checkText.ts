import { boxProblem } from '../box';
import type { Box } from '../types';
import { checkFormulaOnBox } from './checkOnBox';
import type { ScalarEvaluator } from './compileBatch';
import { FormulaError } from './errors';
import { createFormulaTarget, type FormulaTarget } from './formulaTarget';

/** A formula the editor may run (with a U evaluator for its preview), or why not and where. */
export type FormulaTextCheck =
  | { readonly ok: true; readonly evaluate: ScalarEvaluator }
  | { readonly ok: false; readonly message: string; readonly column?: number; readonly length?: number };

/**
 * Everything the worker checks before running a formula target (the same target and the same
 * checkFormulaOnBox as targetFromSpec; plain float64, no tfjs): the syntax (a FormulaError names
 * the column and length to underline), the box, and a U that is finite with a finite gradient on
 * the box (a failure there names the column of the operation at fault), not constant and not
 * unbounded below.
 */
export function checkFormulaText(text: string, box: Box): FormulaTextCheck {
  let target: FormulaTarget;
  try {
    target = createFormulaTarget(text, { box });
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, message: e.message, column: e.column, length: e.length };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const badBox = boxProblem(box);
  if (badBox) return { ok: false, message: badBox };
  const check = checkFormulaOnBox(target, box);
  return check.ok ? { ok: true, evaluate: (x, y) => -target.logDensityAt(x, y) } : check;
}
