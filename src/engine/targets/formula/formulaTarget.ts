import * as tf from '@tensorflow/tfjs';
import type { Box, Target } from '../types';
import { usesVariables } from './ast';
import { compileBatch, compileScalar } from './compileBatch';
import { compileTensor } from './compileTensor';
import { parseFormula } from './parser';

export const DEFAULT_FORMULA_BOX: Box = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };

export interface FormulaTargetOptions {
  readonly box?: Box;
  readonly name?: string;
}

function pointCount(points: Float64Array): number {
  if (points.length % 2 !== 0) throw new Error(`points must be interleaved (x, y) pairs, got length ${points.length}`);
  return points.length / 2;
}

/**
 * A target from a typed U(x, y) (log pi = -U). Throws FormulaError for a malformed formula.
 * log pi uses the typed-array evaluator; the score is -grad U by tf automatic differentiation
 * in float32 (so expect ~1e-6 relative error), on whatever tfjs backend is active.
 */
export function createFormulaTarget(src: string, opts: FormulaTargetOptions = {}): Target {
  const ast = parseFormula(src);
  const batchU = compileBatch(ast);
  const scalarU = compileScalar(ast);
  const tensorU = compileTensor(ast);
  const readsX = usesVariables(ast, 'x');
  const readsY = usesVariables(ast, 'y');

  // Reused de-interleaving buffers: the sampler calls these every step with the same n.
  let xs = new Float64Array(0), ys = new Float64Array(0);
  let xs32 = new Float32Array(0), ys32 = new Float32Array(0);

  function logDensity(points: Float64Array, out?: Float64Array): Float64Array {
    const n = pointCount(points);
    const res = out ?? new Float64Array(n);
    if (xs.length < n) { xs = new Float64Array(n); ys = new Float64Array(n); }
    for (let i = 0; i < n; i++) { xs[i] = points[2 * i]; ys[i] = points[2 * i + 1]; }
    const u = res.length === n ? res : res.subarray(0, n);
    batchU(xs, ys, u);
    for (let i = 0; i < n; i++) u[i] = -u[i];
    return res;
  }

  /** -grad U as an (n, 2) tensor; tf.grad cannot differentiate w.r.t. a variable U never reads. */
  function negGradU(x: tf.Tensor1D, y: tf.Tensor1D): tf.Tensor {
    let gx: tf.Tensor, gy: tf.Tensor;
    if (readsX && readsY) {
      [gx, gy] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tensorU(a as tf.Tensor1D, b as tf.Tensor1D))([x, y]);
      [gx, gy] = [tf.neg(gx), tf.neg(gy)];
    } else {
      // Unread variables get +0 (negating zeros would give -0).
      gx = readsX ? tf.neg(tf.grad((a: tf.Tensor) => tensorU(a as tf.Tensor1D, y))(x)) : tf.zerosLike(x);
      gy = readsY ? tf.neg(tf.grad((b: tf.Tensor) => tensorU(x, b as tf.Tensor1D))(y)) : tf.zerosLike(y);
    }
    return tf.stack([gx, gy], 1); // (n, 2) row-major = interleaved x, y
  }

  function score(points: Float64Array, out?: Float64Array): Float64Array {
    const n = pointCount(points);
    const res = out ?? new Float64Array(2 * n);
    if (n === 0) return res;
    if (xs32.length < n) { xs32 = new Float32Array(n); ys32 = new Float32Array(n); }
    for (let i = 0; i < n; i++) { xs32[i] = points[2 * i]; ys32[i] = points[2 * i + 1]; }
    const g = tf.tidy(() => negGradU(tf.tensor1d(xs32.subarray(0, n)), tf.tensor1d(ys32.subarray(0, n))));
    try {
      res.set(g.dataSync().subarray(0, 2 * n)); // widens float32 to float64
    } finally {
      g.dispose();
    }
    return res;
  }

  return {
    name: opts.name ?? `U(x, y) = ${src.trim()}`,
    box: opts.box ?? DEFAULT_FORMULA_BOX,
    logDensity,
    score,
    logDensityAt: (x, y) => -scalarU(x, y),
  };
}

// The box check needs only log pi (no tfjs), so the editor on the main thread can run it too.
export { checkFormulaOnBox, type FormulaCheck } from './checkOnBox';
