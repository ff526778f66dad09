import { FAR, padded, simd } from '../../wasm/simd';
import { sqDist } from '../sqDist';

/**
 * Terms of the mixture below e^-STRIP_CUT relative to a proposal's own mean are left out on the
 * SIMD path: N of them change log q by at most N e^-25 (< 1e-8 for N <= 10^3), below float32.
 */
const STRIP_CUT = 25;

/**
 * log q(y_j) of the pooled proposal mixture q(y) = (1/N) sum_i N(y; mu_i, sigma^2 I_d) for every
 * proposal, as a function of j: mixtureLogDensity plus the d-dimensional normaliser
 * -log N - (d / 2) log(2 pi sigma^2).
 */
export function proposalLogDensity(
  y: Float64Array, // (P, d)
  mu: Float64Array, // (N, d)
  sigma: number,
  scratchN: Float64Array, // (N)
  d = 2,
): (j: number) => number {
  const n = mu.length / d;
  const logNorm = -Math.log(n) - (d / 2) * Math.log(2 * Math.PI * sigma * sigma);
  const logSum = mixtureLogDensity(y, mu, 1 / (2 * sigma * sigma), scratchN, d);
  return (j) => logNorm + logSum(j);
}

/**
 * log sum_i exp(-inv2s2 ||y_j - mu_i||^2) for every pooled proposal y_j (the unnormalised log
 * density of the proposal mixture), as a function of j. In 2D on the SIMD kernels when they run
 * (float32 terms shifted by y_j's own mean, only the means in a strip around y_j, found in the
 * means sorted by x), else in float64 on typed arrays over every mean (two passes per
 * proposal), which is the reference the tests compare with and the path for d > 2. Slot j's
 * own mean is mu_(j / M), M = P / N (proposals are pooled row-major by particle).
 */
export function mixtureLogDensity(
  y: Float64Array, // (P, d)
  mu: Float64Array, // (N, d)
  inv2s2: number,
  scratchN: Float64Array, // (N)
  d = 2,
): (j: number) => number {
  const n = mu.length / d;
  const p = y.length / d;
  const s = d === 2 ? simd() : null;
  if (!s || p % n !== 0) return (j) => mixtureLogSumOne(y, mu, inv2s2, j, scratchN, d);
  const { arena, runner } = s;
  const n4 = padded(n);
  const m = p / n;
  arena.reset();
  const o = { mux: arena.alloc(n4), muy: arena.alloc(n4), yx: arena.alloc(p), yy: arena.alloc(p), d0: arena.alloc(p), out: arena.alloc(p) };
  const mux = arena.f32(o.mux, n4), muy = arena.f32(o.muy, n4), yx = arena.f32(o.yx, p), yy = arena.f32(o.yy, p), d0 = arena.f32(o.d0, p);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => mu[2 * a] - mu[2 * b] || a - b);
  for (let r = 0; r < n4; r++) {
    mux[r] = r < n ? mu[2 * order[r]] : FAR;
    muy[r] = r < n ? mu[2 * order[r] + 1] : FAR;
  }
  for (let j = 0; j < p; j++) {
    const own = Math.floor(j / m);
    const dx = y[2 * j] - mu[2 * own], dy = y[2 * j + 1] - mu[2 * own + 1];
    yx[j] = y[2 * j];
    yy[j] = y[2 * j + 1];
    d0[j] = dx * dx + dy * dy;
  }
  // Work per proposal: the strip, a few means' worth on average (counted as a tenth of N).
  runner.run('mixtureLogSumStrip', [o.mux, o.muy, n4, o.yx, o.yy, o.d0, inv2s2, STRIP_CUT, o.out], p, Math.max(8, n / 10));
  const out = arena.f32(o.out, p);
  return (j) => {
    const shift = inv2s2 * d0[j];
    const sum = out[j];
    // A proposal absurdly far from its own mean (the float32 exp saturates above 88), or a
    // non-finite input: the exact path.
    if (!(shift < 80 && sum >= 1 && sum < Infinity)) return mixtureLogSumOne(y, mu, inv2s2, j, scratchN);
    return Math.log(sum) - shift;
  };
}

/** The float64 reference for one proposal: LSE_i(-inv2s2 ||y_j - mu_i||^2). y: (P, d), mu: (N, d). */
export function mixtureLogSumOne(y: Float64Array, mu: Float64Array, inv2s2: number, j: number, scratchN: Float64Array, d = 2): number {
  const n = mu.length / d;
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = -sqDist(y, j, mu, i, d) * inv2s2;
    scratchN[i] = v;
    if (v > m) m = v;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(scratchN[i] - m);
  return m + Math.log(s);
}
