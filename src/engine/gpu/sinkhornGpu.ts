import { problemSize, type CouplingProblem, type Relaxation } from '../etd/coupling/problem';
import { f32, readFloats, readbackBuffer, storageBuffer, uniformBuffer, upload } from './buffers';
import {
  encodeHalfStep,
  halfStepBindGroup,
  halfStepParams,
  halfStepProgram,
  halfStepWorkgroupSize,
} from './halfStep';
import { HALF_STEP_PARAMS_BYTES } from './halfStep.wgsl';
import { PLAN_IMAGE_MAX_SIDE, checkOrder, encodePlanImage, planImageParams, planImageProgram } from './planImage';
import { PLAN_IMAGE_EMPTY, PLAN_IMAGE_PARAMS_BYTES } from './planImage.wgsl';
import { iterate, termStagingFloats, type HalfStepKernels, type LoopResult } from './sinkhornLoop';

/*
 * Log-domain Sinkhorn on a GPUDevice with the fused half-step kernel (halfStep.wgsl.ts): the
 * same damped, optionally over-relaxed iteration as sinkhornScaling (coupling/sinkhorn.ts),
 *   F*_i = lamA (log a_i - LSE_j(log K_ij + G_j)),  G*_j = lamB (log b_j - LSE_i(log K_ij + F_i)),
 *   X <- X + omega (X* - X) per half-step (omega = 1: plain Sinkhorn),
 * with log K_ij = -kappa ||y_j - z_i||^2 recomputed per entry from the d coordinates (d a
 * compile-time constant of the kernels), so memory is O((N + P) d). The
 * stopping rule (the CPU's marginal residual) and the over-relaxation with its read-back
 * safeguard are in sinkhornLoop.ts; this file owns the buffers and the plan image.
 *
 * Precision: everything on the GPU is float32. For well-conditioned problems (kappa ||y - z||^2
 * and |F|, |G| up to ~50) the plan agrees with the float64 CPU path to ~1e-4 relative per entry;
 * on the 50 x 500 POT fixtures solved to tol 1e-6 it is within 2e-5. The residual cannot go
 * below the float32 resolution of the potentials: recomputed in float64 from them it stays at
 * about 5e-7 .. 2e-6 on those fixtures (the kernel's own float32 terms go below 1e-7 there), so
 * ask for tol >= ~1e-5 when "converged" (recomputed on the CPU, gpuCoupling.ts) matters.
 * Over-relaxation amplifies the rounding noise of each step by about omega / (2 - omega): on
 * the balanced fixture the kernel's residual stalls at ~1e-6 with omega 1.5, ~4e-6 with 1.7
 * and ~2e-5 with 1.9 (the Relaxer's cap is 1.82), and the safeguard does not see it (the gain
 * stays positive). Below ~1e-5, relax = 'adaptive' may run to maxIter where 'off' stops.
 *
 * Buffers are made once per (N, P, d) and reused; programs and bind groups once per relaxation
 * mode. The plan image reads 2D points only.
 */

export interface GpuSinkhornOptions {
  readonly maxIter: number;
  /** Stop when the plan's L1 marginal residual is <= tol (checked every checkEvery iterations, see sinkhornLoop.ts). */
  readonly tol: number;
  readonly lamA: number;
  readonly lamB: number;
  /** Iterations recorded per submit; the residual is read back after each batch. */
  readonly checkEvery?: number;
  /** 'adaptive': over-relaxed half-steps with the read-back safeguard of sinkhornLoop.ts; 'off' (default): plain. */
  readonly relax?: Relaxation;
  /**
   * With relax = 'adaptive': this omega in [1, 2) from the first iteration instead of the
   * Relaxer's estimate (experiments with a fixed factor; tests of the safeguard).
   */
  readonly omega?: number;
}

export interface GpuSinkhornResult extends LoopResult {
  readonly F: Float64Array; // (N) f / eps, float32 values
  readonly G: Float64Array; // (P) g / eps, float32 values
  /** residual <= tol: the float32 verdict that stopped the loop. */
  readonly converged: boolean;
}

