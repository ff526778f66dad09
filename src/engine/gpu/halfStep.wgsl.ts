/**
 * One fused Sinkhorn half-iteration in WGSL: for every line l (a row i, or a column j),
 *   out_l = lam * (logMarg_l - LSE_k(-kappa ||p_l - q_k||^2 + dual_k))
 * where p are this axis's points, q the other axis's points and dual the other axis's scaled
 * potential (G for rows, F for columns). The cost is recomputed from 2D coordinates, so no
 * N x P buffer exists. One workgroup per line; the LSE is two passes over the other axis (max,
 * then sum of exp) with a shared-memory tree reduction after each, as tfjs-backend-webgpu's
 * softmax program does.
 *
 * Compile-time choices (all in the pipeline cache key, see halfStep.ts):
 * - WG: workgroup size, a power of two.
 * - TRACK_DELTA: the row pass also writes |new - old| of its line into delta[l], the convergence
 *   quantity max_i |F_new - F_old|; the column pass does not need it.
 *
 * Lines beyond 65535 wrap into the y dimension of the dispatch (workgroup id y * 65535 + x);
 * the early return depends only on the workgroup id, so it is uniform and the barriers are safe.
 */
export interface HalfStepSourceOptions {
  readonly workgroupSize: number;
  readonly trackDelta: boolean;
}

/** Workgroups per dispatch dimension used for the line index (WebGPU's guaranteed minimum). */
export const LINES_PER_DISPATCH_ROW = 65535;

/** Uniform block: lines, others, kappa, lam (4 x 32 bit). */
export const HALF_STEP_PARAMS_BYTES = 16;

export function halfStepSource({ workgroupSize, trackDelta }: HalfStepSourceOptions): string {
  if (!(workgroupSize >= 1 && (workgroupSize & (workgroupSize - 1)) === 0)) {
    throw new Error(`invalid workgroupSize: ${workgroupSize} (must be a power of two)`);
  }
  return /* wgsl */ `
const WG : u32 = ${workgroupSize}u;
const TRACK_DELTA : bool = ${trackDelta};
const LOWEST : f32 = -3.402823e+38;

struct Params {
  lines : u32,   // lines of this axis (N for rows, P for columns)
  others : u32,  // length of the reduction (P for rows, N for columns)
  kappa : f32,   // log K = -kappa ||p - q||^2
  lam : f32,     // damping exponent (1 = balanced)
}

@group(0) @binding(0) var<uniform> params : Params;
@group(0) @binding(1) var<storage, read> linePts : array<vec2<f32>>;   // (lines, 2)
@group(0) @binding(2) var<storage, read> otherPts : array<vec2<f32>>;  // (others, 2)
@group(0) @binding(3) var<storage, read> otherDual : array<f32>;       // (others)
@group(0) @binding(4) var<storage, read> logMarg : array<f32>;         // (lines)
@group(0) @binding(5) var<storage, read_write> dual : array<f32>;      // (lines) old in, new out
@group(0) @binding(6) var<storage, read_write> delta : array<f32>;     // (lines) |new - old|

var<workgroup> buf : array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid : vec3<u32>, @builtin(local_invocation_id) lid : vec3<u32>) {
  let line = wid.y * ${LINES_PER_DISPATCH_ROW}u + wid.x;
  if (line >= params.lines) {
    return;
  }
  let tid = lid.x;
  let p = linePts[line];
  let kappa = params.kappa;
  let others = params.others;

  // Pass 1: max over the other axis.
  var m = LOWEST;
  for (var k = tid; k < others; k += WG) {
    let d = p - otherPts[k];
    m = max(m, otherDual[k] - kappa * dot(d, d));
  }
  buf[tid] = m;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (tid < s) {
      buf[tid] = max(buf[tid], buf[tid + s]);
    }
    workgroupBarrier();
  }
  let lineMax = buf[0];
  workgroupBarrier();

  // Pass 2: sum of exp(v - max), the cost recomputed.
  var acc = 0.0;
  for (var k = tid; k < others; k += WG) {
    let d = p - otherPts[k];
    acc += exp(otherDual[k] - kappa * dot(d, d) - lineMax);
  }
  buf[tid] = acc;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (tid < s) {
      buf[tid] = buf[tid] + buf[tid + s];
    }
    workgroupBarrier();
  }

  if (tid == 0u) {
    let lse = lineMax + log(buf[0]);
    let next = params.lam * (logMarg[line] - lse);
    if (TRACK_DELTA) {
      delta[line] = abs(next - dual[line]);
    }
    dual[line] = next;
  }
}
`;
}
