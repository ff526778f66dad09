import type { Target } from '../targets/types';
import { factor, logQAndGrad, reparameterise, type GaussianMixture } from './mixture';

/** One step's estimate of grad KL(q || pi) per component, and what the same samples say about q. */
export interface PathGradient {
  readonly mu: Float64Array; // (C, d)
  readonly scale: Float64Array; // (C, d, d)
  /** Euclidean norm of (mu, scale) together. */
  readonly norm: number;
  /** Monte Carlo E_q[log pi - log q] with the unnormalised log pi: the ELBO, log Z - KL(q || pi). */
  readonly elbo: number;
  /** Samples at which the target's score was NaN or infinite. */
  readonly nonFiniteScores: number;
}

/**
 * The path-derivative (stop-gradient) estimator of the gradient of KL(q || pi) = E_q[log q - log pi]
 * with respect to each component's (mu_c, S_c), divided by the component's weight 1/C (so every
 * component moves at the step of a single Gaussian). With z = mu_c + S_c xi and
 * g(z) = grad_z log q(z) - grad log pi(z), q's parameters held constant inside log q:
 *   grad_mu_c = (1/K) sum_k g(z_k),   grad_S_c = (1/K) sum_k g(z_k) xi_k^T.
 * Only the target's score is needed (no Hessian). For C = 1, grad_z log q(z) = -S^-T xi, and in
 * expectation (Stein's lemma) -grad_mu = E[grad log pi], -grad_S = (E[grad^2 log pi] + Sigma^-1) S:
 * the Bures-Wasserstein gradient flow's vector field, so a gradient step of size h is its forward
 * Euler step (Yi & Liu 2023, arXiv 2310.20090).
 * xi: (C, K, d) standard normal base draws.
 */
export function pathGradient(q: GaussianMixture, target: Target, xi: Float64Array): PathGradient {
  const { c, d } = q;
  const k = xi.length / (c * d);
  if (!Number.isInteger(k) || k < 1) throw new Error(`invalid base draws: ${xi.length} numbers for ${c} components in ${d} dimensions`);
  const f = factor(q);
  const z = reparameterise(q, xi); // (C K, d)
  const logPi = target.logDensity(z); // (C K)
  const score = target.score(z); // (C K, d)
  const mu = new Float64Array(c * d);
  const scale = new Float64Array(c * d * d);
  const g = new Float64Array(d);
  const u = new Float64Array(c * d);
  let elbo = 0;
  let nonFiniteScores = 0;
  for (let j = 0; j < c; j++) {
    for (let s = 0; s < k; s++) {
      const o = (j * k + s) * d;
      let finite = true;
      for (let a = 0; a < d; a++) finite &&= Number.isFinite(score[o + a]);
      if (!finite) nonFiniteScores++;
      const logQ = logQAndGrad(q, f, z, o, g, u);
      elbo += logPi[j * k + s] - logQ;
      for (let a = 0; a < d; a++) {
        const ga = (g[a] - score[o + a]) / k;
        mu[j * d + a] += ga;
        const row = j * d * d + a * d;
        for (let b = 0; b < d; b++) scale[row + b] += ga * xi[o + b];
      }
    }
  }
  let sq = 0;
  for (const v of mu) sq += v * v;
  for (const v of scale) sq += v * v;
  return { mu, scale, norm: Math.sqrt(sq), elbo: elbo / (c * k), nonFiniteScores };
}
