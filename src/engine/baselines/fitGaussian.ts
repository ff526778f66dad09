/** log density of a d-dimensional Gaussian at the point p[o .. o + d). */
export type RowLogDensity = (p: Float64Array, o: number) => number;

/**
 * The Gaussian with a cloud's mean and (1/N) covariance, as a log density (AGF-SVGD's rho0:
 * the cloud is N(centre, spread^2 I) by construction, so this is its law up to sampling error).
 * A tiny ridge keeps a degenerate cloud (one particle, or fewer than d + 1 in general position)
 * invertible. x: (N, d), d = 2 by default.
 */
export function fitGaussian(x: Float64Array, d = 2): RowLogDensity {
  return d === 2 ? fit2(x) : fitD(x, d);
}

/** The 2D fit with the explicit 2 x 2 inverse (the arithmetic 2D runs have always used). */
function fit2(x: Float64Array): RowLogDensity {
  const n = x.length >> 1;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i];
    my += x[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[2 * i] - mx;
    const dy = x[2 * i + 1] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const ridge = 1e-9 * (1 + (sxx + syy) / n);
  sxx = sxx / n + ridge;
  syy = syy / n + ridge;
  sxy /= n;
  const det = sxx * syy - sxy * sxy;
  const logZ = -Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  return (p, o) => {
    const dx = p[o] - mx;
    const dy = p[o + 1] - my;
    return logZ - (0.5 * (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy)) / det;
  };
}

/** The d-dimensional fit through the Cholesky factor L of the covariance (C = L L^T). */
function fitD(x: Float64Array, d: number): RowLogDensity {
  const n = x.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += x[i * d + k];
  for (let k = 0; k < d; k++) mean[k] /= n;
  const c = new Float64Array(d * d); // covariance, lower triangle, then L in place
  let trace = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const da = x[i * d + a] - mean[a];
      trace += da * da;
      for (let b = 0; b <= a; b++) c[a * d + b] += da * (x[i * d + b] - mean[b]);
    }
  }
  const ridge = 1e-9 * (1 + trace / n);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) c[a * d + b] /= n;
    c[a * d + a] += ridge;
  }
  let logDet = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let s = c[a * d + b];
      for (let k = 0; k < b; k++) s -= c[a * d + k] * c[b * d + k];
      c[a * d + b] = a === b ? Math.sqrt(s) : s / c[b * d + b];
    }
    logDet += 2 * Math.log(c[a * d + a]);
  }
  const logZ = -0.5 * d * Math.log(2 * Math.PI) - 0.5 * logDet;
  const z = new Float64Array(d); // scratch: L^-1 (p - mean); evaluation is synchronous
  return (p, o) => {
    let q = 0;
    for (let a = 0; a < d; a++) {
      let s = p[o + a] - mean[a];
      for (let k = 0; k < a; k++) s -= c[a * d + k] * z[k];
      z[a] = s / c[a * d + a];
      q += z[a] * z[a];
    }
    return logZ - 0.5 * q;
  };
}
