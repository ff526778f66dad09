/**
 * Numerically stable log-sum-exp family. Targets built from log(sum of exps) use these so
 * that far from the modes (where every exp underflows to 0) log pi stays finite.
 */

/** log(exp(a) + exp(b)). */
export function logAddExp(a: number, b: number): number {
  // a === b also covers both -Infinity (the subtraction below would give NaN).
  if (a === b) return a + Math.LN2;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** sigmoid(x) = 1 / (1 + exp(-x)), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + exp(x)). */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** log sigmoid(x) = -softplus(-x). */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

/**
 * Softmax weight of a in logAddExp(a, b): d logAddExp/da = sigmoid(a - b)
 * (and 1 minus it for b). Both -Infinity counts as a tie.
 */
export function logAddExpWeight(a: number, b: number): number {
  return a === b ? 0.5 : sigmoid(a - b);
}

/** log(sum_k exp(v[k])) over the first n entries (default all). */
export function logSumExp(v: ArrayLike<number>, n: number = v.length): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) if (v[k] > m) m = v[k];
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.exp(v[k] - m);
  return m + Math.log(s);
}

/**
 * Writes softmax(v) into w (the gradient weights of logSumExp) and returns logSumExp(v).
 * w may alias v.
 */
export function softmaxInto(v: ArrayLike<number>, w: Float64Array, n: number = v.length): number {
  const lse = logSumExp(v, n);
  if (lse === -Infinity) {
    for (let k = 0; k < n; k++) w[k] = 1 / n;
    return lse;
  }
  for (let k = 0; k < n; k++) w[k] = Math.exp(v[k] - lse);
  return lse;
}
