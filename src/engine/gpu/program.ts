import { SHADER_STAGE_COMPUTE } from './buffers';

/** A compiled WGSL compute program and the explicit layout its bind groups use. */
export interface ComputeProgram {
  readonly key: string;
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly workgroupSize: number;
}

/** Pipelines by key, one cache per device (a pipeline belongs to the device that compiled it). */
const caches = new WeakMap<GPUDevice, Map<string, ComputeProgram>>();

/**
 * Compile (once per device and key) a compute program whose bindings 0..k-1 have the given
 * buffer types. The layout is explicit: with 'auto' a binding a variant does not use would vanish.
 * key must name every compile-time choice baked into code.
 */
export function computeProgram(
  device: GPUDevice,
  key: string,
  code: () => string,
  bindings: readonly GPUBufferBindingType[],
  workgroupSize: number,
): ComputeProgram {
  let cache = caches.get(device);
  if (!cache) caches.set(device, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const module = device.createShaderModule({ label: key, code: code() });
  const layout = device.createBindGroupLayout({
    label: key,
    entries: bindings.map((type, binding) => ({ binding, visibility: SHADER_STAGE_COMPUTE, buffer: { type } })),
  });
  const pipeline = device.createComputePipeline({
    label: key,
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main' },
  });
  const program = { key, pipeline, layout, workgroupSize };
  cache.set(key, program);
  return program;
}
