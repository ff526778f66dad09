import type { Box, NonFiniteExplanation, Target } from '../types';
import type { Node } from './ast';
import { compileBatch, compileScalar } from './compileBatch';
import { compileGradient } from './compileGradient';
import { explainNonFinite, type NonFiniteCause } from './explain';
import { parseFormula } from './parser';
import { stabilize } from './rewrite';

export const DEFAULT_FORMULA_BOX: Box = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };

export interface FormulaTargetOptions {
  readonly box?: Box;
  readonly name?: string;
}

/** A target typed as U(x, y), with the formula it was built from and a column-precise explainer. */
export interface FormulaTarget extends Target {
  readonly formula: string;
  /** The tree that is evaluated: the parsed formula after the stable rewrites (./rewrite). */
  readonly ast: Node;
  explainNonFinite(x: number, y: number): NonFiniteCause | null;
}

function pointCount(points: Float64Array): number {
  if (points.length % 2 !== 0) throw new Error(`points must be interleaved (x, y) pairs, got length ${points.length}`);
  return points.length / 2;
}

/**
 * A target from a typed U(x, y) (log pi = -U). Throws FormulaError for a malformed formula.
 * The formula is rewritten into stable forms (log of sums of exps as logsumexp, ...; see
 * ./rewrite), then log pi comes from the typed-array evaluator and the score -grad U from
 * forward-mode differentiation, both in float64 (no TensorFlow.js). Where U is not finite the
 * score is NaN: there is no gradient of a density that is not there.
 */
export function createFormulaTarget(src: string, opts: FormulaTargetOptions = {}): FormulaTarget {
  const ast = stabilize(parseFormula(src));
  const batchU = compileBatch(ast);
  const scalarU = compileScalar(ast);
  const gradU = compileGradient(ast);

  // Reused de-interleaving buffers: the sampler calls these every step with the same n.
  let xs = new Float64Array(0), ys = new Float64Array(0);
  let u = new Float64Array(0), gx = new Float64Array(0), gy = new Float64Array(0);
  const grow = (n: number) => {
    if (xs.length >= n) return;
    xs = new Float64Array(n);
    ys = new Float64Array(n);
  };
  const split = (points: Float64Array, n: number) => {
    grow(n);
    for (let i = 0; i < n; i++) { xs[i] = points[2 * i]; ys[i] = points[2 * i + 1]; }
  };

  function logDensity(points: Float64Array, out?: Float64Array): Float64Array {
    const n = pointCount(points);
    const res = out ?? new Float64Array(n);
    split(points, n);
    const v = res.length === n ? res : res.subarray(0, n);
    batchU(xs, ys, v);
    for (let i = 0; i < n; i++) v[i] = -v[i];
    return res;
  }

  function score(points: Float64Array, out?: Float64Array): Float64Array {
    const n = pointCount(points);
    const res = out ?? new Float64Array(2 * n);
    if (n === 0) return res;
    split(points, n);
    if (u.length < n) { u = new Float64Array(n); gx = new Float64Array(n); gy = new Float64Array(n); }
    const un = u.subarray(0, n);
    gradU(xs, ys, un, gx, gy);
    for (let i = 0; i < n; i++) {
      const ok = Number.isFinite(un[i]);
      // 0 - g, not -g: a variable U ignores gets +0, never -0.
      res[2 * i] = ok ? 0 - gx[i] : NaN;
      res[2 * i + 1] = ok ? 0 - gy[i] : NaN;
    }
    return res;
  }

  return {
    name: opts.name ?? `U(x, y) = ${src.trim()}`,
    box: opts.box ?? DEFAULT_FORMULA_BOX,
    formula: src,
    ast,
    logDensity,
    score,
    logDensityAt: (x, y) => -scalarU(x, y),
    explainNonFinite: (x, y): NonFiniteCause | null => explainNonFinite(ast, src, x, y),
  };
}

export type { NonFiniteCause, NonFiniteExplanation };
