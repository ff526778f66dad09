import { Arena, FAR, padded, singleThread, type KernelRunner, type SimdExports } from '../../wasm/simd';
import { colLseOne, rowLseEssOne, rowLseOne } from './kernel';
import type { HeldRows, LseOps } from './lseOps';
import type { CouplingProblem } from './problem';

/** Re-absorb G into the kernel once it drifts this far (nats) from the absorbed G0 (as absorbedLse). */
const ABSORB_AT = 30;

/**
 * Column sums over the rows go by blocks of rows fixed by N alone (at most 16 blocks of at least
 * 16 rows): each block sums its rows in order into its own partial, and the partials are added in
 * block order. Threads take whole blocks, so 1 or k threads give the same bits.
 */
export function rowBlocks(n: number): { rowsPerBlock: number; blocks: number } {
  const rowsPerBlock = Math.max(16, Math.ceil(n / 16));
  return { rowsPerBlock, blocks: Math.max(1, Math.ceil(n / rowsPerBlock)) };
}

/**
 * The stabilised held kernel of absorbedLse on the WebAssembly SIMD kernels: Kt_ij =
 * exp(G0_j - kappa ||y_j - z_i||^2 - m_i) in float32 (m_i the row maximum), built with a vector
 * exp, row by row inside the first Sinkhorn pass after every (re)absorption (buildSweep: the
 * kernel is not read back from memory for that pass); each half-iteration one SIMD pass over Kt
 * (float64 sums) (rows as dot products, columns as row-wise accumulation, so one row-major copy
 * serves both). All arrays live in the module's arena; a solve allocates nothing once the arena
 * has grown to its size.
 *   LSE_j(log K_ij + G_j) = log sum_j Kt_ij e^(G_j - G0_j) + m_i
 *   LSE_i(log K_ij + F_i) = log sum_i Kt_ij e^(F_i + m_i) - G0_j
 * A line whose float32 sum under- or overflows is recomputed exactly in the log domain.
 * Every pass runs through a KernelRunner: rows (or blocks of rows) split across threads when a
 * team runs the kernels, with the same result as one thread.
 */
export class SimdKernel implements LseOps {
  private readonly n: number;
  private readonly p: number;
  private readonly p4: number;
  private readonly off: Record<'kt' | 'zx' | 'zy' | 'yx' | 'yy' | 'g0' | 'shift' | 'v' | 'u' | 'rowOut' | 'colOut' | 's2' | 'F' | 'logA' | 'partial' | 'goal' | 'pick' | 'yx64' | 'yy64', number>;
  private readonly rowsPerBlock: number;
  private readonly blocks: number;
  /** The kernel rows do not hold the absorbed G0 yet. */
  private stale = true;
  private readonly kt: Float32Array; // (N, p4)
  private readonly g0f: Float32Array; // (p4) absorbed G, float32 as the kernel saw it
  private readonly shift: Float32Array; // (N) row maxima m_i
  private readonly v: Float64Array; // (p4) e^(G - G0), pads 0
  private readonly u: Float64Array; // (N)
  private readonly rowOut: Float64Array; // (N)
  private readonly colOut: Float64Array; // (p4)
  private readonly s2: Float64Array; // (N)
  private readonly Fw: Float64Array; // (N) F inside the module, for sweep
  private readonly G0: Float64Array; // (P) = g0f, in float64
  private readonly scratchP: Float64Array;
  private readonly scratchN: Float64Array;

