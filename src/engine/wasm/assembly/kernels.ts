// AssemblyScript: the N x P loops of one ETD step with WebAssembly SIMD (f32x4).
// Compiled by `npm run build:wasm` (src/engine/wasm/build.mjs) into kernels.generated.ts.
// Every array is float32 at a byte offset the caller chose; every length is a multiple of 4,
// padded by the caller (pad coordinates far away, pad weights 0), so there are no tails.
// The typed-array code in ../etd stays the reference these are tested against.

// exp(x) on four lanes: x = n ln2 + r, |r| <= ln2 / 2, e^r by a degree-6 polynomial,
// 2^n through the exponent bits. Relative error ~2e-7 on [-87, 88]; below -87 the result is
// ~0 (at most 1e-38), above 88 it saturates at ~1.6e38.
// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  x = f32x4.max(f32x4.min(x, f32x4.splat(88.0)), f32x4.splat(-87.0));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.mul(f32x4.mul(p, r), r), f32x4.add(r, f32x4.splat(1.0)));
  const bits = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, bits);
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

// @ts-ignore: decorator
@inline
function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

/**
 * Stabilised kernel rows: for each i, val_j = g0_j - kappa ||y_j - z_i||^2, m_i = max_j val_j,
 * kt_ij = exp(val_j - m_i); shift_i = m_i. kt: (n, p) row-major, p a multiple of 4.
 */
export function buildKernel(zx: usize, zy: usize, n: i32, yx: usize, yy: usize, g0: usize, p: i32, kappa: f32, kt: usize, shift: usize): void {
  const nk = f32x4.splat(-kappa);
  const rowBytes = <usize>p << 2;
  for (let i = 0; i < n; i++) {
    const ax = f32x4.splat(load<f32>(zx + (<usize>i << 2)));
    const ay = f32x4.splat(load<f32>(zy + (<usize>i << 2)));
    const row = kt + <usize>i * rowBytes;
    let m = f32x4.splat(-Infinity);
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const dx = f32x4.sub(v128.load(yx + o), ax);
      const dy = f32x4.sub(v128.load(yy + o), ay);
      const d2 = f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy));
      const val = f32x4.add(v128.load(g0 + o), f32x4.mul(nk, d2));
      v128.store(row + o, val);
      m = f32x4.max(m, val);
    }
    const mi = hmax(m);
    store<f32>(shift + (<usize>i << 2), mi);
    const ms = f32x4.splat(mi);
    for (let o: usize = 0; o < rowBytes; o += 16) v128.store(row + o, exp4(f32x4.sub(v128.load(row + o), ms)));
  }
}

// Sums are taken in float64 (kt promoted lane by lane, scalings in float64): the held kernel is
// float32, but Sinkhorn then solves that kernel's problem exactly, to any tolerance.

// @ts-ignore: decorator
@inline
function lo(k: v128): v128 {
  return f64x2.promote_low_f32x4(k);
}

// @ts-ignore: decorator
@inline
function hi(k: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(k, k, 2, 3, 0, 1));
}

// @ts-ignore: decorator
@inline
function hsum2(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** sum_j row_j v_j over one float32 row, in float64. */
// @ts-ignore: decorator
@inline
function rowDot(row: usize, v: usize, rowBytes: usize): f64 {
  let a = f64x2.splat(0), b = f64x2.splat(0);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const k = v128.load(row + o);
    const vo = v + (o << 1);
    a = f64x2.add(a, f64x2.mul(lo(k), v128.load(vo)));
    b = f64x2.add(b, f64x2.mul(hi(k), v128.load(vo + 16)));
  }
  return hsum2(f64x2.add(a, b));
}

/** acc_j += row_j u over one float32 row, into float64. */
// @ts-ignore: decorator
@inline
function addRow(acc: usize, row: usize, u: f64, rowBytes: usize): void {
  const us = f64x2.splat(u);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const k = v128.load(row + o);
    const q = acc + (o << 1);
    v128.store(q, f64x2.add(v128.load(q), f64x2.mul(lo(k), us)));
    v128.store(q + 16, f64x2.add(v128.load(q + 16), f64x2.mul(hi(k), us)));
  }
}

/** out_i = sum_j kt_ij v_j. kt: (n, p) float32; v: (p) float64; out: (n) float64. */
export function rowDots(kt: usize, n: i32, p: i32, v: usize, out: usize): void {
  const rowBytes = <usize>p << 2;
  for (let i = 0; i < n; i++) {
    const row = kt + <usize>i * rowBytes;
    store<f64>(out + (<usize>i << 3), rowDot(row, v, rowBytes));
  }
}

