import { medianGram, rbfWorkspace, type RbfWorkspace } from './rbf';

/**
 * The gradient-free SVGD direction (Han & Liu 2018), shared by GF-SVGD and AGF-SVGD, which
 * differ only in the log target they pass (docs/ALGORITHMS.md section 2).
 *
 * Surrogate rho = Gaussian KDE of the current particles with bandwidth^2 = h / 2, h from the
 * median heuristic. With that bandwidth each KDE bump is the RBF kernel itself, normalised:
 *   rho(y) = (1 / N) sum_k exp(-||y - x_k||^2 / h) / (pi h),
 *   grad log rho(x_j) = -(2 / h) sum_k K_jk (x_j - x_k) / sum_k K_jk,
 * so the Gram matrix K serves both the surrogate and the update. Weights
 * w_j = rho(x_j) / target(x_j), normalised to sum 1 in log space, and
 *   phi(x_i) = sum_j w_j [ K_ji grad log rho(x_j) + (2 / h)(x_i - x_j) K_ji ].
 */

export interface GfWorkspace extends RbfWorkspace {
  /** log w_j, then normalised weights w_j (N). */
  readonly w: Float64Array;
  /** grad log rho at the particles (N, 2). */
  readonly gradLogRho: Float64Array;
}

export function gfWorkspace(n: number): GfWorkspace {
  return { ...rbfWorkspace(n), w: new Float64Array(n), gradLogRho: new Float64Array(2 * n) };
}

/**
 * Normalise log weights (N) in place into weights summing to 1; returns 1 / sum w^2.
 * A weight that is NaN or +infinite (log target NaN or -infinite at that particle) is set to
 * the largest finite one, so one bad point cannot turn every weight into NaN; if none is
 * finite the weights are uniform.
 */
function normaliseLogWeights(lw: Float64Array): number {
  const n = lw.length;
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (Number.isFinite(lw[j]) && lw[j] > max) max = lw[j];
  if (max === -Infinity) {
    lw.fill(1 / n);
    return n;
  }
  let sum = 0;
  for (let j = 0; j < n; j++) {
    if (Number.isNaN(lw[j]) || lw[j] === Infinity) lw[j] = max;
    lw[j] = Math.exp(lw[j] - max);
    sum += lw[j];
  }
  let sq = 0;
  for (let j = 0; j < n; j++) {
    lw[j] /= sum;
    sq += lw[j] * lw[j];
  }
  return 1 / sq;
}

/**
 * GF-SVGD direction at the particles. x: (N, 2); logTarget: (N) log of the (possibly annealed,
 * unnormalised) target at the particles; out: (N, 2). Returns the bandwidth h and the weights'
 * effective sample size 1 / sum w^2 (between 1 and N).
 */
export function gfSvgdPhi(
  x: Float64Array,
  logTarget: Float64Array,
  ws: GfWorkspace,
  out: Float64Array,
): { bandwidth: number; weightEss: number } {
  const n = ws.n;
  const h = medianGram(x, ws);
  const k = ws.k;
  const g = ws.gradLogRho;
  const lw = ws.w;
  const logNorm = Math.log(n * Math.PI * h); // rho(x_j) = sum_k K_jk / (N pi h)
  for (let j = 0; j < n; j++) {
    let s = 0;
    let gx = 0;
    let gy = 0;
    for (let m = 0; m < n; m++) {
      const kjm = k[j * n + m];
      s += kjm;
      gx += kjm * (x[2 * j] - x[2 * m]);
      gy += kjm * (x[2 * j + 1] - x[2 * m + 1]);
    }
    // s >= K_jj = 1, so the log and the division are safe.
    g[2 * j] = (-2 / h) * (gx / s);
    g[2 * j + 1] = (-2 / h) * (gy / s);
    lw[j] = Math.log(s) - logNorm - logTarget[j];
  }
  const weightEss = normaliseLogWeights(lw);
  const c = 2 / h;
  for (let i = 0; i < n; i++) {
    let px = 0;
    let py = 0;
    for (let j = 0; j < n; j++) {
      const wk = lw[j] * k[j * n + i];
      px += wk * (g[2 * j] + c * (x[2 * i] - x[2 * j]));
      py += wk * (g[2 * j + 1] + c * (x[2 * i + 1] - x[2 * j + 1]));
    }
    out[2 * i] = px;
    out[2 * i + 1] = py;
  }
  return { bandwidth: h, weightEss };
}