  constructor(
    k: SimdExports,
    private readonly arena: Arena,
    private readonly pb: CouplingProblem,
    G: Float64Array,
    private readonly runner: KernelRunner = singleThread(k),
  ) {
    const n = (this.n = pb.z.length >> 1);
    const p = (this.p = pb.y.length >> 1);
    const p4 = (this.p4 = padded(p));
    const n4 = padded(n);
    const { rowsPerBlock, blocks } = rowBlocks(n);
    this.rowsPerBlock = rowsPerBlock;
    this.blocks = blocks;
    arena.reset();
    this.off = {
      kt: arena.alloc(n * p4),
      zx: arena.alloc(n4),
      zy: arena.alloc(n4),
      yx: arena.alloc(p4),
      yy: arena.alloc(p4),
      g0: arena.alloc(p4),
      shift: arena.alloc(n4),
      v: arena.alloc64(p4),
      u: arena.alloc64(n4),
      rowOut: arena.alloc64(n4),
      colOut: arena.alloc64(p4),
      s2: arena.alloc64(n4),
      F: arena.alloc64(n4),
      logA: arena.alloc64(n4),
      partial: arena.alloc64(blocks * p4),
      goal: arena.alloc64(n4),
      pick: arena.alloc(n4),
      yx64: arena.alloc64(p4),
      yy64: arena.alloc64(p4),
    };
    const o = this.off;
    this.kt = arena.f32(o.kt, n * p4);
    this.g0f = arena.f32(o.g0, p4);
    this.shift = arena.f32(o.shift, n);
    this.v = arena.f64(o.v, p4);
    this.u = arena.f64(o.u, n);
    this.rowOut = arena.f64(o.rowOut, n);
    this.colOut = arena.f64(o.colOut, p4);
    this.s2 = arena.f64(o.s2, n);
    this.Fw = arena.f64(o.F, n);
    arena.f64(o.logA, n).set(pb.logA);
    const zx = arena.f32(o.zx, n), zy = arena.f32(o.zy, n);
    for (let i = 0; i < n; i++) {
      zx[i] = pb.z[2 * i];
      zy[i] = pb.z[2 * i + 1];
    }
    const yx = arena.f32(o.yx, p4), yy = arena.f32(o.yy, p4);
    for (let j = 0; j < p4; j++) {
      yx[j] = j < p ? pb.y[2 * j] : FAR;
      yy[j] = j < p ? pb.y[2 * j + 1] : FAR;
    }
    this.v.fill(0);
    this.G0 = new Float64Array(p);
    this.scratchP = new Float64Array(p);
    this.scratchN = new Float64Array(n);
    this.absorb(G);
  }

  private absorb(G: Float64Array): void {
    const { p, g0f, G0, off } = this;
    for (let j = 0; j < p; j++) {
      g0f[j] = Number.isFinite(G[j]) ? G[j] : 0;
      G0[j] = g0f[j]; // the float32 value the kernel holds, so e^(G - G0) corrects it exactly
    }
    this.stale = true; // built by the next pass: fused into a sweep, or on its own (ensureKernel)
  }

  /** Build the kernel rows now (benchmarks time the build on its own with this). */
  buildNow(): void {
    this.stale = true;
    this.ensureKernel();
  }

  /** The kernel rows for the absorbed G0, built now if a pass needs them and no sweep built them. */
  private ensureKernel(): void {
    if (!this.stale) return;
    const { off } = this;
    this.runner.run('buildKernel', [off.zx, off.zy, off.yx, off.yy, off.g0, this.p4, this.pb.kappa, off.kt, off.shift], this.n, 3 * this.p4);
    this.stale = false;
  }

  /** v = e^(G - G0); re-absorbs first when some G_j drifted too far (or is not finite). */
  private scalings(G: Float64Array): void {
    if (this.fill(G)) return;
    this.absorb(G);
    this.fill(G);
  }

  private fill(G: Float64Array): boolean {
    const { G0, v, p } = this;
    for (let j = 0; j < p; j++) {
      const d = G[j] - G0[j];
      if (!(Math.abs(d) <= ABSORB_AT)) return false;
      v[j] = Math.exp(d);
    }
    return true;
  }

  rows(G: Float64Array, out: Float64Array): void {
    this.scalings(G);
    this.ensureKernel();
    const { n, off, rowOut, shift } = this;
    this.runner.run('rowDots', [off.kt, this.p4, off.v, off.rowOut], n, this.p4);
    for (let i = 0; i < n; i++) {
      const s = rowOut[i];
      out[i] = s > 0 && s < Infinity ? Math.log(s) + shift[i] : rowLseOne(this.pb, G, i, this.scratchP);
    }
  }

  cols(F: Float64Array, out: Float64Array): void {
    this.ensureKernel();
    const { n, p, off, u, shift, colOut, G0 } = this;
    for (let i = 0; i < n; i++) u[i] = Math.exp(F[i] + shift[i]);
    this.runner.run('colPartials', [off.kt, n, this.p4, off.u, this.rowsPerBlock, off.partial], this.blocks, this.rowsPerBlock * this.p4);
    this.sumPartials();
    for (let j = 0; j < p; j++) {
      const s = colOut[j];
      out[j] = s > 0 && s < Infinity ? Math.log(s) - G0[j] : colLseOne(this.pb, F, j, this.scratchN);
    }
  }

