// AssemblyScript: the N x P loops of one ETD step with WebAssembly SIMD (f32x4).
// Compiled by `npm run build:wasm` (src/engine/wasm/build.mjs) into kernels.generated.ts, twice:
// with the module's own memory (one thread) and with an imported shared memory (a team of
// threads, src/engine/parallel/). Every array is float32 or float64 at a byte offset the caller
// chose; every length is a multiple of 4, padded by the caller (pad coordinates far away, pad
// weights 0), so there are no tails.
//
// Every exported kernel takes a range [lo, hi) as its last two arguments (rows, proposals or
// blocks of rows) and touches only that range's outputs, so a team of threads can split the
// range in any way and get the same bits as one thread. Sums across rows are never split:
// rows are grouped into blocks fixed by N alone (the caller's choice), each block accumulates
// into its own partial, and sumPartials adds the partials in block order.
// The typed-array code in ../etd stays the reference these are tested against.

// exp(x) on four lanes, no tables: x = n ln2 + r with n = round(x log2 e) (by adding 1.5 2^23,
// which also leaves n + 127 in the low bits), r by Cody-Waite in two parts (|r| <= ln2 / 2),
// e^r by a degree-5 polynomial fitted for relative error (7.5e-8 in exact arithmetic), 2^n by
// shifting n + 127 into the exponent field. Inputs are clamped to [-87, 88] (pmin / pmax, one
// instruction each). Measured against Math.exp on [-87, 88]: relative error below 2.5e-7
// (tests/engine/fastExp.test.ts); below -87 the result is e^-87 ~ 1.6e-38 (absolute error
// under 1.7e-38), above 88 it saturates at e^88 ~ 1.7e38; NaN stays NaN.
//
// Its 11 constants live in memory (CONSTANTS, below the arena), written once by initKernels():
// V8 rebuilds every v128.const inside a loop from immediates (three instructions each), where a
// load from memory folds into the arithmetic instruction that uses it.
const EXP_LO: f32 = -87.0;
const EXP_HI: f32 = 88.0;
const LOG2E: f32 = 1.44269504;
/** 1.5 2^23 + 127: t = x log2e + MAGIC rounds to an integer n + 127 held in t's low mantissa bits. */
const MAGIC: f32 = 12583039.0;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const C0: f32 = 1.0000001192092896;
const C1: f32 = 0.9999997019767761;
const C2: f32 = 0.49998894333839417;
const C3: f32 = 0.16667574644088745;
const C4: f32 = 0.04191545024514198;
const C5: f32 = 0.00829764548689127;

/** Byte offset of the constants block (12 vectors; the arena starts at 64 KiB). */
const CONSTANTS: usize = 1024;

/**
 * Writes the constants block; call once per memory before any kernel (simd.ts and the thread
 * team do). Returns the number of vectors written.
 */
export function initKernels(): i32 {
  v128.store(CONSTANTS, f32x4.splat(EXP_HI));
  v128.store(CONSTANTS + 16, f32x4.splat(EXP_LO));
  v128.store(CONSTANTS + 32, f32x4.splat(LOG2E));
  v128.store(CONSTANTS + 48, f32x4.splat(MAGIC));
  v128.store(CONSTANTS + 64, f32x4.splat(LN2_HI));
  v128.store(CONSTANTS + 80, f32x4.splat(LN2_LO));
  v128.store(CONSTANTS + 96, f32x4.splat(C5));
  v128.store(CONSTANTS + 112, f32x4.splat(C4));
  v128.store(CONSTANTS + 128, f32x4.splat(C3));
  v128.store(CONSTANTS + 144, f32x4.splat(C2));
  v128.store(CONSTANTS + 160, f32x4.splat(C1));
  v128.store(CONSTANTS + 176, f32x4.splat(C0));
  return 12;
}

// @ts-ignore: decorator
@inline
function cst(k: usize): v128 {
  return v128.load(CONSTANTS + (k << 4));
}

// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  x = f32x4.pmax(f32x4.pmin(x, cst(0)), cst(1));
  const t = f32x4.add(f32x4.mul(x, cst(2)), cst(3));
  const n = f32x4.sub(t, cst(3));
  let r = f32x4.sub(x, f32x4.mul(n, cst(4)));
  r = f32x4.sub(r, f32x4.mul(n, cst(5)));
  let p = f32x4.add(f32x4.mul(cst(6), r), cst(7));
  p = f32x4.add(f32x4.mul(p, r), cst(8));
  p = f32x4.add(f32x4.mul(p, r), cst(9));
  p = f32x4.add(f32x4.mul(p, r), cst(10));
  p = f32x4.add(f32x4.mul(p, r), cst(11));
  return f32x4.mul(p, i32x4.shl(t, 23));
}

/** out_k = exp4(x_k) for k in [lo, hi) (multiples of 4): the vector exp on its own, for its test and benchmark. */
export function expArray(x: usize, out: usize, lo: i32, hi: i32): void {
  for (let o = <usize>lo << 2; o < (<usize>hi << 2); o += 16) v128.store(out + o, exp4(v128.load(x + o)));
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
 * One stabilised kernel row: val_j = g0_j - kappa ||y_j - z_i||^2, m_i = max_j val_j,
 * kt_ij = exp(val_j - m_i); shift_i = m_i. The row (p float32) ends in the cache.
 */
// @ts-ignore: decorator
@inline
function buildRow(i: i32, zx: usize, zy: usize, yx: usize, yy: usize, g0: usize, rowBytes: usize, nk: v128, row: usize, shift: usize): void {
  const ax = f32x4.splat(load<f32>(zx + (<usize>i << 2)));
  const ay = f32x4.splat(load<f32>(zy + (<usize>i << 2)));
  let m = f32x4.splat(-Infinity);
  for (let o: usize = 0; o < rowBytes; o += 16) {
    const dx = f32x4.sub(v128.load(yx + o), ax);
    const dy = f32x4.sub(v128.load(yy + o), ay);
    const d2 = f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy));
    const val = f32x4.add(v128.load(g0 + o), f32x4.mul(nk, d2));
    v128.store(row + o, val);
    m = f32x4.pmax(m, val);
  }
  const mi = hmax(m);
  store<f32>(shift + (<usize>i << 2), mi);
  const ms = f32x4.splat(mi);
  for (let o: usize = 0; o < rowBytes; o += 16) v128.store(row + o, exp4(f32x4.sub(v128.load(row + o), ms)));
}

/** Stabilised kernel rows i in [lo, hi) (buildRow). kt: (n, p) row-major, p a multiple of 4. */
export function buildKernel(zx: usize, zy: usize, yx: usize, yy: usize, g0: usize, p: i32, kappa: f32, kt: usize, shift: usize, lo: i32, hi: i32): void {
  const nk = f32x4.splat(-kappa);
  const rowBytes = <usize>p << 2;
  for (let i = lo; i < hi; i++) buildRow(i, zx, zy, yx, yy, g0, rowBytes, nk, kt + <usize>i * rowBytes, shift);
}

// Sums are taken in float64 (kt promoted lane by lane, scalings in float64): the held kernel is
// float32, but Sinkhorn then solves that kernel's problem exactly, to any tolerance.

// @ts-ignore: decorator
@inline
function lo2(k: v128): v128 {
  return f64x2.promote_low_f32x4(k);
}

// @ts-ignore: decorator
@inline
function hi2(k: v128): v128 {
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
    a = f64x2.add(a, f64x2.mul(lo2(k), v128.load(vo)));
    b = f64x2.add(b, f64x2.mul(hi2(k), v128.load(vo + 16)));
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
    v128.store(q, f64x2.add(v128.load(q), f64x2.mul(lo2(k), us)));
    v128.store(q + 16, f64x2.add(v128.load(q + 16), f64x2.mul(hi2(k), us)));
  }
}

