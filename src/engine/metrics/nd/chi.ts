/**
 * The chi distribution with d degrees of freedom (the law of ||Z|| for Z ~ N(0, I_d)): its
 * CDF and quantiles, for the radius of d-dimensional mode coverage.
 */

/** log Gamma(a + 1) for a a non-negative multiple of 1/2: exact recursion from Gamma(1) and Gamma(1/2). */
function logGammaPlusOne(a: number): number {
  let x = Number.isInteger(a) ? 1 : 0.5;
  let v = x === 1 ? 0 : 0.5 * Math.log(Math.PI);
  for (; x <= a; x++) v += Math.log(x);
  return v;
}

/**
 * P(||Z|| <= r) for Z ~ N(0, I_d): the regularized lower incomplete gamma P(d / 2, r^2 / 2), by
 * its power series t^a e^-t / Gamma(a + 1) * sum_n t^n / ((a + 1) ... (a + n)), t = r^2 / 2.
 * Every term is positive, so the sum has no cancellation; it is summed in linear scale and its
 * log added to the log prefactor, so the prefactor cannot underflow on its own.
 */
export function chiCdf(r: number, d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new Error(`invalid degrees of freedom: ${d} (must be an integer >= 1)`);
  if (Number.isNaN(r)) return NaN;
  if (r <= 0) return 0;
  if (r === Infinity) return 1;
  const a = d / 2;
  const t = (r * r) / 2;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 100000; n++) {
    term *= t / (a + n);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, Math.exp(a * Math.log(t) - t - logGammaPlusOne(a) + Math.log(sum)));
}

const quantileCache = new Map<string, number>();

/** The radius r with P(||Z|| <= r) = p for Z ~ N(0, I_d), 0 < p < 1, by bisection (cached). */
export function chiQuantile(d: number, p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`invalid probability: ${p} (must be in (0, 1))`);
  const key = `${d}|${p}`;
  const hit = quantileCache.get(key);
  if (hit !== undefined) return hit;
  let lo = 0;
  let hi = Math.sqrt(d) + 4;
  while (chiCdf(hi, d) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let it = 0; it < 200 && hi - lo > 1e-13 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (chiCdf(mid, d) < p) lo = mid;
    else hi = mid;
  }
  const r = 0.5 * (lo + hi);
  quantileCache.set(key, r);
  return r;
}