  sweep(G: Float64Array, F: Float64Array, r: Float64Array, lamA: number, omega: number, out: Float64Array): boolean {
    this.scalings(G);
    const { n, p, off, Fw, rowOut, colOut, G0 } = this;
    Fw.set(F);
    const rest = [off.kt, n, this.p4, off.v, off.shift, off.logA, lamA, omega, off.F, off.rowOut, off.u, this.rowsPerBlock, off.partial];
    // A kernel not built yet is built row by row inside this pass (it is not read back from memory).
    const bad = this.stale
      ? this.runner.run('buildSweep', [off.zx, off.zy, off.yx, off.yy, off.g0, this.pb.kappa, ...rest], this.blocks, 4 * this.rowsPerBlock * this.p4)
      : this.runner.run('sweep', rest, this.blocks, this.rowsPerBlock * this.p4);
    this.stale = false;
    if (bad > 0) return false;
    this.sumPartials();
    F.set(Fw);
    r.set(rowOut);
    for (let j = 0; j < p; j++) {
      const s = colOut[j];
      out[j] = s > 0 && s < Infinity ? Math.log(s) - G0[j] : colLseOne(this.pb, F, j, this.scratchN);
    }
    return true;
  }

  rowsEss(G: Float64Array, lse: Float64Array, ess: Float64Array): HeldRows {
    this.scalings(G);
    this.ensureKernel();
    const { n, off, rowOut, s2, shift } = this;
    this.runner.run('rowDots2', [off.kt, this.p4, off.v, off.rowOut, off.s2], n, this.p4);
    const rowSum = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = rowOut[i];
      if (s > 0 && s < Infinity && s2[i] > 0 && s2[i] < Infinity) {
        lse[i] = Math.log(s) + shift[i];
        ess[i] = (s * s) / s2[i];
        rowSum[i] = s;
      } else {
        rowLseEssOne(this.pb, G, i, lse, ess, this.scratchP);
        rowSum[i] = NaN;
      }
    }
    return {
      kt: this.kt,
      stride: this.p4,
      v: this.v,
      rowSum,
      pick: (u, picks) => this.pick(rowSum, u, picks),
      means: (total, means) => this.means(rowSum, total, means),
    };
  }

  /** colOut = the block partials added in block order (split by columns, a few blocks' worth each). */
  private sumPartials(): void {
    const { off, p4, blocks } = this;
    if (blocks === 1) this.colOut.set(this.arena.f64(off.partial, p4));
    else this.runner.run('sumPartials', [off.partial, blocks, p4, off.colOut], p4, blocks, 4);
  }

  /** HeldRows.pick on the kernels: rows with a finite total, split across threads. */
  private pick(rowSum: Float64Array, u: Float64Array, picks: Int32Array): void {
    const { n, off } = this;
    const goal = this.arena.f64(off.goal, n);
    for (let i = 0; i < n; i++) goal[i] = rowSum[i] > 0 ? u[i] * rowSum[i] : -1;
    this.runner.run('pickRows', [off.kt, this.p4, off.v, off.goal, off.pick], n, this.p4 / 2);
    const got = this.arena.i32(off.pick, n);
    for (let i = 0; i < n; i++) if (rowSum[i] > 0) picks[i] = got[i];
  }

  /** HeldRows.means on the kernels (2D): row totals and barycentres sum_j w_ij y_j, not divided. */
  private means(rowSum: Float64Array, total: Float64Array, means: Float64Array): void {
    const { n, p, p4, off, pb } = this;
    const yx = this.arena.f64(off.yx64, p4), yy = this.arena.f64(off.yy64, p4);
    for (let j = 0; j < p4; j++) {
      yx[j] = j < p ? pb.y[2 * j] : 0;
      yy[j] = j < p ? pb.y[2 * j + 1] : 0;
    }
    const bx = this.arena.f64(off.rowOut, n), by = this.arena.f64(off.s2, n);
    this.runner.run('rowMeans', [off.kt, p4, off.v, off.yx64, off.yy64, off.goal, off.rowOut, off.s2], n, 2 * p4);
    const t = this.arena.f64(off.goal, n);
    for (let i = 0; i < n; i++) {
      if (!(rowSum[i] > 0)) continue;
      total[i] = t[i];
      means[2 * i] = bx[i];
      means[2 * i + 1] = by[i];
    }
  }
}
