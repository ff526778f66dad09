import { FAR, padded, simd } from '../../wasm/simd';
import { sqDist } from '../sqDist';

/**
 * Terms of the mixture below e^-STRIP_CUT relative to a proposal's own mean are left out on the
 * SIMD path: N of them change log q by at most N e^-25 (< 1e-8 for N <= 10^3), below float32.
 * The means searched for a proposal are those within the search radius in x and in y (bands of
 * means by y, each sorted by x: see meanBands).
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
 * (float32 terms shifted by y_j's own mean, only the means within the search radius of y_j in x
 * and y, found in bands of means by y each sorted by x), else in float64 on typed arrays over every mean (two passes per
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
  const m = p / n;
  const bands = meanBands(mu, n, inv2s2);
  if (!bands) return (j) => mixtureLogSumOne(y, mu, inv2s2, j, scratchN, d); // a non-finite mean
  const total = bands.start[bands.count];
  arena.reset();
  const o = {
    mux: arena.alloc(total),
    muy: arena.alloc(total),
    start: arena.alloc(bands.count + 1),
    yx: arena.alloc(p),
    yy: arena.alloc(p),
    d0: arena.alloc(p),
    out: arena.alloc(p),
  };
  const mux = arena.f32(o.mux, total), muy = arena.f32(o.muy, total), yx = arena.f32(o.yx, p), yy = arena.f32(o.yy, p), d0 = arena.f32(o.d0, p);
  mux.fill(FAR);
  muy.fill(FAR);
  for (let r = 0; r < n; r++) {
    const i = bands.order[r];
    mux[bands.slot[r]] = mu[2 * i];
    muy[bands.slot[r]] = mu[2 * i + 1];
  }
  arena.i32(o.start, bands.count + 1).set(bands.start);
  for (let j = 0; j < p; j++) {
    const own = Math.floor(j / m);
    const dx = y[2 * j] - mu[2 * own], dy = y[2 * j + 1] - mu[2 * own + 1];
    yx[j] = y[2 * j];
    yy[j] = y[2 * j + 1];
    d0[j] = dx * dx + dy * dy;
  }
  // Work per proposal: the means near it, counted as a tenth of N.
  runner.run('mixtureLogSumBands', [o.mux, o.muy, o.start, bands.count, bands.ymin, bands.invH, o.yx, o.yy, o.d0, inv2s2, STRIP_CUT, o.out], p, Math.max(8, n / 10));
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

/** At most this many bands of means. */
const MAX_BANDS = 256;

/**
 * The means in bands by y for mixtureLogSumBands: band height h = r / 2 for a typical search
 * radius r = sqrt((1 + STRIP_CUT) / inv2s2) (so a proposal meets about 5 bands), at most
 * MAX_BANDS; each band sorted by x (ties by index) and padded to a multiple of 4. order[r] is
 * the mean at rank r (by band, then x) and slot[r] its entry; start: (count + 1) entry offsets.
 * Bands are assigned in float32 arithmetic, as the kernel computes them. Null when a mean is not
 * finite.
 */
function meanBands(mu: Float64Array, n: number, inv2s2: number): { order: Int32Array; slot: Int32Array; start: Int32Array; count: number; ymin: number; invH: number } | null {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < 2 * n; i++) if (!Number.isFinite(mu[i])) return null;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, mu[2 * i + 1]);
    hi = Math.max(hi, mu[2 * i + 1]);
  }
  const f = Math.fround;
  const ymin = f(lo);
  let h = Math.sqrt((1 + STRIP_CUT) / inv2s2) / 2;
  if (!(h > 0 && Number.isFinite(h))) h = 1;
  if ((hi - lo) / h >= MAX_BANDS - 1) h = (hi - lo) / (MAX_BANDS - 1);
  const invH = f(1 / h);
  const count = Math.max(1, Math.min(MAX_BANDS, Math.floor((hi - lo) * invH) + 1));
  const band = new Int32Array(n);
  for (let i = 0; i < n; i++) band[i] = Math.max(0, Math.min(count - 1, Math.floor(f(f(f(mu[2 * i + 1]) - ymin) * invH))));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => band[a] - band[b] || mu[2 * a] - mu[2 * b] || a - b);
  const start = new Int32Array(count + 1);
  const slot = new Int32Array(n);
  let at = 0;
  for (let k = 0, r = 0; k < count; k++) {
    start[k] = at;
    const first = at;
    while (r < n && band[order[r]] === k) slot[r++] = at++;
    at = first + padded(at - first);
  }
  start[count] = at;
  return { order, slot, start, count, ymin, invH };
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
