import { colLseOne, rowLseOne } from './kernel';
import type { LseOps, LseOpsFactory } from './lseOps';
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

/** Up to this many entries the kernel is also held column-major (faster column reductions). */
export const TRANSPOSE_BUDGET = 1 << 23;

/*
 * The N x P float32 buffers are kept between solves (one ETD step after another has the same
 * size), so a step allocates nothing of size N x P. Solves never nest, so one set is enough.
 */
let spare: Float32Array[] = [];
function kernelBuffer(k: number, size: number): Float32Array {
  if (!spare[k] || spare[k].length < size) spare[k] = new Float32Array(size);
  return spare[k].subarray(0, size);
}

class AbsorbedKernel implements LseOps {
  private readonly n: number;
  private readonly p: number;
  private readonly kt: Float32Array; // (N, P)
  private readonly ktT: Float32Array | null; // (P, N), when within TRANSPOSE_BUDGET
  private readonly acc: Float64Array; // (P) column sums when there is no ktT
  private readonly A: Float64Array; // (N) row shifts
  private readonly G0: Float64Array; // (P) absorbed column potentials
  private readonly u: Float64Array; // (N)
  private readonly v: Float64Array; // (P)
  private readonly scratchP: Float64Array;
  private readonly scratchN: Float64Array;

  constructor(private readonly pb: CouplingProblem, G: Float64Array, transposeBudget: number) {
    const { n, p } = problemSize(pb);
    this.n = n;
    this.p = p;
    this.kt = kernelBuffer(0, this.n * this.p);
    this.ktT = this.n * this.p <= transposeBudget ? kernelBuffer(1, this.n * this.p) : null;
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

  rows(G: Float64Array, out: Float64Array): void {
    if (!this.scalings(G)) {
      this.absorb(G);
      this.scalings(G);
    }
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

/** sum_k m[off + k] * w[k]; four accumulators break the add-latency chain (about 3x faster). */
function dot(m: Float32Array, off: number, w: Float64Array, len: number): number {
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
