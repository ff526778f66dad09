/**
 * The WebGPU adapter and device, without TensorFlow.js: whether an adapter exists and is hardware
 * (a software one, SwiftShader or a fallback adapter, is skipped unless allowed: correct but
 * CPU-slow), and a device with the adapter's full storage and workgroup limits for the fused
 * Sinkhorn kernels. The sampler worker uses this directly; the lab's tfjs backend chain
 * (src/engine/tensor/backendChain.ts) probes with it too.
 */
import { softwareAdapterName, type AdapterDescription } from './software';

export type AdapterProbe =
  | { readonly ok: true; readonly adapter: GPUAdapter; readonly note: string; readonly software?: boolean }
  | { readonly ok: false; readonly note: string };

/** navigator.gpu where there is one (browsers, workers), else null (Node without the webgpu package). */
export function navigatorGpu(): GPU | null {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  return nav?.gpu ?? null;
}

/** adapter.info (current spec) or requestAdapterInfo() (Chrome before 127). */
export async function adapterInfo(adapter: GPUAdapter): Promise<AdapterDescription | undefined> {
  const a = adapter as unknown as { info?: AdapterDescription; requestAdapterInfo?: () => Promise<AdapterDescription> };
  if (a.info) return a.info;
  try {
    return await a.requestAdapterInfo?.();
  } catch {
    return undefined;
  }
}

/** The high-performance adapter, if it exists and is hardware (or software is allowed), with a note saying what was found. */
export async function probeWebGPU(gpu: GPU | null, allowSoftware: boolean): Promise<AdapterProbe> {
  if (!gpu) return { ok: false, note: 'WebGPU not available (no navigator.gpu)' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, note: `WebGPU requestAdapter failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!adapter) return { ok: false, note: 'WebGPU has no adapter' };
  const info = await adapterInfo(adapter);
  const fallback = !!(adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const software = softwareAdapterName(info, fallback);
  const label = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unnamed';
  if (!software) return { ok: true, adapter, note: `WebGPU adapter ${label}` };
  if (allowSoftware) return { ok: true, adapter, note: `WebGPU adapter is ${software} (software): allowed by allowSoftwareWebGPU`, software: true };
  return { ok: false, note: `WebGPU adapter is ${software} (software): skipped` };
}

/** A device with the adapter's own limits for storage buffers and workgroups (the defaults are far lower). */
export function requestComputeDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const l = adapter.limits;
  return adapter.requestDevice({
    requiredLimits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
}

/**
 * Call cb once if the device is lost (driver reset, destroy(), tab in background on some
 * platforms). Returns an unsubscribe function. A destroyed device reports reason 'destroyed'.
 */
export function onDeviceLost(device: GPUDevice, cb: (info: { reason: string; message: string }) => void): () => void {
  let active = true;
  void device.lost.then((info) => {
    if (active) cb({ reason: String(info.reason), message: info.message });
  });
  return () => {
    active = false;
  };
}
