import { medianGram, rbfWorkspace, type RbfWorkspace } from './rbf';

/**
 * The gradient-free SVGD direction (Han & Liu 2018), shared by GF-SVGD and AGF-SVGD, which
 * differ only in the log target they pass (docs/algorithms.md §2).
 *
 * Surrogate rho = Gaussian KDE of the current particles with bandwidth^2 = h / 2, h from the
 * median heuristic. With that bandwidth each KDE bump is the RBF kernel itself, normalised
 * in d dimensions:
 *   rho(y) = (1 / N) sum_k exp(-||y - x_k||^2 / h) / (pi h)^(d / 2),
 *   grad log rho(x_j) = -(2 / h) sum_k K_jk (x_j - x_k) / sum_k K_jk,
 * so the Gram matrix K serves both the surrogate and the update. Weights
 * w_j = rho(x_j) / target(x_j), normalised to sum 1 in log space, and
 *   phi(x_i) = sum_j w_j [ K_ji grad log rho(x_j) + (2 / h)(x_i - x_j) K_ji ].
 */

export interface GfWorkspace extends RbfWorkspace {
  /** log w_j, then normalised weights w_j (N). */
  readonly w: Float64Array;
  /** grad log rho at the particles (N, d). */
  readonly gradLogRho: Float64Array;
}

export function gfWorkspace(n: number, d = 2): GfWorkspace {
  return { ...rbfWorkspace(n, d), w: new Float64Array(n), gradLogRho: new Float64Array(d * n) };
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
 * GF-SVGD direction at the particles. x: (N, d), d = ws.d; logTarget: (N) log of the (possibly
 * annealed, unnormalised) target at the particles; out: (N, d). Returns the bandwidth h and the
 * weights' effective sample size 1 / sum w^2 (between 1 and N).
 */
export function gfSvgdPhi(
  x: Float64Array,
  logTarget: Float64Array,
  ws: GfWorkspace,
  out: Float64Array,
): { bandwidth: number; weightEss: number } {
  const { n, d } = ws;
  const h = medianGram(x, ws);
  const k = ws.k;
  const g = ws.gradLogRho;
  const lw = ws.w;
  // log(N (pi h)^(d / 2)): in logs past 2D so the power cannot overflow at large d; the 2D
  // expression is kept as it was so 2D runs stay bit for bit.
  const logNorm = d === 2 ? Math.log(n * Math.PI * h) : Math.log(n) + 0.5 * d * Math.log(Math.PI * h);
  for (let j = 0; j < n; j++) {
    const oj = j * d;
    g.fill(0, oj, oj + d); // sum_m K_jm (x_j - x_m), then scaled below
    let s = 0;
    for (let m = 0; m < n; m++) {
      const kjm = k[j * n + m];
      const om = m * d;
      s += kjm;
      for (let t = 0; t < d; t++) g[oj + t] += kjm * (x[oj + t] - x[om + t]);
    }
    // s >= K_jj = 1, so the log and the division are safe.
    for (let t = 0; t < d; t++) g[oj + t] = (-2 / h) * (g[oj + t] / s);
    lw[j] = Math.log(s) - logNorm - logTarget[j];
  }
  const weightEss = normaliseLogWeights(lw);
  const c = 2 / h;
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    out.fill(0, oi, oi + d);
    for (let j = 0; j < n; j++) {
      const wk = lw[j] * k[j * n + i];
      const oj = j * d;
      for (let t = 0; t < d; t++) out[oi + t] += wk * (g[oj + t] + c * (x[oi + t] - x[oj + t]));
    }
  }
  return { bandwidth: h, weightEss };
}