/** out_i = sum_j kt_ij v_j for rows [lo, hi). kt: (n, p) float32; v: (p) float64; out: (n) float64. */
export function rowDots(kt: usize, p: i32, v: usize, out: usize, lo: i32, hi: i32): void {
  const rowBytes = <usize>p << 2;
  for (let i = lo; i < hi; i++) store<f64>(out + (<usize>i << 3), rowDot(kt + <usize>i * rowBytes, v, rowBytes));
}

/** s1_i = sum_j kt_ij v_j and s2_i = sum_j (kt_ij v_j)^2 (the row normaliser and ESS), rows [lo, hi); float64. */
export function rowDots2(kt: usize, p: i32, v: usize, s1: usize, s2: usize, lo: i32, hi: i32): void {
  const rowBytes = <usize>p << 2;
  for (let i = lo; i < hi; i++) {
    const row = kt + <usize>i * rowBytes;
    let a = f64x2.splat(0), b = f64x2.splat(0);
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const k = v128.load(row + o);
      const vo = v + (o << 1);
      const w0 = f64x2.mul(lo2(k), v128.load(vo));
      const w1 = f64x2.mul(hi2(k), v128.load(vo + 16));
      a = f64x2.add(a, f64x2.add(w0, w1));
      b = f64x2.add(b, f64x2.add(f64x2.mul(w0, w0), f64x2.mul(w1, w1)));
    }
    store<f64>(s1 + (<usize>i << 3), hsum2(a));
    store<f64>(s2 + (<usize>i << 3), hsum2(b));
  }
}

/** Zero p float64 at acc (p a multiple of 4). */
// @ts-ignore: decorator
@inline
function zero64(acc: usize, p: i32): void {
  const bytes = <usize>p << 3;
  for (let o: usize = 0; o < bytes; o += 16) v128.store(acc + o, f64x2.splat(0));
}

/**
 * Column sums by blocks of rows: for every block b in [lo, hi), partial_b,j = sum_i kt_ij u_i over
 * its rows [b R, min(n, (b + 1) R)) (rows accumulated in order). partial: (blocks, p) float64.
 */
export function colPartials(kt: usize, n: i32, p: i32, u: usize, rowsPerBlock: i32, partial: usize, lo: i32, hi: i32): void {
  const rowBytes = <usize>p << 2;
  for (let b = lo; b < hi; b++) {
    const acc = partial + <usize>b * (<usize>p << 3);
    zero64(acc, p);
    const end = min(n, (b + 1) * rowsPerBlock);
    for (let i = b * rowsPerBlock; i < end; i++) {
      const ui = load<f64>(u + (<usize>i << 3));
      if (ui == 0) continue;
      addRow(acc, kt + <usize>i * rowBytes, ui, rowBytes);
    }
  }
}

/**
 * out_j = partial_0,j + partial_1,j + ... + partial_(blocks-1),j, added in block order, for j in
 * [lo, hi) (multiples of 2). partial: (blocks, p) float64; out: (p) float64.
 */
export function sumPartials(partial: usize, blocks: i32, p: i32, out: usize, lo: i32, hi: i32): void {
  const stride = <usize>p << 3;
  const end = <usize>hi << 3;
  for (let o = <usize>lo << 3; o < end; o += 16) v128.store(out + o, v128.load(partial + o));
  for (let b = 1; b < blocks; b++) {
    const src = partial + <usize>b * stride;
    for (let o = <usize>lo << 3; o < end; o += 16) v128.store(out + o, f64x2.add(v128.load(out + o), v128.load(src + o)));
  }
}

/**
 * Row i of a Sinkhorn sweep: s_i = sum_j kt_ij v_j, r_i = log s_i + shift_i,
 * F*_i = lamA (logA_i - r_i), F_i <- F_i + omega (F*_i - F_i), u_i = exp(F_i + shift_i),
 * acc += kt_i. u_i. Returns 1 for a row whose s_i is not a positive finite number (left to the
 * caller: F_i unchanged, u_i = 0, r_i = NaN), else 0.
 */