export interface GpuSinkhorn {
  solve(
    pb: CouplingProblem,
    warm: { F: Float64Array; G: Float64Array } | null,
    opts: GpuSinkhornOptions,
  ): Promise<GpuSinkhornResult>;
  /**
   * log of the plan's mass per display bin, (height, width) row-major: image row v aggregates
   * the plan rows of ranks [floor(v N / height), floor((v + 1) N / height)) in rowOrder, image
   * column u the plan columns of ranks [floor(u P / width), ...) in colOrder. Empty bins are
   * -Infinity. Only this image is read back.
   */
  planImage(
    pb: CouplingProblem,
    F: Float64Array, // (N)
    G: Float64Array, // (P)
    width: number,
    height: number,
    rowOrder: ArrayLike<number>, // (N) permutation: plan row at each rank
    colOrder: ArrayLike<number>, // (P) permutation: plan column at each rank
  ): Promise<Float32Array>;
  /** Frees every buffer this object made (not the device). Later calls reject. */
  dispose(): void;
}

/** Buffers of one problem size (N, P, d), made once and reused by every solve of that size. */
interface Sized {
  readonly n: number;
  readonly p: number;
  readonly d: number;
  readonly buffers: GPUBuffer[];
  readonly z: GPUBuffer;
  readonly y: GPUBuffer;
  readonly logA: GPUBuffer;
  readonly logB: GPUBuffer;
  readonly F: GPUBuffer;
  readonly G: GPUBuffer;
  readonly rowTerms: GPUBuffer; // (2, N) residual, dual gain per row
  readonly colTerms: GPUBuffer; // (2, P) residual, dual gain per column
  readonly rowParams: GPUBuffer;
  readonly colParams: GPUBuffer;
  readonly rowOrder: GPUBuffer;
  readonly colOrder: GPUBuffer;
  readonly termStaging: GPUBuffer; // termStagingFloats(N, P), see sinkhornLoop.ts
  readonly dualStaging: GPUBuffer; // F then G
  /** Programs and bind groups per relaxation mode, made on first use. */
  readonly kernels: Map<Relaxation, HalfStepKernels>;
}

interface ImageBuffers {
  readonly pixels: number;
  readonly params: GPUBuffer;
  readonly image: GPUBuffer;
  readonly staging: GPUBuffer;
}

export interface GpuSinkhornConfig {
  /** Workgroup sizes (powers of two) of the row and column passes; default from the line length. */
  readonly workgroupSize?: { readonly rows?: number; readonly cols?: number };
}

