import type { Rng } from '../../random/rng';
import { makeTarget } from '../presets/pointwise';
import type { Target } from '../types';
import { checkCount, checkDim, checkPair, rowsOf } from './dims';
import type { TargetNd } from './types';

/** Standard deviation of the funnel's scale coordinate v (the authors' and Neal's 3). */
export const FUNNEL_SIGMA_V = 3;

const LOG_2PI = Math.log(2 * Math.PI);
const S2 = FUNNEL_SIGMA_V * FUNNEL_SIGMA_V;

/** a^2 exp(-v), formed as exp(2 log|a| - v) so a = 0 deep in the neck gives 0, not 0 * Infinity. */
const sqScaled = (a: number, v: number): number => Math.exp(2 * Math.log(Math.abs(a)) - v);

/**
 * funnel-d: Neal's funnel as the ETD authors write it (vpacelli/etd, targets/funnel.py):
 * coordinate 0 is the scale v ~ N(0, 3^2), coordinates 1..d-1 are x_k | v ~ N(0, e^v), so
 * log pi = -v^2 / 18 - 0.5 log(18 pi) + sum_k (-0.5 x_k^2 e^-v - 0.5 v - 0.5 log 2 pi).
 * Var v = 9, Var x_k = E e^v = e^4.5 (about 90: heavy-tailed, so sample variances are noisy).
 */
export function createFunnelD(d: number): TargetNd {
  checkDim(d);
  const tail = d - 1;
  const logZv = -0.5 * Math.log(2 * Math.PI * S2);
  const mean = new Float64Array(d);
  const variance = Float64Array.from({ length: d }, (_, k) => (k === 0 ? S2 : Math.exp(S2 / 2)));

  return {
    name: 'funnel-d',
    dim: d,
    mean,
    variance,
    logDensity(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        const v = points[o];
        let q = 0;
        for (let k = 1; k < d; k++) q += sqScaled(points[o + k], v);
        res[i] = -(v * v) / (2 * S2) + logZv - 0.5 * q - 0.5 * tail * (v + LOG_2PI);
      }
      return res;
    },
    score(points: Float64Array, out?: Float64Array): Float64Array {
      const n = rowsOf(points, d);
      const res = out ?? new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        const v = points[o];
        let q = 0;
        for (let k = 1; k < d; k++) {
          const a = points[o + k];
          q += sqScaled(a, v);
          res[o + k] = a === 0 ? 0 : -Math.sign(a) * Math.exp(Math.log(Math.abs(a)) - v); // -x_k e^-v
        }
        res[o] = -v / S2 + 0.5 * q - 0.5 * tail;
      }
      return res;
    },
    sample(n: number, rng: Rng): Float64Array {
      const res = new Float64Array(checkCount(n) * d);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        const v = FUNNEL_SIGMA_V * rng.normal();
        res[o] = v;
        const sd = Math.exp(v / 2);
        for (let k = 1; k < d; k++) res[o + k] = sd * rng.normal();
      }
      return res;
    },
    marginal2d(i: number, j: number): Target {
      checkPair(d, i, j);
      if (i === 0 || j === 0) return scaleAndOne(`funnel-d (x${i}, x${j})`, i === 0);
      return twoOfTail(`funnel-d (x${i}, x${j})`);
    },
  };
}

/** The exact marginal of (v, x_k) (vFirst) or (x_k, v): Neal's 2D funnel on the box of the 2D preset. */
function scaleAndOne(name: string, vFirst: boolean): Target {
  const logZ = -0.5 * Math.log(2 * Math.PI * S2) - 0.5 * LOG_2PI;
  const logp = (v: number, a: number) => -(v * v) / (2 * S2) + logZ - 0.5 * sqScaled(a, v) - 0.5 * v;
  const grad = (v: number, a: number): [number, number] => [
    -v / S2 + 0.5 * sqScaled(a, v) - 0.5,
    a === 0 ? 0 : -Math.sign(a) * Math.exp(Math.log(Math.abs(a)) - v),
  ];
  return makeTarget({
    name,
    box: vFirst ? { xmin: -8, xmax: 8, ymin: -10, ymax: 10 } : { xmin: -10, xmax: 10, ymin: -8, ymax: 8 },
    logp: vFirst ? (x, y) => logp(x, y) : (x, y) => logp(y, x),
    grad: (x, y, out, k) => {
      const [gv, ga] = vFirst ? grad(x, y) : grad(y, x);
      out[k] = vFirst ? gv : ga;
      out[k + 1] = vFirst ? ga : gv;
    },
  });
}

/** Nodes of the quadrature over v: 5 standard deviations either side, step 0.1. */
const V_NODES = Float64Array.from({ length: 301 }, (_, m) => -15 + 0.1 * m);

/**
 * The exact marginal of two tail coordinates (x_i, x_j): the scale mixture
 * p(a, b) = int N(v; 0, 9) N(a; 0, e^v) N(b; 0, e^v) dv, by the trapezoid rule over v in
 * [-15, 15] in log-sum-exp form (the integrand is smooth in v; the neglected tails weigh e^-12.5).
 * Its gradient is -(a, b) E[e^-v | a, b] under the same weights.
 */
function twoOfTail(name: string): Target {
  const h = V_NODES[1] - V_NODES[0];
  const base = Float64Array.from(V_NODES, (v) => -(v * v) / (2 * S2) - 0.5 * Math.log(2 * Math.PI * S2) - LOG_2PI - v + Math.log(h));
  const logTerms = new Float64Array(V_NODES.length);
  const weigh = (a: number, b: number): number => {
    const r2 = a * a + b * b;
    let m = -Infinity;
    for (let t = 0; t < V_NODES.length; t++) {
      const w = base[t] - 0.5 * r2 * Math.exp(-V_NODES[t]) + (t === 0 || t === V_NODES.length - 1 ? -Math.LN2 : 0);
      logTerms[t] = w;
      if (w > m) m = w;
    }
    return m;
  };
  const logp = (a: number, b: number): number => {
    const m = weigh(a, b);
    if (m === -Infinity) return -Infinity;
    let s = 0;
    for (let t = 0; t < V_NODES.length; t++) s += Math.exp(logTerms[t] - m);
    return m + Math.log(s);
  };
  return makeTarget({
    name,
    box: { xmin: -10, xmax: 10, ymin: -10, ymax: 10 },
    logp,
    grad: (a, b, out, k) => {
      const m = weigh(a, b);
      let s = 0, e = 0;
      for (let t = 0; t < V_NODES.length; t++) {
        const w = Math.exp(logTerms[t] - m);
        s += w;
        e += w * Math.exp(-V_NODES[t]);
      }
      out[k] = (-a * e) / s;
      out[k + 1] = (-b * e) / s;
    },
  });
}
