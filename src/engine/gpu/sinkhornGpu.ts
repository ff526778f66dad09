import type { CouplingProblem } from '../etd/coupling/problem';
import { f32, readFloats, readbackBuffer, storageBuffer, uniformBuffer, upload } from './buffers';
import {
  encodeHalfStep,
  halfStepBindGroup,
  halfStepParams,
  halfStepProgram,
  halfStepWorkgroupSize,
  type HalfStepProgram,
} from './halfStep';
import { HALF_STEP_PARAMS_BYTES } from './halfStep.wgsl';
import { PLAN_IMAGE_MAX_SIDE, checkOrder, encodePlanImage, planImageParams, planImageProgram } from './planImage';
import { PLAN_IMAGE_EMPTY, PLAN_IMAGE_PARAMS_BYTES } from './planImage.wgsl';

/*
 * Log-domain Sinkhorn on a GPUDevice with the fused half-step kernel (halfStep.wgsl.ts): the
 * same damped iteration as sinkhornScaling (coupling/sinkhorn.ts),
 *   F_i = lamA (log a_i - LSE_j(log K_ij + G_j)),  G_j = lamB (log b_j - LSE_i(log K_ij + F_i)),
 * with log K_ij = -kappa ||y_j - z_i||^2 recomputed per entry, so memory is O(N + P).
 *
 * Precision: everything on the GPU is float32. For well-conditioned problems (kappa ||y - z||^2
 * and |F|, |G| up to ~50) the plan agrees with the float64 CPU path to ~1e-4 relative per entry;
 * on the 50 x 500 POT fixtures solved to tol 1e-7 it is within 1e-5 (at tol 1e-5 the stopping
 * point, not float32, dominates: 7e-4, as on the CPU). The stopping test eps * max|dF| < tol
 * cannot go below float32 resolution: ask for tol >= ~1e-6 * eps * max|F|, or the solve runs to
 * maxIter.
 *
 * Per batch of checkEvery iterations: one submit, 2 dispatches an iteration, and an N-float
 * read-back of the row pass's |dF|. Buffers are made once per (N, P) and reused.
 */

export interface GpuSinkhornOptions {
  readonly maxIter: number;
  /** Stop when eps * max_i |F_new - F_old| < tol (checked every checkEvery iterations). */
  readonly tol: number;
  readonly lamA: number;
  readonly lamB: number;
  /** Iterations recorded per submit; convergence is read back (N floats) after each batch. */
  readonly checkEvery?: number;
}

export interface GpuSinkhornResult {
  readonly F: Float64Array; // (N) f / eps, float32 values
  readonly G: Float64Array; // (P) g / eps, float32 values
  /** Iterations run: a multiple of checkEvery unless maxIter was reached. */
  readonly iterations: number;
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

/** Buffers of one problem size (N, P), made once and reused by every solve of that size. */
interface Sized {
  readonly n: number;
  readonly p: number;
  readonly buffers: GPUBuffer[];
  readonly z: GPUBuffer;
  readonly y: GPUBuffer;
  readonly logA: GPUBuffer;
  readonly logB: GPUBuffer;
  readonly F: GPUBuffer;
  readonly G: GPUBuffer;
  readonly delta: GPUBuffer;
  readonly rowParams: GPUBuffer;
  readonly colParams: GPUBuffer;
  readonly rowOrder: GPUBuffer;
  readonly colOrder: GPUBuffer;
  readonly deltaStaging: GPUBuffer;
  readonly dualStaging: GPUBuffer; // F then G
  readonly rows: HalfStepProgram;
  readonly cols: HalfStepProgram;
  readonly rowGroup: GPUBindGroup;
  readonly colGroup: GPUBindGroup;
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