export function createGpuSinkhorn(device: GPUDevice, config: GpuSinkhornConfig = {}): GpuSinkhorn {
  let sized: Sized | null = null;
  let img: ImageBuffers | null = null;
  let disposed = false;
  let lostMessage: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  device.lost.then((info) => {
    lostMessage = `WebGPU device lost (${info.reason}): ${info.message}`;
  });

  /** One call at a time: they share the buffers. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(() => {
      if (disposed) throw new Error('GpuSinkhorn used after dispose()');
      if (lostMessage) throw new Error(lostMessage);
      return task();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function ensureSize(n: number, p: number, d: number): Promise<Sized> {
    if (sized && sized.n === n && sized.p === p && sized.d === d) return sized;
    freeSized();
    device.pushErrorScope('validation');
    const made: GPUBuffer[] = [];
    const keep = (b: GPUBuffer) => (made.push(b), b);
    const s: Sized = {
      n, p, d, buffers: made,
      z: keep(storageBuffer(device, n * d * 4, 'sinkhorn z')),
      y: keep(storageBuffer(device, p * d * 4, 'sinkhorn y')),
      logA: keep(storageBuffer(device, n * 4, 'sinkhorn logA')),
      logB: keep(storageBuffer(device, p * 4, 'sinkhorn logB')),
      F: keep(storageBuffer(device, n * 4, 'sinkhorn F')),
      G: keep(storageBuffer(device, p * 4, 'sinkhorn G')),
      rowTerms: keep(storageBuffer(device, 2 * n * 4, 'sinkhorn row terms')),
      colTerms: keep(storageBuffer(device, 2 * p * 4, 'sinkhorn column terms')),
      rowParams: keep(uniformBuffer(device, HALF_STEP_PARAMS_BYTES, 'sinkhorn row params')),
      colParams: keep(uniformBuffer(device, HALF_STEP_PARAMS_BYTES, 'sinkhorn col params')),
      rowOrder: keep(storageBuffer(device, n * 4, 'plan image row order')),
      colOrder: keep(storageBuffer(device, p * 4, 'plan image col order')),
      termStaging: keep(readbackBuffer(device, termStagingFloats(n, p) * 4, 'sinkhorn terms readback')),
      dualStaging: keep(readbackBuffer(device, (n + p) * 4, 'sinkhorn F,G readback')),
      kernels: new Map(),
    };
    const error = await device.popErrorScope();
    if (error) {
      for (const b of made) b.destroy();
      throw new Error(`WebGPU Sinkhorn setup failed for N=${n}, P=${p}, d=${d}: ${error.message}`);
    }
    sized = s;
    return s;
  }

  /** The half-step programs of one relaxation mode and their bind groups on s's buffers. */
  async function kernels(s: Sized, relax: Relaxation): Promise<HalfStepKernels> {
    const hit = s.kernels.get(relax);
    if (hit) return hit;
    device.pushErrorScope('validation');
    const rows = halfStepProgram(device, 'rows', config.workgroupSize?.rows ?? halfStepWorkgroupSize(device, s.p), relax, s.d);
    const cols = halfStepProgram(device, 'cols', config.workgroupSize?.cols ?? halfStepWorkgroupSize(device, s.n), relax, s.d);
    const rowGroup = halfStepBindGroup(device, rows, {
      params: s.rowParams, linePts: s.z, otherPts: s.y, otherDual: s.G, logMarg: s.logA, dual: s.F, terms: s.rowTerms,
    });
    const colGroup = halfStepBindGroup(device, cols, {
      params: s.colParams, linePts: s.y, otherPts: s.z, otherDual: s.F, logMarg: s.logB, dual: s.G, terms: s.colTerms,
    });
    const error = await device.popErrorScope();
    if (error) throw new Error(`WebGPU Sinkhorn kernels (relax ${relax}) failed for N=${s.n}, P=${s.p}: ${error.message}`);
    const k = { rows, cols, rowGroup, colGroup };
    s.kernels.set(relax, k);
    return k;
  }

  function freeSized(): void {
    if (!sized) return;
    for (const b of sized.buffers) b.destroy();
    sized = null;
  }

  function freeImage(): void {
    if (!img) return;
    img.params.destroy();
    img.image.destroy();
    img.staging.destroy();
    img = null;
  }

  function ensureImage(pixels: number): ImageBuffers {
    if (img && img.pixels === pixels) return img;
    freeImage();
    img = {
      pixels,
      params: uniformBuffer(device, PLAN_IMAGE_PARAMS_BYTES, 'plan image params'),
      image: storageBuffer(device, pixels * 4, 'plan image'),
      staging: readbackBuffer(device, pixels * 4, 'plan image readback'),
    };
    return img;
  }

  function uploadProblem(s: Sized, pb: CouplingProblem, F: ArrayLike<number>, G: ArrayLike<number>): void {
    upload(device, s.z, f32(pb.z));
    upload(device, s.y, f32(pb.y));
    upload(device, s.F, f32(F));
    upload(device, s.G, f32(G));
  }

  const solve: GpuSinkhorn['solve'] = (pb, warm, opts) =>
    serial(async () => {
      const { n, p, d } = sizes(pb);
      const checkEvery = opts.checkEvery ?? 10;
      const relax = opts.relax ?? 'off';
      checkOptions(opts, checkEvery, relax);
      const s = await ensureSize(n, p, d);
      const k = await kernels(s, relax);
      const F0 = warm && warm.F.length === n ? warm.F : new Float64Array(n);
      const G0 = warm && warm.G.length === p ? warm.G : new Float64Array(p);
      uploadProblem(s, pb, F0, G0);
      upload(device, s.logA, f32(pb.logA));
      upload(device, s.logB, f32(pb.logB));
      const setOmega = (omega: number) => {
        upload(device, s.rowParams, halfStepParams(n, p, pb.kappa, opts.lamA, omega));
        upload(device, s.colParams, halfStepParams(p, n, pb.kappa, opts.lamB, omega));
      };
      const run = await iterate(device, s, k, { ...opts, checkEvery, relax, n, p, setOmega });

      const encoder = device.createCommandEncoder({ label: 'sinkhorn read duals' });
      encoder.copyBufferToBuffer(s.F, 0, s.dualStaging, 0, n * 4);
      encoder.copyBufferToBuffer(s.G, 0, s.dualStaging, n * 4, p * 4);
      device.queue.submit([encoder.finish()]);
      const duals = await readFloats(s.dualStaging, n + p);
      return {
        F: Float64Array.from(duals.subarray(0, n)),
        G: Float64Array.from(duals.subarray(n, n + p)),
        ...run,
        converged: run.residual <= opts.tol,
      };
    });

  const planImage: GpuSinkhorn['planImage'] = (pb, F, G, width, height, rowOrder, colOrder) =>
    serial(async () => {
      const { n, p, d } = sizes(pb);
      if (d !== 2) throw new Error(`invalid problem: dim ${d} (the plan image reads 2D points)`);
      for (const [name, v] of [['width', width], ['height', height]] as const) {
        if (!(Number.isInteger(v) && v >= 1 && v <= PLAN_IMAGE_MAX_SIDE)) {
          throw new Error(`invalid ${name}: ${v} (must be an integer in 1..${PLAN_IMAGE_MAX_SIDE})`);
        }
      }
      if (F.length !== n || G.length !== p) throw new Error(`invalid duals: F has ${F.length}, G has ${G.length} (need ${n}, ${p})`);
      const rows = checkOrder(rowOrder, n, 'rowOrder');
      const cols = checkOrder(colOrder, p, 'colOrder');
      const s = await ensureSize(n, p, d);
      const pixels = width * height;
      const b = ensureImage(pixels);
      uploadProblem(s, pb, F, G);
      upload(device, s.rowOrder, rows);
      upload(device, s.colOrder, cols);
      upload(device, b.params, planImageParams(n, p, width, height, pb.kappa));
      const encoder = device.createCommandEncoder({ label: 'plan image' });
      const pass = encoder.beginComputePass({ label: 'plan image' });
      encodePlanImage(device, pass, planImageProgram(device), {
        params: b.params, z: s.z, y: s.y, F: s.F, G: s.G, rowOrder: s.rowOrder, colOrder: s.colOrder, image: b.image,
      }, pixels);
      pass.end();
      encoder.copyBufferToBuffer(b.image, 0, b.staging, 0, pixels * 4);
      device.queue.submit([encoder.finish()]);
      const out = await readFloats(b.staging, pixels);
      for (let k = 0; k < pixels; k++) if (out[k] <= PLAN_IMAGE_EMPTY) out[k] = -Infinity;
      return out;
    });

  return {
    solve,
    planImage,
    dispose() {
      if (disposed) return;
      disposed = true;
      freeSized();
      freeImage();
    },
  };
}

