import { computeProgram, type ComputeProgram } from './program';
import { deviceAdapterInfo, softwareAdapterName } from './software';
import { HALF_STEP_PARAMS_BYTES, LINES_PER_DISPATCH_ROW, halfStepSource } from './halfStep.wgsl';

/** Which potential a half-step updates: rows -> F (reduces over P), cols -> G (reduces over N). */
export type HalfStepAxis = 'rows' | 'cols';

export type HalfStepProgram = ComputeProgram;

/**
 * Workgroup size for a reduction of `others` terms: the next power of two, between 32 and 256
 * and within the device's limits, so a reduction over 20 proposals does not idle 236 threads.
 * On a software adapter (SwiftShader) 4: it runs a workgroup as 4-wide SIMD on one CPU thread
 * and every barrier switches between invocations, so larger groups only add barrier cost
 * (measured per iteration at N=100, P=2500: 36 ms with 4, 45 ms with 8, 355 ms with 64).
 */
export function halfStepWorkgroupSize(device: GPUDevice, others: number): number {
  if (softwareAdapterName(deviceAdapterInfo(device))) return 4;
  const cap = Math.min(256, device.limits.maxComputeWorkgroupSizeX, device.limits.maxComputeInvocationsPerWorkgroup);
  let wg = 32;
  while (wg < others && wg < cap) wg *= 2;
  return Math.min(wg, cap);
}

/** Cache key naming every compile-time choice of the program. */
export const halfStepKey = (axis: HalfStepAxis, workgroupSize: number): string =>
  `sinkhorn-half-step|axis=${axis}|wg=${workgroupSize}|delta=${axis === 'rows'}`;

export function halfStepProgram(device: GPUDevice, axis: HalfStepAxis, workgroupSize: number): HalfStepProgram {
  // params, line points, other points, line marginal, other dual, out, |delta| per line
  const bindings: GPUBufferBindingType[] = ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage'];
  return computeProgram(device, halfStepKey(axis, workgroupSize), () => halfStepSource({ workgroupSize, trackDelta: axis === 'rows' }), bindings, workgroupSize);
}

/** Device buffers of one half-step; the caller owns them (created once per problem size). */
export interface HalfStepBuffers {
  readonly params: GPUBuffer; // uniform: lines, others, kappa, lam
  readonly linePts: GPUBuffer; // (lines, 2) f32
  readonly otherPts: GPUBuffer; // (others, 2) f32
  readonly otherDual: GPUBuffer; // (others) f32
  readonly logMarg: GPUBuffer; // (lines) f32
  readonly dual: GPUBuffer; // (lines) f32, updated in place
  readonly delta: GPUBuffer; // (lines) f32, written by the row pass only
}

export function halfStepBindGroup(device: GPUDevice, program: HalfStepProgram, b: HalfStepBuffers): GPUBindGroup {
  const order = [b.params, b.linePts, b.otherPts, b.otherDual, b.logMarg, b.dual, b.delta];
  return device.createBindGroup({
    label: program.key,
    layout: program.layout,
    entries: order.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** The uniform block's bytes. */
export function halfStepParams(lines: number, others: number, kappa: number, lam: number): ArrayBuffer {
  const bytes = new ArrayBuffer(HALF_STEP_PARAMS_BYTES);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  u[0] = lines;
  u[1] = others;
  f[2] = kappa;
  f[3] = lam;
  return bytes;
}

/** Record one half-step into an open compute pass: one workgroup per line. */
export function encodeHalfStep(pass: GPUComputePassEncoder, program: HalfStepProgram, bindGroup: GPUBindGroup, lines: number): void {
  pass.setPipeline(program.pipeline);
  pass.setBindGroup(0, bindGroup);
  const x = Math.min(lines, LINES_PER_DISPATCH_ROW);
  const y = Math.ceil(lines / LINES_PER_DISPATCH_ROW);
  pass.dispatchWorkgroups(x, y);
}