/** s1_i = sum_j kt_ij v_j and s2_i = sum_j (kt_ij v_j)^2 (the row normaliser and ESS); float64. */
export function rowDots2(kt: usize, n: i32, p: i32, v: usize, s1: usize, s2: usize): void {
  const rowBytes = <usize>p << 2;
  for (let i = 0; i < n; i++) {
    const row = kt + <usize>i * rowBytes;
    let a = f64x2.splat(0), b = f64x2.splat(0);
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const k = v128.load(row + o);
      const vo = v + (o << 1);
      const w0 = f64x2.mul(lo(k), v128.load(vo));
      const w1 = f64x2.mul(hi(k), v128.load(vo + 16));
      a = f64x2.add(a, f64x2.add(w0, w1));
      b = f64x2.add(b, f64x2.add(f64x2.mul(w0, w0), f64x2.mul(w1, w1)));
    }
    store<f64>(s1 + (<usize>i << 3), hsum2(a));
    store<f64>(s2 + (<usize>i << 3), hsum2(b));
  }
}

/** out_j = sum_i kt_ij u_i (rows accumulated into out, contiguous). u: (n), out: (p) float64. */
export function colDots(kt: usize, n: i32, p: i32, u: usize, out: usize): void {
  const rowBytes = <usize>p << 2;
  for (let o: usize = 0; o < rowBytes << 1; o += 16) v128.store(out + o, f64x2.splat(0));
  for (let i = 0; i < n; i++) {
    const ui = load<f64>(u + (<usize>i << 3));
    if (ui == 0) continue;
    addRow(out, kt + <usize>i * rowBytes, ui, rowBytes);
  }
}

/**
 * One Sinkhorn iteration's row half-step fused with the next column pass, so the held kernel is
 * streamed once per iteration instead of twice (the kernel outgrows the caches above N ~ 500).
 * For each row i: s_i = sum_j kt_ij v_j, r_i = log s_i + shift_i, F*_i = lamA (logA_i - r_i),
 * F_i <- F_i + omega (F*_i - F_i), u_i = exp(F_i + shift_i), colOut += kt_i. u_i.
 * A row whose s_i is not a positive finite number is left to the caller: F_i unchanged, u_i = 0,
 * r_i = NaN. Returns how many such rows there were. F, logA, r, u, colOut: float64.
 */
export function sweep(kt: usize, n: i32, p: i32, v: usize, shift: usize, logA: usize, lamA: f64, omega: f64, F: usize, r: usize, u: usize, colOut: usize): i32 {
  const rowBytes = <usize>p << 2;
  for (let o: usize = 0; o < rowBytes << 1; o += 16) v128.store(colOut + o, f64x2.splat(0));
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const row = kt + <usize>i * rowBytes;
    const s = rowDot(row, v, rowBytes);
    const i8 = <usize>i << 3;
    if (!(s > 0 && s < Infinity)) {
      store<f64>(r + i8, NaN);
      store<f64>(u + i8, 0);
      bad++;
      continue;
    }
    const sh = <f64>load<f32>(shift + (<usize>i << 2));
    const ri = Math.log(s) + sh;
    store<f64>(r + i8, ri);
    const f0 = load<f64>(F + i8);
    const fi = f0 + omega * (lamA * (load<f64>(logA + i8) - ri) - f0);
    store<f64>(F + i8, fi);
    const ui = Math.exp(fi + sh);
    store<f64>(u + i8, ui);
    if (ui == 0) continue;
    addRow(colOut, row, ui, rowBytes);
  }
  return bad;
}

/**
 * Pooled proposal mixture: out_j = sum_i exp(-inv2s2 (||y_j - mu_i||^2 - d0_j)), d0_j the squared
 * distance of y_j to its own mean (so the sum is >= 1, and no term overflows for any draw with
 * ||xi||^2 < 170); the caller adds -inv2s2 d0_j and the normalising constant. Over a strip: mux/muy sorted by x (pads FAR at the end),
 * and for each y_j only the means with |mux - x_j| < r_j contribute, where
 * r_j^2 = d0_j + cut / inv2s2: every mean outside the strip adds less than e^-cut relative to
 * y_j's own mean (which is inside, at squared distance d0_j).
 */
