import type { Relaxation } from '../etd/coupling/problem';
import { computeProgram, type ComputeProgram } from './program';
import { deviceAdapterInfo, softwareAdapterName } from './software';
import { HALF_STEP_PARAMS_BYTES, LINES_PER_DISPATCH_ROW, halfStepSource, type HalfStepResidual } from './halfStep.wgsl';

/** Which potential a half-step updates: rows -> F (reduces over P), cols -> G (reduces over N). */
export type HalfStepAxis = 'rows' | 'cols';

/**
 * The residual term a pass writes: the column pass the residual before its step (the stopping
 * rule's colBefore), the row pass of an over-relaxed solve the one after (rowAfter; 0 for a
 * plain step, so the plain row pass writes none).
 */
const residualOf = (axis: HalfStepAxis, relax: Relaxation): HalfStepResidual =>
  axis === 'cols' ? 'before' : relax === 'adaptive' ? 'after' : 'none';

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

/** Cache key naming every compile-time choice of the program (the axis picks the residual term). */
export const halfStepKey = (axis: HalfStepAxis, workgroupSize: number, relax: Relaxation = 'off', dim = 2): string =>
  `sinkhorn-half-step|axis=${axis}|wg=${workgroupSize}|residual=${residualOf(axis, relax)}|relax=${relax === 'adaptive'}|dim=${dim}`;

/** The half-step program for points of dimension dim (default 2). */
export function halfStepProgram(device: GPUDevice, axis: HalfStepAxis, workgroupSize: number, relax: Relaxation = 'off', dim = 2): HalfStepProgram {
  // params, line points, other points, other dual, line marginal, dual (in place), per-line terms
  const bindings: GPUBufferBindingType[] = ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage'];
  const source = () => halfStepSource({ workgroupSize, residual: residualOf(axis, relax), relax: relax === 'adaptive', dim });
  return computeProgram(device, halfStepKey(axis, workgroupSize, relax, dim), source, bindings, workgroupSize);
}

/** Device buffers of one half-step; the caller owns them (created once per problem size). */
export interface HalfStepBuffers {
  readonly params: GPUBuffer; // uniform: lines, others, kappa, lam, omega
  readonly linePts: GPUBuffer; // (lines, d) f32
  readonly otherPts: GPUBuffer; // (others, d) f32
  readonly otherDual: GPUBuffer; // (others) f32
  readonly logMarg: GPUBuffer; // (lines) f32
  readonly dual: GPUBuffer; // (lines) f32, updated in place
  readonly terms: GPUBuffer; // (2, lines) f32: residual term, dual-gain term (see halfStep.wgsl.ts)
}

export function halfStepBindGroup(device: GPUDevice, program: HalfStepProgram, b: HalfStepBuffers): GPUBindGroup {
  const order = [b.params, b.linePts, b.otherPts, b.otherDual, b.logMarg, b.dual, b.terms];
  return device.createBindGroup({
    label: program.key,
    layout: program.layout,
    entries: order.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** The uniform block's bytes; omega is read by the relaxed programs only. */
export function halfStepParams(lines: number, others: number, kappa: number, lam: number, omega = 1): ArrayBuffer {
  const bytes = new ArrayBuffer(HALF_STEP_PARAMS_BYTES);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  u[0] = lines;
  u[1] = others;
  f[2] = kappa;
  f[3] = lam;
  f[4] = omega;
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
