/** Moment errors of d-dimensional particles against a target's exact mean and variances. */

export interface NdMomentErrors {
  /** ||mean(X) - mean_ref|| */
  readonly meanError: number;
  /** var(X_k) / var_ref_k for every coordinate. (d) */
  readonly varRatio: Float64Array;
  /** Mean of varRatio over the d coordinates. */
  readonly meanVarRatio: number;
  /** Minimum of varRatio: the most collapsed coordinate. */
  readonly minVarRatio: number;
}

/**
 * Mean error and per-coordinate variance ratios of x: (N, d). var(X_k) is the population variance
 * (divide by N), the convention of the 2D momentErrors, so at d = 2 the two agree.
 */
export function momentErrorsNd(x: Float64Array, d: number, refMean: ArrayLike<number>, refVar: ArrayLike<number>): NdMomentErrors {
  if (refMean.length !== d || refVar.length !== d) {
    throw new Error(`reference moments have lengths ${refMean.length} and ${refVar.length}, expected the dimension ${d}`);
  }
  const n = Math.floor(x.length / d);
  const varRatio = new Float64Array(d);
  if (n === 0) return { meanError: NaN, varRatio: varRatio.fill(NaN), meanVarRatio: NaN, minVarRatio: NaN };
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0, o = i * d; k < d; k++) mean[k] += x[o + k];
  for (let k = 0; k < d; k++) mean[k] /= n;
  // Second pass on centred values, for accuracy when the mean is large against the spread.
  for (let i = 0; i < n; i++) {
    for (let k = 0, o = i * d; k < d; k++) {
      const dk = x[o + k] - mean[k];
      varRatio[k] += dk * dk;
    }
  }
  let err2 = 0;
  let sum = 0;
  let min = Infinity;
  for (let k = 0; k < d; k++) {
    const e = mean[k] - refMean[k];
    err2 += e * e;
    const r = varRatio[k] / n / refVar[k];
    varRatio[k] = r;
    sum += r;
    if (r < min) min = r;
  }
  return { meanError: Math.sqrt(err2), varRatio, meanVarRatio: sum / d, minVarRatio: min };
}
