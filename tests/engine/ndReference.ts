/**
 * Direct, deliberately naive computations of the baselines' formulas (docs/algorithms.md
 * section 2) in d dimensions, written from the formulas rather than from the engine's code:
 * points are arrays of rows, sums are plain loops, norms are sqrt(sum of squares). The tests
 * compare one sampler step against them.
 */

export type Rows = number[][];

export const rowsOf = (x: Float64Array, d: number): Rows =>
  Array.from({ length: x.length / d }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));

export const flat = (rows: Rows): Float64Array => Float64Array.from(rows.flat());

const sqDist = (a: number[], b: number[]): number => a.reduce((s, v, t) => s + (v - b[t]) ** 2, 0);

/** h = median of all N^2 squared distances / log(N + 1), by sorting them all. */
export function medianHeuristic(x: Rows): number {
  const all = x.flatMap((a) => x.map((b) => sqDist(a, b))).sort((p, q) => p - q);
  const m = all.length;
  const med = m % 2 ? all[(m - 1) / 2] : 0.5 * (all[m / 2 - 1] + all[m / 2]);
  return Math.max(med / Math.log(x.length + 1), 1e-8);
}

export const kernel = (a: number[], b: number[], h: number): number => Math.exp(-sqDist(a, b) / h);

/** s scaled down to norm c when longer. */
export function clipped(s: number[], c: number): number[] {
  const norm = Math.sqrt(s.reduce((a, v) => a + v * v, 0));
  return norm > c ? s.map((v) => (v * c) / norm) : s.slice();
}

/** phi(x_i) = (1/N) sum_j [ k(x_j, x_i) s_j + (2/h)(x_i - x_j) k(x_j, x_i) ]. */
export function svgdPhiRef(x: Rows, s: Rows, h: number): Rows {
  const n = x.length;
  return x.map((xi) =>
    xi.map((_, t) => {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += kernel(x[j], xi, h) * s[j][t] + (2 / h) * (xi[t] - x[j][t]) * kernel(x[j], xi, h);
      return sum / n;
    }),
  );
}

/**
 * GF-SVGD with the Gaussian KDE surrogate of bandwidth^2 = h / 2:
 * rho(y) = (1/N) sum_k N(y; x_k, (h / 2) I), w_j = rho(x_j) / target(x_j) normalised,
 * phi(x_i) = sum_j w_j [ k(x_j, x_i) grad log rho(x_j) + (2/h)(x_i - x_j) k(x_j, x_i) ].
 */
export function gfPhiRef(x: Rows, logTarget: number[], h: number): Rows {
  const n = x.length;
  const d = x[0].length;
  const sigma2 = h / 2;
  const gauss = (y: number[], c: number[]) => Math.exp(-sqDist(y, c) / (2 * sigma2)) / Math.pow(2 * Math.PI * sigma2, d / 2);
  const rho = x.map((y) => x.reduce((a, c) => a + gauss(y, c), 0) / n);
  // grad rho(y) = (1/N) sum_k N(y; x_k) (x_k - y) / sigma^2
  const gradLogRho = x.map((y, j) => y.map((_, t) => x.reduce((a, c) => a + (gauss(y, c) * (c[t] - y[t])) / sigma2, 0) / n / rho[j]));
  const logw = rho.map((r, j) => Math.log(r) - logTarget[j]);
  const top = Math.max(...logw);
  const w = logw.map((v) => Math.exp(v - top));
  const wsum = w.reduce((a, v) => a + v, 0);
  return x.map((xi) =>
    xi.map((_, t) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const k = kernel(x[j], xi, h);
        sum += (w[j] / wsum) * (k * gradLogRho[j][t] + (2 / h) * (xi[t] - x[j][t]) * k);
      }
      return sum;
    }),
  );
}

/** Determinant and inverse of a square matrix by Gauss-Jordan elimination with partial pivoting. */
export function detInverse(a: Rows): { det: number; inv: Rows } {
  const n = a.length;
  const m = a.map((r, i) => [...r, ...r.map((_, j) => (i === j ? 1 : 0))]);
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (p !== c) {
      [m[p], m[c]] = [m[c], m[p]];
      det = -det;
    }
    const piv = m[c][c];
    det *= piv;
    m[c] = m[c].map((v) => v / piv);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      m[r] = m[r].map((v, j) => v - f * m[c][j]);
    }
  }
  return { det, inv: m.map((r) => r.slice(n)) };
}

/**
 * log N(y; mean, C) of the Gaussian with the cloud's mean and (1/N) covariance, plus the
 * engine's ridge 1e-9 (1 + trace / N) on the diagonal (trace of the unnormalised scatter).
 */
export function fittedGaussianRef(x: Rows): (y: number[]) => number {
  const n = x.length;
  const d = x[0].length;
  const mean = x[0].map((_, t) => x.reduce((a, r) => a + r[t], 0) / n);
  const scatter = mean.map((_, a) => mean.map((_, b) => x.reduce((s, r) => s + (r[a] - mean[a]) * (r[b] - mean[b]), 0)));
  const ridge = 1e-9 * (1 + scatter.reduce((s, r, a) => s + r[a], 0) / n);
  const cov = scatter.map((r, a) => r.map((v, b) => v / n + (a === b ? ridge : 0)));
  const { det, inv } = detInverse(cov);
  return (y) => {
    const dy = y.map((v, t) => v - mean[t]);
    const q = dy.reduce((s, u, a) => s + u * dy.reduce((s2, v, b) => s2 + inv[a][b] * v, 0), 0);
    return -0.5 * d * Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
  };
}
