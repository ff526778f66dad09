import { colLseOne, rowLseEssOne, rowLseOne } from './kernel';
import type { HeldRows, LseOps, LseOpsFactory } from './lseOps';
import { sqDist } from '../sqDist';
import { problemSize, type CouplingProblem } from './problem';

/** Re-absorb G into the kernel once it drifts this far (nats) from the absorbed G0. */
const ABSORB_AT = 30;

/**
 * Stabilised kernel Sinkhorn (Schmitzer 2019): hold Kt_ij = exp(log K_ij + A_i + G0_j) in
 * float32, where A_i shifts row i so its largest entry is 1. Then
 *   LSE_j(log K_ij + G_j) = log sum_j Kt_ij e^(G_j - G0_j) - A_i,
 *   LSE_i(log K_ij + F_i) = log sum_i Kt_ij e^(F_i - A_i) - G0_j,
 * matrix-vector products with no exp per entry. Kt is rebuilt when G drifts more than
 * ABSORB_AT from G0; a line whose sum under- or overflows is recomputed in the log domain.
 * Up to TRANSPOSE_BUDGET entries Kt is kept twice, row-major and column-major, so both
 * reductions are contiguous dot products; above it, once. Memory: 4 or 8 bytes per entry, so
 * callers use it only below a size budget.
 */
export const heldKernel =
  (transposeBudget: number): LseOpsFactory =>
  (pb, _F, G) =>
    new AbsorbedKernel(pb, G, transposeBudget);

export const absorbedLse: LseOpsFactory = (pb, F, G) => heldKernel(TRANSPOSE_BUDGET)(pb, F, G);

/**
 * The same kernel held in float64, whose final row pass reads the held rows (rowsEss), so the
 * update samples them with no exp per entry. The path of d > 2, which has no SIMD kernel: there
 * each (i, j) entry costs d operations to recompute, so the float32 kernel's exact log-domain
 * final pass (kept in 2D, whose typed-array particles are frozen in the tests) would dominate a
 * step. Float64 entries keep the rows exact to rounding. Memory: 8 bytes per entry (16 with
 * the transposed copy).
 */
export const wideKernel =
  (transposeBudget: number): LseOpsFactory =>
  (pb, _F, G) =>
    new WideKernel(pb, G, transposeBudget);

/** Up to this many entries the kernel is also held column-major (faster column reductions). */
export const TRANSPOSE_BUDGET = 1 << 23;

/*
 * The N x P buffers are kept between solves (one ETD step after another has the same size), so
 * a step allocates nothing of size N x P. Solves never nest, so one set per precision is enough.
 */
const spare: Float32Array[] = [];
const spareWide: Float64Array[] = [];
function kernelBuffer(k: number, size: number, wide: boolean): Float32Array | Float64Array {
  const pool = wide ? spareWide : spare;
  if (!pool[k] || pool[k].length < size) pool[k] = wide ? new Float64Array(size) : new Float32Array(size);
  return pool[k].subarray(0, size);
}

class AbsorbedKernel implements LseOps {
  protected readonly n: number;
  protected readonly p: number;
  protected readonly kt: Float32Array | Float64Array; // (N, P)
  private readonly ktT: Float32Array | Float64Array | null; // (P, N), when within the transpose budget
  private readonly acc: Float64Array; // (P) column sums when there is no ktT
  protected readonly A: Float64Array; // (N) row shifts
  private readonly G0: Float64Array; // (P) absorbed column potentials
  private readonly u: Float64Array; // (N)
  protected readonly v: Float64Array; // (P)
  protected readonly scratchP: Float64Array;
  private readonly scratchN: Float64Array;

  constructor(protected readonly pb: CouplingProblem, G: Float64Array, transposeBudget: number, wide = false) {
    const { n, p } = problemSize(pb);
    this.n = n;
    this.p = p;
    this.kt = kernelBuffer(0, this.n * this.p, wide);
    this.ktT = this.n * this.p <= transposeBudget ? kernelBuffer(1, this.n * this.p, wide) : null;
    this.acc = new Float64Array(this.p);
    this.A = new Float64Array(this.n);
    this.G0 = new Float64Array(this.p);
    this.u = new Float64Array(this.n);
    this.v = new Float64Array(this.p);
    this.scratchP = new Float64Array(this.p);
    this.scratchN = new Float64Array(this.n);
    this.absorb(G);
  }