function sizes(pb: CouplingProblem): { n: number; p: number; d: number } {
  const { n, p, d } = problemSize(pb);
  if (!(Number.isInteger(d) && d >= 2)) throw new Error(`invalid problem: dim ${d} (must be an integer >= 2)`);
  if (!(Number.isInteger(n) && Number.isInteger(p))) throw new Error(`invalid problem: z has ${pb.z.length}, y has ${pb.y.length} numbers (not rows of ${d})`);
  if (n === 0 || p === 0) throw new Error(`invalid problem: N=${n}, P=${p} (both must be >= 1)`);
  if (pb.logA.length !== n || pb.logB.length !== p) {
    throw new Error(`invalid problem: logA has ${pb.logA.length}, logB has ${pb.logB.length} (need ${n}, ${p})`);
  }
  return { n, p, d };
}

function checkOptions(opts: GpuSinkhornOptions, checkEvery: number, relax: Relaxation): void {
  if (!(Number.isInteger(opts.maxIter) && opts.maxIter >= 0)) throw new Error(`invalid maxIter: ${opts.maxIter} (must be an integer >= 0)`);
  if (!(opts.tol >= 0)) throw new Error(`invalid tol: ${opts.tol} (must be >= 0)`);
  if (!(Number.isInteger(checkEvery) && checkEvery >= 1)) throw new Error(`invalid checkEvery: ${checkEvery} (must be an integer >= 1)`);
  if (relax !== 'off' && relax !== 'adaptive') throw new Error(`invalid relax: ${relax} (must be off or adaptive)`);
  if (opts.omega !== undefined && !(opts.omega >= 1 && opts.omega < 2)) throw new Error(`invalid omega: ${opts.omega} (must be in [1, 2))`);
  for (const [name, v] of [['lamA', opts.lamA], ['lamB', opts.lamB]] as const) {
    if (!(v > 0 && v <= 1)) throw new Error(`invalid ${name}: ${v} (must be in (0, 1])`);
  }
}