  async function ensureSize(n: number, p: number): Promise<Sized> {
    if (sized && sized.n === n && sized.p === p) return sized;
    freeSized();
    device.pushErrorScope('validation');
    const made: GPUBuffer[] = [];
    const keep = (b: GPUBuffer) => (made.push(b), b);
    const z = keep(storageBuffer(device, n * 8, 'sinkhorn z'));
    const y = keep(storageBuffer(device, p * 8, 'sinkhorn y'));
    const logA = keep(storageBuffer(device, n * 4, 'sinkhorn logA'));
    const logB = keep(storageBuffer(device, p * 4, 'sinkhorn logB'));
    const F = keep(storageBuffer(device, n * 4, 'sinkhorn F'));
    const G = keep(storageBuffer(device, p * 4, 'sinkhorn G'));
    const delta = keep(storageBuffer(device, n * 4, 'sinkhorn delta'));
    const rowParams = keep(uniformBuffer(device, HALF_STEP_PARAMS_BYTES, 'sinkhorn row params'));
    const colParams = keep(uniformBuffer(device, HALF_STEP_PARAMS_BYTES, 'sinkhorn col params'));
    const rowOrder = keep(storageBuffer(device, n * 4, 'plan image row order'));
    const colOrder = keep(storageBuffer(device, p * 4, 'plan image col order'));
    const deltaStaging = keep(readbackBuffer(device, n * 4, 'sinkhorn delta readback'));
    const dualStaging = keep(readbackBuffer(device, (n + p) * 4, 'sinkhorn F,G readback'));
    const rows = halfStepProgram(device, 'rows', config.workgroupSize?.rows ?? halfStepWorkgroupSize(device, p));
    const cols = halfStepProgram(device, 'cols', config.workgroupSize?.cols ?? halfStepWorkgroupSize(device, n));
    const rowGroup = halfStepBindGroup(device, rows, {
      params: rowParams, linePts: z, otherPts: y, otherDual: G, logMarg: logA, dual: F, delta,
    });
    const colGroup = halfStepBindGroup(device, cols, {
      params: colParams, linePts: y, otherPts: z, otherDual: F, logMarg: logB, dual: G, delta,
    });
    const error = await device.popErrorScope();
    if (error) {
      for (const b of made) b.destroy();
      throw new Error(`WebGPU Sinkhorn setup failed for N=${n}, P=${p}: ${error.message}`);
    }
    sized = {
      n, p, buffers: made, z, y, logA, logB, F, G, delta, rowParams, colParams, rowOrder, colOrder,
      deltaStaging, dualStaging, rows, cols, rowGroup, colGroup,
    };
    return sized;
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
      const { n, p } = sizes(pb);
      const checkEvery = opts.checkEvery ?? 10;
      checkOptions(opts, checkEvery);
      const s = await ensureSize(n, p);
      const F0 = warm && warm.F.length === n ? warm.F : new Float64Array(n);
      const G0 = warm && warm.G.length === p ? warm.G : new Float64Array(p);
      uploadProblem(s, pb, F0, G0);
      upload(device, s.logA, f32(pb.logA));
      upload(device, s.logB, f32(pb.logB));
      upload(device, s.rowParams, halfStepParams(n, p, pb.kappa, opts.lamA));
      upload(device, s.colParams, halfStepParams(p, n, pb.kappa, opts.lamB));

      let iterations = 0;
      let converged = false;
      while (iterations < opts.maxIter) {
        const k = Math.min(checkEvery, opts.maxIter - iterations);
        const encoder = device.createCommandEncoder({ label: 'sinkhorn iterations' });
        const pass = encoder.beginComputePass({ label: 'sinkhorn iterations' });
        for (let t = 0; t < k; t++) {
          encodeHalfStep(pass, s.rows, s.rowGroup, n);
          encodeHalfStep(pass, s.cols, s.colGroup, p);
        }
        pass.end();
        encoder.copyBufferToBuffer(s.delta, 0, s.deltaStaging, 0, n * 4);
        device.queue.submit([encoder.finish()]);
        const deltas = await readFloats(s.deltaStaging, n);
        iterations += k;
        let delta = 0;
        for (let i = 0; i < n; i++) if (!(deltas[i] <= delta)) delta = deltas[i]; // NaN blocks convergence
        if (pb.eps * delta < opts.tol) {
          converged = true;
          break;
        }
      }

      const encoder = device.createCommandEncoder({ label: 'sinkhorn read duals' });
      encoder.copyBufferToBuffer(s.F, 0, s.dualStaging, 0, n * 4);
      encoder.copyBufferToBuffer(s.G, 0, s.dualStaging, n * 4, p * 4);
      device.queue.submit([encoder.finish()]);
      const duals = await readFloats(s.dualStaging, n + p);
      return {
        F: Float64Array.from(duals.subarray(0, n)),
        G: Float64Array.from(duals.subarray(n, n + p)),
        iterations,
        converged,
      };
    });

  const planImage: GpuSinkhorn['planImage'] = (pb, F, G, width, height, rowOrder, colOrder) =>
    serial(async () => {
      const { n, p } = sizes(pb);
      for (const [name, v] of [['width', width], ['height', height]] as const) {
        if (!(Number.isInteger(v) && v >= 1 && v <= PLAN_IMAGE_MAX_SIDE)) {
          throw new Error(`invalid ${name}: ${v} (must be an integer in 1..${PLAN_IMAGE_MAX_SIDE})`);
        }
      }
      if (F.length !== n || G.length !== p) throw new Error(`invalid duals: F has ${F.length}, G has ${G.length} (need ${n}, ${p})`);
      const rows = checkOrder(rowOrder, n, 'rowOrder');
      const cols = checkOrder(colOrder, p, 'colOrder');
      const s = await ensureSize(n, p);
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

function sizes(pb: CouplingProblem): { n: number; p: number } {
  const n = pb.z.length >> 1;
  const p = pb.y.length >> 1;
  if (n === 0 || p === 0) throw new Error(`invalid problem: N=${n}, P=${p} (both must be >= 1)`);
  if (pb.logA.length !== n || pb.logB.length !== p) {
    throw new Error(`invalid problem: logA has ${pb.logA.length}, logB has ${pb.logB.length} (need ${n}, ${p})`);
  }
  return { n, p };
}

function checkOptions(opts: GpuSinkhornOptions, checkEvery: number): void {
  if (!(Number.isInteger(opts.maxIter) && opts.maxIter >= 0)) throw new Error(`invalid maxIter: ${opts.maxIter} (must be an integer >= 0)`);
  if (!(opts.tol >= 0)) throw new Error(`invalid tol: ${opts.tol} (must be >= 0)`);
  if (!(Number.isInteger(checkEvery) && checkEvery >= 1)) throw new Error(`invalid checkEvery: ${checkEvery} (must be an integer >= 1)`);
  for (const [name, v] of [['lamA', opts.lamA], ['lamB', opts.lamB]] as const) {
    if (!(v > 0 && v <= 1)) throw new Error(`invalid ${name}: ${v} (must be in (0, 1])`);
  }
}
