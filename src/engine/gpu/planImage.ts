import { computeProgram, type ComputeProgram } from './program';
import { PLAN_IMAGE_PARAMS_BYTES, planImageSource } from './planImage.wgsl';

export type PlanImageProgram = ComputeProgram;

/** Largest image side: the image is for display, and only it crosses back to the CPU. */
export const PLAN_IMAGE_MAX_SIDE = 256;

export const planImageKey = (workgroupSize: number): string => `sinkhorn-plan-image|wg=${workgroupSize}`;

export function planImageProgram(device: GPUDevice, workgroupSize = 64): PlanImageProgram {
  // params, six read-only inputs, the image
  const bindings: GPUBufferBindingType[] = ['uniform', ...Array<GPUBufferBindingType>(6).fill('read-only-storage'), 'storage'];
  return computeProgram(device, planImageKey(workgroupSize), () => planImageSource({ workgroupSize }), bindings, workgroupSize);
}

export interface PlanImageBuffers {
  readonly params: GPUBuffer;
  readonly z: GPUBuffer; // (N, 2) f32
  readonly y: GPUBuffer; // (P, 2) f32
  readonly F: GPUBuffer; // (N) f32
  readonly G: GPUBuffer; // (P) f32
  readonly rowOrder: GPUBuffer; // (N) u32
  readonly colOrder: GPUBuffer; // (P) u32
  readonly image: GPUBuffer; // (H, W) f32
}

export function planImageParams(n: number, p: number, width: number, height: number, kappa: number): ArrayBuffer {
  const bytes = new ArrayBuffer(PLAN_IMAGE_PARAMS_BYTES);
  const u = new Uint32Array(bytes);
  u[0] = n;
  u[1] = p;
  u[2] = width;
  u[3] = height;
  new Float32Array(bytes)[4] = kappa;
  return bytes;
}

/** Record the aggregation: one invocation per pixel. */
export function encodePlanImage(
  device: GPUDevice,
  pass: GPUComputePassEncoder,
  program: PlanImageProgram,
  b: PlanImageBuffers,
  pixels: number,
): void {
  const order = [b.params, b.z, b.y, b.F, b.G, b.rowOrder, b.colOrder, b.image];
  const bindGroup = device.createBindGroup({
    label: program.key,
    layout: program.layout,
    entries: order.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  pass.setPipeline(program.pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(pixels / program.workgroupSize));
}

/** Check an order: a permutation of 0..len-1 (every index once). */
export function checkOrder(order: ArrayLike<number>, len: number, name: string): Uint32Array {
  if (order.length !== len) throw new Error(`invalid ${name}: length ${order.length} (must be ${len})`);
  const seen = new Uint8Array(len);
  const out = new Uint32Array(len);
  for (let k = 0; k < len; k++) {
    const v = order[k];
    if (!(Number.isInteger(v) && v >= 0 && v < len) || seen[v]) {
      throw new Error(`invalid ${name}: entry ${k} is ${v} (must be a permutation of 0..${len - 1})`);
    }
    seen[v] = 1;
    out[k] = v;
  }
  return out;
}
