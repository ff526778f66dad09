/**
 * Closed forms between two Gaussians in 2D, the lab's check on its barycentric map.
 * Entropic map for c = 0.5 ||x - y||^2 and regularisation eps KL(pi | mu x nu): Janati, Muzellec,
 * Peyré, Cuturi, "Entropic optimal transport between unbalanced Gaussian measures has a closed
 * form" (NeurIPS 2020), Prop. 1, solves min ||x - y||^2 + 2 sigma^2 KL, which is twice ours with
 * sigma^2 = eps. With A = Sigma_s, B = Sigma_t: D = (4 A^1/2 B A^1/2 + eps^2 I)^1/2,
 * the plan's cross-covariance C = (A^1/2 D A^-1/2 - eps I) / 2 and the conditional mean
 * E[Y | X = x] = m_t + C^T A^-1 (x - m_s). At eps = 0 this is the Monge map
 * A^-1/2 (A^1/2 B A^1/2)^1/2 A^-1/2 (x - m_s) + m_t.
 */

/** 2x2 matrix, row-major [a, b, c, d]. */
export type Mat2 = readonly [number, number, number, number];

export const mul = (p: Mat2, q: Mat2): Mat2 => [
  p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3],
  p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3],
];
const add = (p: Mat2, q: Mat2): Mat2 => [p[0] + q[0], p[1] + q[1], p[2] + q[2], p[3] + q[3]];
const scale = (p: Mat2, s: number): Mat2 => [p[0] * s, p[1] * s, p[2] * s, p[3] * s];
const transpose = (p: Mat2): Mat2 => [p[0], p[2], p[1], p[3]];
const I2: Mat2 = [1, 0, 0, 1];

export function inverse(p: Mat2): Mat2 {
  const det = p[0] * p[3] - p[1] * p[2];
  return [p[3] / det, -p[1] / det, -p[2] / det, p[0] / det];
}

/** Principal square root of a 2x2 symmetric positive definite matrix: (M + sqrt(det) I) / sqrt(tr + 2 sqrt(det)). */
export function sqrtSpd(m: Mat2): Mat2 {
  const s = Math.sqrt(m[0] * m[3] - m[1] * m[2]);
  const t = Math.sqrt(m[0] + m[3] + 2 * s);
  return scale(add(m, scale(I2, s)), 1 / t);
}

export interface Gaussian2 {
  readonly mean: readonly [number, number];
  readonly cov: Mat2;
}

/** The linear part L of x -> m_t + L (x - m_s), the entropic conditional mean (eps = 0: Monge). */
export function entropicMapMatrix(A: Mat2, B: Mat2, eps: number): Mat2 {
  const rA = sqrtSpd(A);
  const D = sqrtSpd(add(scale(mul(mul(rA, B), rA), 4), scale(I2, eps * eps)));
  const C = scale(add(mul(mul(rA, D), inverse(rA)), scale(I2, -eps)), 0.5);
  return mul(transpose(C), inverse(A));
}

/** Apply x -> m_t + L (x - m_s) to points (n, 2). */
export function applyAffine(L: Mat2, src: Gaussian2, tgt: Gaussian2, pts: Float64Array): Float64Array {
  const out = new Float64Array(pts.length);
  for (let i = 0; i < pts.length / 2; i++) {
    const dx = pts[2 * i] - src.mean[0], dy = pts[2 * i + 1] - src.mean[1];
    out[2 * i] = tgt.mean[0] + L[0] * dx + L[1] * dy;
    out[2 * i + 1] = tgt.mean[1] + L[2] * dx + L[3] * dy;
  }
  return out;
}

/** n draws of a Gaussian from standard normals z (n, 2): m + chol(Sigma) z. */
export function gaussianPoints(g: Gaussian2, z: Float64Array): Float64Array {
  const [a, b, , d] = g.cov;
  const l11 = Math.sqrt(a), l21 = b / l11, l22 = Math.sqrt(d - l21 * l21);
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length / 2; i++) {
    out[2 * i] = g.mean[0] + l11 * z[2 * i];
    out[2 * i + 1] = g.mean[1] + l21 * z[2 * i] + l22 * z[2 * i + 1];
  }
  return out;
}
