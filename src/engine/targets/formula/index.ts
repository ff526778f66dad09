/** Typed formula targets: the user writes U(x, y) and gets a Target with log pi = -U. */
export { FormulaError } from './errors';
export { FUNCTIONS, CONSTANTS, type Node, type FnName, type Span } from './ast';
export { parseFormula, MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH } from './parser';
export { compileBatch, compileScalar, type BatchEvaluator, type ScalarEvaluator } from './compileBatch';
export { compileGradient, type GradientEvaluator } from './compileGradient';
export { stabilize } from './rewrite';
export { explainNonFinite, type NonFiniteCause } from './explain';
export { checkFormulaOnBox, boxWallFormula, type FormulaCheck } from './checkOnBox';
export { createFormulaTarget, DEFAULT_FORMULA_BOX, type FormulaTarget, type FormulaTargetOptions } from './formulaTarget';
