import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { cpuPathLabel } from '../../src/engine/wasm/simd';
import type { BackendInfo } from '../samplerApi';

/**
 * Where ETD's Sinkhorn iterations run: the fused WebGPU kernels on tfjs's device when the
 * backend chain picks WebGPU (a hardware adapter, or a software one when forced), otherwise the
 * CPU path (WebAssembly SIMD kernels, typed arrays where SIMD is missing), which beats generic
 * tfjs ops on every backend here. The panels share
 * one Accelerator; a lost device or a failing kernel drops it to the CPU and the session goes on.
 */
export interface Accelerator {
  gpu: GpuSinkhorn | null;
  info: BackendInfo;
  /** The GPU failed: fall back to the CPU path and say why. */
  lose(why: string): void;
}

/** Where the CPU path runs: the SIMD kernels, or typed arrays where WebAssembly SIMD is missing. */
const cpuPath = () => `the CPU path (${cpuPathLabel()})`;

export const cpuAccelerator = (reason = `Sinkhorn on ${cpuPath()}`): Accelerator => ({
  gpu: null,
  info: { name: 'cpu', reason },
  lose() {},
});

/** Choose once per worker: loads tfjs and the backend chain only here (lazily). */
export async function startAccelerator(opts: { allowSoftwareWebGPU?: boolean }): Promise<Accelerator> {
  const chain = await import('../../src/engine/tensor/backendChain');
  const choice = await chain.chooseBackend({ allowSoftwareWebGPU: opts.allowSoftwareWebGPU });
  if (choice.name !== 'webgpu') return cpuAccelerator(`${choice.reason}; Sinkhorn on ${cpuPath()}`);
  await chain.applyBackend(choice);
  const device = chain.tfjsGpuDevice();
  if (!device) return cpuAccelerator(`${choice.reason}, but tfjs gave no WebGPU device; Sinkhorn on ${cpuPath()}`);
  const { createGpuSinkhorn } = await import('../../src/engine/gpu/sinkhornGpu');
  const acc: Accelerator = {
    gpu: createGpuSinkhorn(device),
    info: { name: 'webgpu', reason: `${choice.reason}; Sinkhorn on fused WGSL kernels` },
    lose(why) {
      if (!acc.gpu) return;
      acc.gpu.dispose();
      acc.gpu = null;
      acc.info = { name: 'cpu', reason: `${why}: fell back to ${cpuPath()} (session kept)` };
      // tfjs itself (formula scores) moves to the next backend of the chain.
      chain.chooseBackend({ gpu: null }).then(chain.applyBackend).catch(() => undefined);
    },
  };
  chain.onDeviceLost(device, ({ reason, message }) => acc.lose(`WebGPU device lost (${reason}${message ? `: ${message}` : ''})`));
  return acc;
}