// @ts-ignore: decorator
@inline
function sweepRow(i: i32, row: usize, rowBytes: usize, v: usize, shift: usize, logA: usize, lamA: f64, omega: f64, F: usize, r: usize, u: usize, acc: usize): i32 {
  const s = rowDot(row, v, rowBytes);
  const i8 = <usize>i << 3;
  if (!(s > 0 && s < Infinity)) {
    store<f64>(r + i8, NaN);
    store<f64>(u + i8, 0);
    return 1;
  }
  const sh = <f64>load<f32>(shift + (<usize>i << 2));
  const ri = Math.log(s) + sh;
  store<f64>(r + i8, ri);
  const f0 = load<f64>(F + i8);
  const fi = f0 + omega * (lamA * (load<f64>(logA + i8) - ri) - f0);
  store<f64>(F + i8, fi);
  const ui = Math.exp(fi + sh);
  store<f64>(u + i8, ui);
  if (ui != 0) addRow(acc, row, ui, rowBytes);
  return 0;
}

/**
 * One Sinkhorn iteration's row half-step fused with the next column pass, so the held kernel is
 * streamed once per iteration instead of twice (the kernel outgrows the caches above N ~ 500):
 * for every block b in [lo, hi), sweepRow for each of its rows [b R, min(n, (b + 1) R)) into
 * partial_b (then sumPartials gives the column sums). Returns how many rows were left to the
 * caller. F, logA, r, u, partial: float64.
 */
export function sweep(kt: usize, n: i32, p: i32, v: usize, shift: usize, logA: usize, lamA: f64, omega: f64, F: usize, r: usize, u: usize, rowsPerBlock: i32, partial: usize, lo: i32, hi: i32): i32 {
  const rowBytes = <usize>p << 2;
  let bad = 0;
  for (let b = lo; b < hi; b++) {
    const acc = partial + <usize>b * (<usize>p << 3);
    zero64(acc, p);
    const end = min(n, (b + 1) * rowsPerBlock);
    for (let i = b * rowsPerBlock; i < end; i++) bad += sweepRow(i, kt + <usize>i * rowBytes, rowBytes, v, shift, logA, lamA, omega, F, r, u, acc);
  }
  return bad;
}

/**
 * buildKernel and the first sweep in one pass: each row is built (buildRow) and swept (sweepRow)
 * while it is still in the cache, so the kernel is not read back from memory for the first
 * iteration. The same numbers as buildKernel followed by sweep.
 */
export function buildSweep(zx: usize, zy: usize, yx: usize, yy: usize, g0: usize, kappa: f32, kt: usize, n: i32, p: i32, v: usize, shift: usize, logA: usize, lamA: f64, omega: f64, F: usize, r: usize, u: usize, rowsPerBlock: i32, partial: usize, lo: i32, hi: i32): i32 {
  const nk = f32x4.splat(-kappa);
  const rowBytes = <usize>p << 2;
  let bad = 0;
  for (let b = lo; b < hi; b++) {
    const acc = partial + <usize>b * (<usize>p << 3);
    zero64(acc, p);
    const end = min(n, (b + 1) * rowsPerBlock);
    for (let i = b * rowsPerBlock; i < end; i++) {
      const row = kt + <usize>i * rowBytes;
      buildRow(i, zx, zy, yx, yy, g0, rowBytes, nk, row, shift);
      bad += sweepRow(i, row, rowBytes, v, shift, logA, lamA, omega, F, r, u, acc);
    }
  }
  return bad;
}

/**
 * Categorical draws from held plan rows i in [lo, hi): the first j with
 * sum_(j' <= j) kt_ij' v_j' > goal_i (goal_i = u_i times the row's total), or when rounding leaves
 * the total under goal_i, the last j with kt_ij v_j > 0; -1 for a row with no mass. The running sum
 * is taken over groups of 4 entries (float64, lanes paired), then entry by entry inside the group
 * that crosses the goal. kt: (n, p) float32; v: (p) float64; goal: (n) float64; pick: (n) i32.
 */
