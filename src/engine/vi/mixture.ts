import { invert } from './dense';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * An equal-weight mixture of C Gaussians in d dimensions, q = (1/C) sum_c N(mu_c, S_c S_c^T);
 * C = 1 is the single Gaussian of Gaussian VI. The arrays are the state a VI sampler updates.
 */
export interface GaussianMixture {
  readonly c: number;
  readonly d: number;
  readonly mu: Float64Array; // (C, d)
  readonly scale: Float64Array; // (C, d, d) row-major S_c
}

/** What log q needs of every component, computed once per evaluation batch. */
export interface Factored {
  /** (C, d, d) S_c^-1 */
  readonly inverse: Float64Array;
  /** (C) log N's constant: -(d/2) log 2 pi - log |det S_c| - log C. */
  readonly logNorm: Float64Array;
}

/** The inverses and normalisers of q's components; throws a readable error when some S_c is singular. */
export function factor(q: GaussianMixture): Factored {
  const { c, d } = q;
  const inverse = new Float64Array(c * d * d);
  const logNorm = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const inv = invert(q.scale.subarray(j * d * d, (j + 1) * d * d), d);
    if (!inv) throw new Error(`the scale matrix S${c > 1 ? ` of component ${j + 1}` : ''} of q is singular or not finite (try a smaller step h)`);
    inverse.set(inv.inverse, j * d * d);
    logNorm[j] = -0.5 * d * LOG_2PI - inv.logAbsDet - Math.log(c);
  }
  return { inverse, logNorm };
}

/**
 * log q(z) and, into grad (d), grad_z log q(z) = -sum_j r_j(z) S_j^-T S_j^-1 (z - mu_j) with the
 * responsibilities r_j = q_j(z) / (C q(z)). The parameters are constants here: this is the
 * stop-gradient log q of the path-derivative estimator. z: (d) at offset o; u: (C, d) scratch.
 */
export function logQAndGrad(q: GaussianMixture, f: Factored, z: Float64Array, o: number, grad: Float64Array, u: Float64Array): number {
  const { c, d } = q;
  const logs = new Float64Array(c);
  let top = -Infinity;
  for (let j = 0; j < c; j++) {
    let sq = 0;
    for (let a = 0; a < d; a++) {
      let s = 0;
      const row = j * d * d + a * d;
      for (let b = 0; b < d; b++) s += f.inverse[row + b] * (z[o + b] - q.mu[j * d + b]);
      u[j * d + a] = s;
      sq += s * s;
    }
    logs[j] = f.logNorm[j] - 0.5 * sq;
    if (logs[j] > top) top = logs[j];
  }
  let sum = 0;
  for (let j = 0; j < c; j++) sum += Math.exp(logs[j] - top);
  const logQ = top + Math.log(sum);
  grad.fill(0);
  for (let j = 0; j < c; j++) {
    const r = Math.exp(logs[j] - logQ);
    if (r === 0) continue;
    // grad -= r S_j^-T u_j: column a of S_j^-1 dotted with u_j.
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += f.inverse[j * d * d + b * d + a] * u[j * d + b];
      grad[a] -= r * s;
    }
  }
  return logQ;
}

/** z = mu_c + S_c xi for every component c and its K base draws. xi: (C, K, d). Returns (C K, d). */
export function reparameterise(q: GaussianMixture, xi: Float64Array, out?: Float64Array): Float64Array {
  const { c, d } = q;
  const k = xi.length / (c * d);
  const z = out ?? new Float64Array(xi.length);
  for (let j = 0; j < c; j++) {
    for (let s = 0; s < k; s++) {
      const o = (j * k + s) * d;
      for (let a = 0; a < d; a++) {
        let v = q.mu[j * d + a];
        const row = j * d * d + a * d;
        for (let b = 0; b < d; b++) v += q.scale[row + b] * xi[o + b];
        z[o + a] = v;
      }
    }
  }
  return z;
}
