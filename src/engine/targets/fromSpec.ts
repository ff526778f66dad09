import { createDrawnTarget, type DrawnSpec } from './drawn';
import { checkFormulaOnBox, createFormulaTarget, DEFAULT_FORMULA_BOX, FormulaError } from './formula';
import { createPresetTarget } from './presets';
import { boxProblem } from './box';
import { ndTargetOf, ndViewOf, type NdSpec } from './ndSpec';
import type { TargetNd } from './nd/types';
import type { Box, Target } from './types';
import { blrData, type BlrData } from './blr/dataSets';
import { blrTarget } from './blr/target';
import { createLogistic2dTarget, type Logistic2dSpec } from './logistic2d';

/**
 * A Bayesian logistic regression posterior (targets/blr): `data` names a vendored data set
 * (breast-cancer, sonar, ionosphere) or a data set provided at run time (the runner's key for a
 * user's CSV is its path). Its dimension is the data's number of feature columns.
 */
export interface BlrSpec {
  readonly kind: 'blr';
  readonly data: string;
}

/**
 * How an experiment names its target: a preset by name, a typed formula U(x, y) on a box, a
 * drawing, a d-dimensional family with its dimension, or the points of the 2D logistic-regression view.
 */
export type TargetSpec =
  | { readonly kind: 'preset'; readonly name: string; readonly confine?: boolean }
  | NdSpec
  | BlrSpec
  | { readonly kind: 'formula'; readonly formula: string; readonly box?: Box }
  | DrawnSpec
  | Logistic2dSpec;

/**
 * Build the target. A formula is refused (FormulaError with the column to underline when there is
 * one) when checkFormulaOnBox finds U or its gradient not finite on the box, U constant or U
 * unbounded below. A d-dimensional target is viewed through coordinates (0, 1) (ndSpec.ndViewOf
 * for another pair). Formula targets are plain float64 numerics: no tfjs backend is needed.
 */
export function targetFromSpec(spec: TargetSpec): Target {
  if (spec.kind === 'preset') return createPresetTarget(spec.name, { confine: spec.confine ?? true });
  if (spec.kind === 'drawn') return createDrawnTarget(spec);
  if (spec.kind === 'logistic2d') return createLogistic2dTarget(spec);
  if (spec.kind === 'nd') return ndViewOf(ndTargetOf(spec));
  if (spec.kind === 'blr') return blrTarget(blrData(spec.data));
  const box = spec.box ?? DEFAULT_FORMULA_BOX;
  const problem = boxProblem(box);
  if (problem) throw new Error(problem);
  const target = createFormulaTarget(spec.formula, { box });
  const check = checkFormulaOnBox(target, box);
  if (!check.ok) throw check.column ? new FormulaError(check.message, check.column, check.length) : new Error(check.message);
  return target;
}

/** A spec's target as the samplers see it, and for d-dimensional specs the target itself (exact moments, marginals). */
export interface ResolvedTarget {
  readonly target: Target;
  readonly nd: TargetNd | null;
  /** Dimension of the points: nd.dim, the BLR data's, or 2. */
  readonly dim: number;
  /** The data set of a BLR target (its metrics are against its reference posterior and test split). */
  readonly blr?: BlrData;
}

export function resolveTarget(spec: TargetSpec): ResolvedTarget {
  if (spec.kind === 'blr') {
    const blr = blrData(spec.data);
    return { target: blrTarget(blr), nd: null, dim: blr.problem.dim, blr };
  }
  if (spec.kind !== 'nd') return { target: targetFromSpec(spec), nd: null, dim: 2 };
  const nd = ndTargetOf(spec);
  return { target: ndViewOf(nd), nd, dim: nd.dim };
}