export function mixtureLogSumStrip(mux: usize, muy: usize, n: i32, yx: usize, yy: usize, d0s: usize, p: i32, inv2s2: f32, cut: f32, out: usize): void {
  const c = f32x4.splat(-inv2s2);
  for (let j = 0; j < p; j++) {
    const jx = load<f32>(yx + (<usize>j << 2));
    const jy = load<f32>(yy + (<usize>j << 2));
    const d0v = load<f32>(d0s + (<usize>j << 2));
    const r = Mathf.sqrt(d0v + cut / inv2s2);
    // First sorted index with mux >= jx - r, and first with mux > jx + r.
    let a = 0, b = n;
    const lo = jx - r;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (load<f32>(mux + (<usize>mid << 2)) < lo) a = mid + 1;
      else b = mid;
    }
    let e = a, f = n;
    const hi = jx + r;
    while (e < f) {
      const mid = (e + f) >>> 1;
      if (load<f32>(mux + (<usize>mid << 2)) <= hi) e = mid + 1;
      else f = mid;
    }
    const start = <usize>(a & ~3) << 2;
    const end = <usize>((e + 3) & ~3) << 2;
    const d0 = f32x4.splat(d0v);
    const ax = f32x4.splat(jx), ay = f32x4.splat(jy);
    let s = f32x4.splat(0);
    for (let o = start; o < end; o += 16) {
      const dx = f32x4.sub(v128.load(mux + o), ax);
      const dy = f32x4.sub(v128.load(muy + o), ay);
      const d2 = f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy));
      s = f32x4.add(s, exp4(f32x4.mul(c, f32x4.sub(d2, d0))));
    }
    store<f32>(out + (<usize>j << 2), hsum(s));
  }
}

/**
 * Log-sum-exp over a point set, recomputing the kernel on the fly (for problems too large to
 * hold): for each a_i, out_i = LSE_k(w_k - kappa ||a_i - b_k||^2), and when s2 != 0 also
 * ess_i = (sum e)^2 / sum e^2 of the normalised terms. Two passes per point (the maximum, then
 * the sum of float32 exps in float64). b and w: (q) per axis, q a multiple of 4, pads with
 * w = -Infinity... (the caller pads b FAR away, which is the same). Rows use a = z, b = y, w = G;
 * columns a = y, b = z, w = F.
 */
export function lseOnline(ax: usize, ay: usize, n: i32, bx: usize, by: usize, bw: usize, q: i32, kappa: f32, out: usize, ess: usize): void {
  const nk = f32x4.splat(-kappa);
  const bytes = <usize>q << 2;
  for (let i = 0; i < n; i++) {
    const px = f32x4.splat(load<f32>(ax + (<usize>i << 2)));
    const py = f32x4.splat(load<f32>(ay + (<usize>i << 2)));
    let m = f32x4.splat(-Infinity);
    for (let o: usize = 0; o < bytes; o += 16) {
      const dx = f32x4.sub(v128.load(bx + o), px);
      const dy = f32x4.sub(v128.load(by + o), py);
      m = f32x4.max(m, f32x4.add(v128.load(bw + o), f32x4.mul(nk, f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy)))));
    }
    const mi = hmax(m);
    const i8 = <usize>i << 3;
    if (!(mi > -Infinity)) {
      store<f64>(out + i8, <f64>mi);
      if (ess) store<f64>(ess + i8, 0);
      continue;
    }
    const ms = f32x4.splat(mi);
    let a = f64x2.splat(0), b = f64x2.splat(0), a2 = f64x2.splat(0), b2 = f64x2.splat(0);
    for (let o: usize = 0; o < bytes; o += 16) {
      const dx = f32x4.sub(v128.load(bx + o), px);
      const dy = f32x4.sub(v128.load(by + o), py);
      const val = f32x4.add(v128.load(bw + o), f32x4.mul(nk, f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy))));
      const e = exp4(f32x4.sub(val, ms));
      const l = lo(e), h = hi(e);
      a = f64x2.add(a, l);
      b = f64x2.add(b, h);
      if (ess) {
        a2 = f64x2.add(a2, f64x2.mul(l, l));
        b2 = f64x2.add(b2, f64x2.mul(h, h));
      }
    }
    const s = hsum2(f64x2.add(a, b));
    store<f64>(out + i8, <f64>mi + Math.log(s));
    if (ess) store<f64>(ess + i8, (s * s) / hsum2(f64x2.add(a2, b2)));
  }
}
