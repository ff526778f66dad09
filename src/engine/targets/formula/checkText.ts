import { boxProblem } from '../box';
import type { Box } from '../types';
import { checkFormulaOnBox } from './checkOnBox';
import { compileBatch, compileScalar, type ScalarEvaluator } from './compileBatch';
import { FormulaError } from './errors';
import { parseFormula } from './parser';

/** A formula the editor may run (with a U evaluator for its preview), or why not and where. */
export type FormulaTextCheck =
  | { readonly ok: true; readonly evaluate: ScalarEvaluator }
  | { readonly ok: false; readonly message: string; readonly column?: number; readonly length?: number };

/**
 * Everything the worker would check before running a formula target, without tfjs: the syntax
 * (a FormulaError names the column and length to underline), the box, and a U that is finite and
 * not constant on the box (checkFormulaOnBox).
 */
export function checkFormulaText(text: string, box: Box): FormulaTextCheck {
  let evaluate: ScalarEvaluator;
  let batch: ReturnType<typeof compileBatch>;
  try {
    const ast = parseFormula(text);
    evaluate = compileScalar(ast);
    batch = compileBatch(ast);
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, message: e.message, column: e.column, length: e.length };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const badBox = boxProblem(box);
  if (badBox) return { ok: false, message: badBox };
  const logDensity = (points: Float64Array) => {
    const n = points.length / 2;
    const xs = new Float64Array(n), ys = new Float64Array(n), u = new Float64Array(n);
    for (let i = 0; i < n; i++) { xs[i] = points[2 * i]; ys[i] = points[2 * i + 1]; }
    batch(xs, ys, u);
    for (let i = 0; i < n; i++) u[i] = -u[i];
    return u;
  };
  const check = checkFormulaOnBox({ logDensity }, box);
  return check.ok ? { ok: true, evaluate } : { ok: false, message: check.message };
}