export function pickRows(kt: usize, p: i32, v: usize, goal: usize, pick: usize, lo: i32, hi: i32): void {
  const rowBytes = <usize>p << 2;
  for (let i = lo; i < hi; i++) {
    const row = kt + <usize>i * rowBytes;
    const g = load<f64>(goal + (<usize>i << 3));
    let cum: f64 = 0;
    let found = -1;
    let lastGroup = -1;
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const k = v128.load(row + o);
      const vo = v + (o << 1);
      const gs = hsum2(f64x2.add(f64x2.mul(lo2(k), v128.load(vo)), f64x2.mul(hi2(k), v128.load(vo + 16))));
      if (gs > 0) lastGroup = <i32>(o >> 2);
      if (cum + gs > g) {
        // Entry by entry inside this group.
        for (let j = <i32>(o >> 2); j < <i32>(o >> 2) + 4; j++) {
          cum += <f64>load<f32>(row + (<usize>j << 2)) * load<f64>(v + (<usize>j << 3));
          if (cum > g) {
            found = j;
            break;
          }
        }
        if (found >= 0) break;
      } else cum += gs;
    }
    if (found < 0 && lastGroup >= 0) {
      for (let j = lastGroup; j < lastGroup + 4; j++) {
        if (<f64>load<f32>(row + (<usize>j << 2)) * load<f64>(v + (<usize>j << 3)) > 0) found = j;
      }
    }
    store<i32>(pick + (<usize>i << 2), found);
  }
}

/**
 * Barycentres of held plan rows i in [lo, hi): w_ij = kt_ij v_j, total_i = sum_j w_ij,
 * bx_i = sum_j w_ij yx_j, by_i = sum_j w_ij yy_j (float64 sums, y in float64; not divided).
 */
export function rowMeans(kt: usize, p: i32, v: usize, yx: usize, yy: usize, total: usize, bx: usize, by: usize, lo: i32, hi: i32): void {
  const rowBytes = <usize>p << 2;
  for (let i = lo; i < hi; i++) {
    const row = kt + <usize>i * rowBytes;
    let t = f64x2.splat(0), sx = f64x2.splat(0), sy = f64x2.splat(0);
    for (let o: usize = 0; o < rowBytes; o += 16) {
      const k = v128.load(row + o);
      const o2 = o << 1;
      const w0 = f64x2.mul(lo2(k), v128.load(v + o2));
      const w1 = f64x2.mul(hi2(k), v128.load(v + o2 + 16));
      t = f64x2.add(t, f64x2.add(w0, w1));
      sx = f64x2.add(sx, f64x2.add(f64x2.mul(w0, v128.load(yx + o2)), f64x2.mul(w1, v128.load(yx + o2 + 16))));
      sy = f64x2.add(sy, f64x2.add(f64x2.mul(w0, v128.load(yy + o2)), f64x2.mul(w1, v128.load(yy + o2 + 16))));
    }
    const i8 = <usize>i << 3;
    store<f64>(total + i8, hsum2(t));
    store<f64>(bx + i8, hsum2(sx));
    store<f64>(by + i8, hsum2(sy));
  }
}

/**
 * Pooled proposal mixture, proposals j in [lo, hi): out_j = sum_i exp(-inv2s2 (||y_j - mu_i||^2 -
 * d0_j)), d0_j the squared distance of y_j to its own mean (so the sum is >= 1, and no term
 * overflows for any draw with ||xi||^2 < 170); the caller adds -inv2s2 d0_j and the normalising
 * constant. Only the means within r_j of y_j in x and in y contribute, where
 * r_j^2 = d0_j + cut / inv2s2: every other mean adds less than e^-cut relative to y_j's own mean
 * (which is inside, at squared distance d0_j). The means are grouped in bands of height h by y
 * (band k: y in [ymin + k h, ymin + (k + 1) h)), each band sorted by x and padded to a multiple of
 * 4 with far means; band k holds entries [start_k, start_(k+1)). For each y_j the bands meeting
 * [y_j - r_j, y_j + r_j] are searched for |x - x_j| <= r_j, and terms are added band by band.
 * start: (bands + 1) i32.
 */
