import { num } from '../../params/declare';
import type { Mode, Target } from '../types';
import { makeTarget } from './pointwise';

/**
 * The Mueller-Brown potential (K. Mueller and L. D. Brown, Theor. Chim. Acta 53 (1979) 75-93),
 * a classic test of molecular sampling: three minima and the barriers between them,
 *   U(x, y) = sum_k A_k exp(a_k (x - x0_k)^2 + b_k (x - x0_k)(y - y0_k) + c_k (y - y0_k)^2),
 * with the standard constants below, as the Boltzmann density pi = exp(-U / T).
 * Minima: (-0.558, 1.442) U = -146.7, (0.623, 0.028) U = -108.2, (-0.050, 0.467) U = -80.8;
 * saddles (-0.822, 0.624) U = -40.7 and (0.212, 0.293) U = -72.2. At the default T = 15 the
 * deep basin holds about 90% of the mass, the other two about 7% and 3%, and leaving the shallow
 * basin (0.62, 0.03) for the deep one means climbing about 4.5 nats (67.5 / T).
 * Far outside the box the positive fourth term grows like exp(0.7 r^2) and would overflow
 * (U = Infinity beyond r of about 30); each exponential is therefore continued past exponent
 * Q = 50 by its second-order Taylor polynomial, exp(Q)(1 + r + r^2 / 2) with r = q - Q (same
 * value, slope and curvature at Q). Where that applies pi is below exp(-1e20): nothing a picture,
 * a metric or a sampler can see changes, but log pi and the score stay finite everywhere.
 */
const A = [-200, -100, -170, 15];
const a = [-1, -1, -6.5, 0.7];
const b = [0, 0, 11, 0.6];
const c = [-10, -10, -6.5, 0.7];
const X0 = [1, 0, -0.5, -1];
const Y0 = [0, 0.5, 1.5, 1];

/** The temperature, declared once (range and one sentence) for whoever offers it as a control. */
export const MULLER_BROWN_TEMPERATURE = num(15, 1, 1000, 'Temperature T of the Boltzmann density exp(-U / T): lower T makes the barriers harder to cross.', {
  minExclusive: false,
  log: true,
  label: 'Temperature T',
});

const Q = 50;
const EXP_Q = Math.exp(Q);
/** exp(q) up to q = Q, its second-order continuation beyond. */
const softExp = (q: number): number => (q <= Q ? Math.exp(q) : EXP_Q * (1 + (q - Q) + 0.5 * (q - Q) ** 2));
/** d softExp / dq. */
const softExpSlope = (q: number): number => (q <= Q ? Math.exp(q) : EXP_Q * (1 + (q - Q)));

/** The potential U at (x, y). */
export function mullerBrownU(x: number, y: number): number {
  let u = 0;
  for (let k = 0; k < 4; k++) {
    const dx = x - X0[k];
    const dy = y - Y0[k];
    u += A[k] * softExp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
  }
  return u;
}

/** grad U at (x, y), written to out[o], out[o + 1]. */
function gradU(x: number, y: number, out: Float64Array, o: number): void {
  let gx = 0;
  let gy = 0;
  for (let k = 0; k < 4; k++) {
    const dx = x - X0[k];
    const dy = y - Y0[k];
    const e = A[k] * softExpSlope(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
    gx += e * (2 * a[k] * dx + b[k] * dy);
    gy += e * (b[k] * dx + 2 * c[k] * dy);
  }
  out[o] = gx;
  out[o + 1] = gy;
}

const MINIMA: readonly (readonly [number, number])[] = [
  [-0.558224, 1.441726],
  [0.623499, 0.028038],
  [-0.050011, 0.466694],
];

/** The view box: holds all but about 1e-4 of the mass at T = 15 (U rises steeply outside it). */
const BOX = { xmin: -1.7, xmax: 1.3, ymin: -0.6, ymax: 2.2 };

/**
 * The three basins as mixture modes (for mode coverage and balance), from the density on a
 * 200 x 200 grid over the box, each point given to its nearest minimum (the rule the mode
 * metrics use): weight = the mass of the basin's points, std = the 2D-Gaussian equivalent of
 * their spread about the minimum, sqrt(E ||z - minimum||^2 / 2). (The local Hessian would
 * understate the shallow, anharmonic middle basin: few of its points lie that close to its minimum.)
 */
function basinModes(temperature: number): Mode[] {
  const n = 200;
  const lps = new Float64Array(n * n);
  const owner = new Uint8Array(n * n);
  const d2 = new Float64Array(n * n);
  let max = -Infinity;
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const x = BOX.xmin + ((ix + 0.5) * (BOX.xmax - BOX.xmin)) / n;
      const y = BOX.ymin + ((iy + 0.5) * (BOX.ymax - BOX.ymin)) / n;
      const i = iy * n + ix;
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < 3; k++) {
        const d = (x - MINIMA[k][0]) ** 2 + (y - MINIMA[k][1]) ** 2;
        if (d < bestD) [best, bestD] = [k, d];
      }
      lps[i] = -mullerBrownU(x, y) / temperature;
      owner[i] = best;
      d2[i] = bestD;
      if (lps[i] > max) max = lps[i];
    }
  }
  const mass = [0, 0, 0];
  const spread = [0, 0, 0];
  let total = 0;
  for (let i = 0; i < n * n; i++) {
    const p = Math.exp(lps[i] - max);
    mass[owner[i]] += p;
    spread[owner[i]] += p * d2[i];
    total += p;
  }
  return MINIMA.map((center, k) => ({ center, std: Math.sqrt(spread[k] / mass[k] / 2), weight: mass[k] / total }));
}

/** muller-brown: pi = exp(-U / T) on the standard Mueller-Brown potential (unnormalised; the grid normalises it). */
export function createMullerBrown(opts: { temperature?: number } = {}): Target {
  const t = opts.temperature ?? MULLER_BROWN_TEMPERATURE.default;
  if (!(t >= MULLER_BROWN_TEMPERATURE.min && t <= MULLER_BROWN_TEMPERATURE.max))
    throw new Error(`invalid temperature: ${t} (must be >= ${MULLER_BROWN_TEMPERATURE.min} and <= ${MULLER_BROWN_TEMPERATURE.max})`);
  const inv = 1 / t;
  return makeTarget({
    name: 'muller-brown',
    box: BOX,
    modes: basinModes(t),
    logp: (x, y) => -mullerBrownU(x, y) * inv,
    grad: (x, y, out, k) => {
      gradU(x, y, out, k);
      out[k] *= -inv;
      out[k + 1] *= -inv;
    },
  });
}
