/*
 * Small WebGPU buffer helpers shared by the kernels' glue. The usage flags are spelled as
 * numbers (the spec's values) so nothing here needs the GPUBufferUsage globals, which Node
 * only has after the `webgpu` package's globals are installed.
 */

export const USAGE = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const SHADER_STAGE_COMPUTE = 0x4;
export const MAP_MODE_READ = 0x0001;

/** A storage buffer of `bytes` (rounded up to 16, never empty) that can be written and copied out. */
export function storageBuffer(device: GPUDevice, bytes: number, label: string): GPUBuffer {
  return device.createBuffer({
    label,
    size: Math.max(16, Math.ceil(bytes / 16) * 16),
    usage: USAGE.STORAGE | USAGE.COPY_DST | USAGE.COPY_SRC,
  });
}

export function uniformBuffer(device: GPUDevice, bytes: number, label: string): GPUBuffer {
  return device.createBuffer({ label, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: USAGE.UNIFORM | USAGE.COPY_DST });
}

export function readbackBuffer(device: GPUDevice, bytes: number, label: string): GPUBuffer {
  return device.createBuffer({ label, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: USAGE.MAP_READ | USAGE.COPY_DST });
}

/** Float64 -> float32 (the GPU's precision). */
export const f32 = (a: ArrayLike<number>): Float32Array => Float32Array.from(a);

/** Write typed data at offset 0 (writeBuffer wants a multiple of 4 bytes, which f32/u32 always are). */
export function upload(device: GPUDevice, buffer: GPUBuffer, data: Float32Array | Uint32Array | ArrayBuffer): void {
  if (data instanceof ArrayBuffer) device.queue.writeBuffer(buffer, 0, data);
  else device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Map a MAP_READ staging buffer (already filled by a submitted copy) and copy `count` floats out.
 * The staging buffer is unmapped again before returning, so it can be reused.
 */
export async function readFloats(staging: GPUBuffer, count: number): Promise<Float32Array> {
  await staging.mapAsync(MAP_MODE_READ, 0, Math.max(16, Math.ceil((count * 4) / 16) * 16));
  try {
    return new Float32Array(staging.getMappedRange(0, Math.max(16, Math.ceil((count * 4) / 16) * 16)).slice(0, count * 4));
  } finally {
    staging.unmap();
  }
}
