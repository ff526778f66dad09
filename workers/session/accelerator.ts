import { describeChoice, GpuCalibration, measureSinkhorn, type MeasureSize } from '../../src/engine/gpu/calibration';
import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { cpuPathLabel } from '../../src/engine/wasm/simd';
import type { BackendInfo } from '../samplerApi';

/**
 * Where ETD's Sinkhorn iterations run: the fused WebGPU kernels on tfjs's device when the
 * backend chain picks WebGPU and (on a hardware adapter) the calibration of the step's size says
 * they are faster, otherwise the CPU path (WebAssembly SIMD kernels, on several threads where
 * the page allows; typed arrays where SIMD is missing), which beats generic tfjs ops on every
 * backend here. A lost device or a failing kernel drops it to the CPU and the session goes on.
 */
export interface Accelerator {
  gpu: GpuSinkhorn | null;
  info: BackendInfo;
  /** The GPU failed: fall back to the CPU path and say why. */
  lose(why: string): void;
  /**
   * The GPU for a step of N particles and P proposals, or null for the CPU path. On a hardware
   * adapter the first step of each size waits for its calibration (src/engine/gpu/calibration.ts).
   * Absent: always `gpu`.
   */
  gpuFor?(n: number, p: number): Promise<GpuSinkhorn | null>;
}

/** Where the CPU path runs: the SIMD kernels, or typed arrays where WebAssembly SIMD is missing. */
const cpuPath = () => `the CPU path (${cpuPathLabel()})`;

export const cpuAccelerator = (reason = `Sinkhorn on ${cpuPath()}`): Accelerator => ({
  gpu: null,
  info: { name: 'cpu', reason },
  lose() {},
  gpuFor: async () => null,
});

export interface GpuAcceleratorOptions {
  /** Why WebGPU (the backend chain's reason). */
  readonly reason: string;
  /** Calibrate each size (a hardware adapter); false: always the GPU (a software adapter a session forced). */
  readonly calibrate: boolean;
  /** The calibration's measurement (default: measureSinkhorn on this GPU; tests fake it). */
  readonly measure?: MeasureSize;
  /** Called once when the GPU is lost or fails (e.g. move tfjs to the next backend). */
  readonly onLose?: () => void;
}

/** An accelerator on a GpuSinkhorn: calibrated per size, or forced. */
export function gpuAccelerator(gpu: GpuSinkhorn, opts: GpuAcceleratorOptions): Accelerator {
  const calibration = opts.calibrate ? new GpuCalibration(opts.measure ?? measureSinkhorn(gpu)) : null;
  const base = `${opts.reason}; Sinkhorn on fused WGSL kernels`;
  const acc: Accelerator = {
    gpu,
    info: { name: 'webgpu', reason: calibration ? `${base} where each problem size is calibrated faster than ${cpuPath()}` : `${base} (not calibrated: forced)` },
    lose(why) {
      if (!acc.gpu) return;
      acc.gpu.dispose();
      acc.gpu = null;
      acc.info = { name: 'cpu', reason: `${why}: fell back to ${cpuPath()} (session kept)` };
      opts.onLose?.();
    },
    async gpuFor(n: number, p: number) {
      if (!acc.gpu) return null;
      if (!calibration) return acc.gpu;
      const c = await calibration.choose(n, p);
      if (!acc.gpu) return null; // lost while calibrating
      const timing = Number.isFinite(c.gpuMs) ? { calibration: { gpuMs: c.gpuMs, cpuMs: c.cpuMs } } : {};
      acc.info =
        c.path === 'gpu'
          ? { name: 'webgpu', reason: `${opts.reason}; Sinkhorn on fused WGSL kernels, ${describeChoice(c)}`, ...timing }
          : { name: 'cpu', reason: `${opts.reason}; Sinkhorn on ${cpuPath()}, ${describeChoice(c)}`, ...timing };
      return c.path === 'gpu' ? acc.gpu : null;
    },
  };
  return acc;
}

/** Choose once per worker: loads tfjs and the backend chain only here (lazily). */
export async function startAccelerator(opts: { allowSoftwareWebGPU?: boolean }): Promise<Accelerator> {
  const chain = await import('../../src/engine/tensor/backendChain');
  const choice = await chain.chooseBackend({ allowSoftwareWebGPU: opts.allowSoftwareWebGPU });
  if (choice.name !== 'webgpu') return cpuAccelerator(`${choice.reason}; Sinkhorn on ${cpuPath()}`);
  await chain.applyBackend(choice);
  const device = chain.tfjsGpuDevice();
  if (!device) return cpuAccelerator(`${choice.reason}, but tfjs gave no WebGPU device; Sinkhorn on ${cpuPath()}`);
  const { createGpuSinkhorn } = await import('../../src/engine/gpu/sinkhornGpu');
  const acc = gpuAccelerator(createGpuSinkhorn(device), {
    reason: choice.reason,
    calibrate: !choice.software,
    // tfjs itself (formula scores) moves to the next backend of the chain.
    onLose: () => void chain.chooseBackend({ gpu: null }).then(chain.applyBackend).catch(() => undefined),
  });
  chain.onDeviceLost(device, ({ reason, message }) => acc.lose(`WebGPU device lost (${reason}${message ? `: ${message}` : ''})`));
  return acc;
}
