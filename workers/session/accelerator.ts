import { describeChoice, GpuCalibration, measureSinkhorn, type MeasureSize } from '../../src/engine/gpu/calibration';
import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { navigatorGpu, onDeviceLost, probeWebGPU, requestComputeDevice } from '../../src/engine/gpu/adapter';
import { cpuPathLabel } from '../../src/engine/wasm/simd';
import type { BackendInfo } from '../samplerApi';

/**
 * Where ETD's Sinkhorn iterations run: the fused WebGPU kernels on the worker's own device when
 * a usable adapter exists and (on a hardware adapter) the calibration of the step's size says
 * they are faster, otherwise the CPU path (WebAssembly SIMD kernels, on several threads where
 * the page allows; typed arrays where SIMD is missing). A lost device or a failing kernel drops
 * it to the CPU and the session goes on.
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
  /** Why WebGPU (what the adapter probe found). */
  readonly reason: string;
  /** Calibrate each size (a hardware adapter); false: always the GPU (a software adapter a session forced). */
  readonly calibrate: boolean;
  /** The calibration's measurement (default: measureSinkhorn on this GPU; tests fake it). */
  readonly measure?: MeasureSize;
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

/** Choose once per worker: a WebGPU device for the fused kernels where a usable adapter exists (no TensorFlow.js), else the CPU path. */
export async function startAccelerator(opts: { allowSoftwareWebGPU?: boolean }): Promise<Accelerator> {
  const probe = await probeWebGPU(navigatorGpu(), !!opts.allowSoftwareWebGPU);
  if (!probe.ok) return cpuAccelerator(`${probe.note}; Sinkhorn on ${cpuPath()}`);
  let device: GPUDevice;
  try {
    device = await requestComputeDevice(probe.adapter);
  } catch (e) {
    return cpuAccelerator(`${probe.note}, but no device (${e instanceof Error ? e.message : String(e)}); Sinkhorn on ${cpuPath()}`);
  }
  const { createGpuSinkhorn } = await import('../../src/engine/gpu/sinkhornGpu');
  const acc = gpuAccelerator(createGpuSinkhorn(device), { reason: probe.note, calibrate: !probe.software });
  onDeviceLost(device, ({ reason: why, message }) => acc.lose(`WebGPU device lost (${why}${message ? `: ${message}` : ''})`));
  return acc;
}