export function mixtureLogSumBands(mux: usize, muy: usize, start: usize, bands: i32, ymin: f32, invH: f32, yx: usize, yy: usize, d0s: usize, inv2s2: f32, cut: f32, out: usize, lo: i32, hi: i32): void {
  const c = f32x4.splat(-inv2s2);
  for (let j = lo; j < hi; j++) {
    const jx = load<f32>(yx + (<usize>j << 2));
    const jy = load<f32>(yy + (<usize>j << 2));
    const d0v = load<f32>(d0s + (<usize>j << 2));
    const r = Mathf.sqrt(d0v + cut / inv2s2);
    const left = jx - r, right = jx + r;
    // Bands meeting [jy - r, jy + r] (a NaN coordinate meets none: the caller's check catches it).
    const kf0 = Mathf.floor((jy - r - ymin) * invH), kf1 = Mathf.floor((jy + r - ymin) * invH);
    const k0 = kf0 >= 0 ? (kf0 < <f32>bands ? <i32>kf0 : bands) : 0;
    const k1 = kf1 >= 0 ? (kf1 < <f32>bands ? <i32>kf1 : bands - 1) : -1;
    const d0 = f32x4.splat(d0v);
    const ax = f32x4.splat(jx), ay = f32x4.splat(jy);
    let s = f32x4.splat(0);
    for (let k = k0; k <= k1; k++) {
      const b0 = load<i32>(start + (<usize>k << 2)), b1 = load<i32>(start + (<usize>(k + 1) << 2));
      // First index of the band with mux >= left, and first with mux > right.
      let a = b0, b = b1;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (load<f32>(mux + (<usize>mid << 2)) < left) a = mid + 1;
        else b = mid;
      }
      let e = a, f = b1;
      while (e < f) {
        const mid = (e + f) >>> 1;
        if (load<f32>(mux + (<usize>mid << 2)) <= right) e = mid + 1;
        else f = mid;
      }
      // Whole vectors inside the band (its start and length are multiples of 4).
      const from = <usize>(a & ~3) << 2;
      const to = <usize>min((e + 3) & ~3, b1) << 2;
      for (let o = from; o < to; o += 16) {
        const dx = f32x4.sub(v128.load(mux + o), ax);
        const dy = f32x4.sub(v128.load(muy + o), ay);
        const d2 = f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy));
        s = f32x4.add(s, exp4(f32x4.mul(c, f32x4.sub(d2, d0))));
      }
    }
    store<f32>(out + (<usize>j << 2), hsum(s));
  }
}

/**
 * Log-sum-exp over a point set, recomputing the kernel on the fly (for problems too large to
 * hold): for each a_i, i in [lo, hi), out_i = LSE_k(w_k - kappa ||a_i - b_k||^2), and when
 * ess != 0 also ess_i = (sum e)^2 / sum e^2 of the normalised terms. Two passes per point (the
 * maximum, then the sum of float32 exps in float64). b and w: (q) per axis, q a multiple of 4
 * (the caller pads b FAR away). Rows use a = z, b = y, w = G; columns a = y, b = z, w = F.
 */
export function lseOnline(ax: usize, ay: usize, bx: usize, by: usize, bw: usize, q: i32, kappa: f32, out: usize, ess: usize, lo: i32, hi: i32): void {
  const nk = f32x4.splat(-kappa);
  const bytes = <usize>q << 2;
  for (let i = lo; i < hi; i++) {
    const px = f32x4.splat(load<f32>(ax + (<usize>i << 2)));
    const py = f32x4.splat(load<f32>(ay + (<usize>i << 2)));
    let m = f32x4.splat(-Infinity);
    for (let o: usize = 0; o < bytes; o += 16) {
      const dx = f32x4.sub(v128.load(bx + o), px);
      const dy = f32x4.sub(v128.load(by + o), py);
      m = f32x4.pmax(m, f32x4.add(v128.load(bw + o), f32x4.mul(nk, f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy)))));
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
      const l = lo2(e), h = hi2(e);
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