  private absorb(G: Float64Array): void {
    const { z, y, kappa } = this.pb;
    const { n, p, kt, ktT, scratchP, G0, A } = this;
    const d = z.length / n;
    for (let j = 0; j < p; j++) G0[j] = Number.isFinite(G[j]) ? G[j] : 0;
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let j = 0; j < p; j++) {
        const val = G0[j] - kappa * sqDist(z, i, y, j, d);
        scratchP[j] = val;
        if (val > m) m = val;
      }
      const a = Number.isFinite(m) ? -m : 0;
      A[i] = a;
      const row = i * p;
      for (let j = 0; j < p; j++) {
        const e = Math.exp(scratchP[j] + a);
        kt[row + j] = e;
        if (ktT) ktT[j * n + i] = e;
      }
    }
  }

  /** v = e^(G - G0); false when some G_j drifted too far (or is not finite). */
  private scalings(G: Float64Array): boolean {
    const { G0, v } = this;
    for (let j = 0; j < G.length; j++) {
      const d = G[j] - G0[j];
      if (!(Math.abs(d) <= ABSORB_AT)) return false;
      v[j] = Math.exp(d);
    }
    return true;
  }

  /** v for G, re-absorbing first when needed. */
  protected scaleFor(G: Float64Array): void {
    if (!this.scalings(G)) {
      this.absorb(G);
      this.scalings(G);
    }
  }

  rows(G: Float64Array, out: Float64Array): void {
    this.scaleFor(G);
    const { n, p, kt, v, A } = this;
    for (let i = 0; i < n; i++) {
      const s = dot(kt, i * p, v, p);
      out[i] = s > 0 && s < Infinity ? Math.log(s) - A[i] : rowLseOne(this.pb, G, i, this.scratchP);
    }
  }

  cols(F: Float64Array, out: Float64Array): void {
    const { n, p, kt, ktT, u, G0, A, acc } = this;
    for (let i = 0; i < n; i++) u[i] = Math.exp(F[i] - A[i]);
    if (!ktT) {
      // Row-major only: accumulate rows into the column sums (contiguous, one pass).
      acc.fill(0);
      for (let i = 0; i < n; i++) {
        const ui = u[i];
        if (ui === 0) continue;
        const row = i * p;
        for (let j = 0; j < p; j++) acc[j] += kt[row + j] * ui;
      }
    }
    for (let j = 0; j < p; j++) {
      const s = ktT ? dot(ktT, j * n, u, n) : acc[j];
      out[j] = s > 0 && s < Infinity ? Math.log(s) - G0[j] : colLseOne(this.pb, F, j, this.scratchN);
    }
  }
}

class WideKernel extends AbsorbedKernel {
  constructor(pb: CouplingProblem, G: Float64Array, transposeBudget: number) {
    super(pb, G, transposeBudget, true);
  }

  /** rows() and each row's ESS from the held rows; a row whose sums fail is recomputed exactly. */
  rowsEss(G: Float64Array, lse: Float64Array, ess: Float64Array): HeldRows {
    this.scaleFor(G);
    const { n, p, kt, v, A } = this;
    const rowSum = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      let s1 = 0, s2 = 0;
      for (let j = 0; j < p; j++) {
        const w = kt[row + j] * v[j];
        s1 += w;
        s2 += w * w;
      }
      if (s1 > 0 && s1 < Infinity && s2 > 0 && s2 < Infinity) {
        lse[i] = Math.log(s1) - A[i];
        ess[i] = (s1 * s1) / s2;
        rowSum[i] = s1;
      } else {
        rowLseEssOne(this.pb, G, i, lse, ess, this.scratchP);
        rowSum[i] = NaN;
      }
    }
    return { kt, stride: p, v, rowSum };
  }
}

/** sum_k m[off + k] * w[k]; four accumulators break the add-latency chain (about 3x faster). */
function dot(m: Float32Array | Float64Array, off: number, w: Float64Array, len: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += m[off + k] * w[k];
    s1 += m[off + k + 1] * w[k + 1];
    s2 += m[off + k + 2] * w[k + 2];
    s3 += m[off + k + 3] * w[k + 3];
  }
  for (; k < len; k++) s0 += m[off + k] * w[k];
  return s0 + s1 + (s2 + s3);
}
