import { Arena, FAR, padded, singleThread, type KernelRunner, type SimdExports } from '../../wasm/simd';
import type { LseOps } from './lseOps';
import type { CouplingProblem } from './problem';

/**
 * The log-domain reductions of onlineLse on the WebAssembly SIMD kernels, for problems too large
 * to hold the kernel (N P above KERNEL_BUDGET): log K recomputed from 2D coordinates with a
 * vector exp, two passes per line, float64 sums. Potentials enter as float32 after subtracting
 * their maximum, so the terms that matter keep ~1e-7 relative precision. O(N + P) memory.
 * Lines are independent: a team of threads splits them with the same result as one thread.
 */
export class SimdOnline implements LseOps {
  private readonly n: number;
  private readonly p: number;
  private readonly n4: number;
  private readonly p4: number;
  private readonly off: Record<'zx' | 'zy' | 'yx' | 'yy' | 'wP' | 'wN' | 'outN' | 'outP' | 'essN', number>;
  private readonly wP: Float32Array; // (p4)
  private readonly wN: Float32Array; // (n4)
  private readonly outN: Float64Array; // (N)
  private readonly outP: Float64Array; // (P)
  private readonly essN: Float64Array; // (N)

  constructor(
    k: SimdExports,
    arena: Arena,
    private readonly pb: CouplingProblem,
    private readonly runner: KernelRunner = singleThread(k),
  ) {
    const n = (this.n = pb.z.length >> 1);
    const p = (this.p = pb.y.length >> 1);
    const n4 = (this.n4 = padded(n));
    const p4 = (this.p4 = padded(p));
    arena.reset();
    this.off = {
      zx: arena.alloc(n4),
      zy: arena.alloc(n4),
      yx: arena.alloc(p4),
      yy: arena.alloc(p4),
      wP: arena.alloc(p4),
      wN: arena.alloc(n4),
      outN: arena.alloc64(n4),
      outP: arena.alloc64(p4),
      essN: arena.alloc64(n4),
    };
    const o = this.off;
    const zx = arena.f32(o.zx, n4), zy = arena.f32(o.zy, n4), yx = arena.f32(o.yx, p4), yy = arena.f32(o.yy, p4);
    for (let i = 0; i < n4; i++) {
      zx[i] = i < n ? pb.z[2 * i] : FAR;
      zy[i] = i < n ? pb.z[2 * i + 1] : FAR;
    }
    for (let j = 0; j < p4; j++) {
      yx[j] = j < p ? pb.y[2 * j] : FAR;
      yy[j] = j < p ? pb.y[2 * j + 1] : FAR;
    }
    this.wP = arena.f32(o.wP, p4);
    this.wN = arena.f32(o.wN, n4);
    this.wP.fill(0);
    this.wN.fill(0);
    this.outN = arena.f64(o.outN, n);
    this.outP = arena.f64(o.outP, p);
    this.essN = arena.f64(o.essN, n);
  }

  /** w = X - max(X) in float32 (pads stay 0, far away); returns the shift. */
  private static load(X: Float64Array, w: Float32Array): number {
    let shift = -Infinity;
    for (let k = 0; k < X.length; k++) if (X[k] > shift && X[k] < Infinity) shift = X[k];
    if (!Number.isFinite(shift)) shift = 0;
    for (let k = 0; k < X.length; k++) w[k] = X[k] - shift;
    return shift;
  }

  rows(G: Float64Array, out: Float64Array): void {
    const { off, n, p4 } = this;
    const shift = SimdOnline.load(G, this.wP);
    this.runner.run('lseOnline', [off.zx, off.zy, off.yx, off.yy, off.wP, p4, this.pb.kappa, off.outN, 0], n, 2 * p4);
    for (let i = 0; i < n; i++) out[i] = this.outN[i] + shift;
  }

  cols(F: Float64Array, out: Float64Array): void {
    const { off, p, n4 } = this;
    const shift = SimdOnline.load(F, this.wN);
    this.runner.run('lseOnline', [off.yx, off.yy, off.zx, off.zy, off.wN, n4, this.pb.kappa, off.outP, 0], p, 2 * n4);
    for (let j = 0; j < p; j++) out[j] = this.outP[j] + shift;
  }

  rowsEss(G: Float64Array, lse: Float64Array, ess: Float64Array): null {
    const { off, n, p4 } = this;
    const shift = SimdOnline.load(G, this.wP);
    this.runner.run('lseOnline', [off.zx, off.zy, off.yx, off.yy, off.wP, p4, this.pb.kappa, off.outN, off.essN], n, 2 * p4);
    for (let i = 0; i < n; i++) {
      lse[i] = this.outN[i] + shift;
      ess[i] = this.essN[i];
    }
    return null;
  }
}
