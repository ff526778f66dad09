/**
 * One fused Sinkhorn half-iteration in WGSL: for every line l (a row i, or a column j),
 *   c_l = LSE_k(-kappa ||p_l - q_k||^2 + dual_k),  X*_l = lam * (logMarg_l - c_l),
 *   dual_l <- dual_l + omega * (X*_l - dual_l)        (omega = 1: dual_l <- X*_l exactly)
 * where p are this axis's points, q the other axis's points and dual the other axis's scaled
 * potential (G for rows, F for columns). The cost is recomputed from the points' DIM
 * coordinates, so no N x P (or N x P x DIM) buffer exists. One workgroup per line; the LSE is two passes over the other axis (max,
 * then sum of exp) with a shared-memory tree reduction after each, as tfjs-backend-webgpu's
 * softmax program does. The step is coupling/relaxation.ts's halfStep, one line per workgroup.
 *
 * Per-line terms for the glue (sinkhornGpu.ts), which sums them in float64 after a read-back:
 * - terms[l]: the line's L1 marginal residual |e^(x + c_l) - e^(X*_l + c_l)|, at x = the old
 *   value (RESIDUAL 'before': the column pass, the stopping rule's colBefore) or the new one
 *   ('after': the over-relaxed row pass's rowAfter; 0 for a plain step, so not written then).
 * - terms[lines + l] (RELAX only): the line's share of the dual objective's gain in this step,
 *   psi_l(new) - psi_l(old) (relaxation.ts's dualGain), for the safeguard.
 * Both are computed around X*: with u = x - X*, m = e^(X* + c) and rho = lam / (1 - lam),
 *   e^(x + c) - m = m expm1(u),  psi(new) - psi(old) = m (Phi(u_old) - Phi(u_new)),
 *   Phi(u) = phi(u) + rho phi(-u / rho),  phi(v) = e^v - 1 - v  (the rho term is 0 for lam = 1),
 * with short series for small arguments: near convergence the direct differences of float32
 * masses cancel to noise, these stay accurate to a few ulps of the term itself.
 *
 * Compile-time choices (all in the pipeline cache key, see halfStep.ts):
 * - WG: workgroup size, a power of two.
 * - RESIDUAL: 'none' | 'before' | 'after', which residual term (if any) the line writes.
 * - RELAX: read omega from the uniform and write the dual-gain term; without it the step is the
 *   plain X* and the kernel does exactly the work of the unrelaxed iteration.
 * - DIM: the points' dimension d. d = 2 reads them as vec2 (the source is the 2D kernel's, byte
 *   for byte); d > 2 as DIM floats per point, ||p - q||^2 summed over the coordinates in a loop.
 *
 * Lines beyond 65535 wrap into the y dimension of the dispatch (workgroup id y * 65535 + x);
 * the early return depends only on the workgroup id, so it is uniform and the barriers are safe.
 */
export type HalfStepResidual = 'none' | 'before' | 'after';

export interface HalfStepSourceOptions {
  readonly workgroupSize: number;
  readonly residual: HalfStepResidual;
  readonly relax: boolean;
  /** The points' dimension (default 2). */
  readonly dim?: number;
}

/** Workgroups per dispatch dimension used for the line index (WebGPU's guaranteed minimum). */
export const LINES_PER_DISPATCH_ROW = 65535;

/** Uniform block: lines, others, kappa, lam, omega, 3 x padding (8 x 32 bit). */
export const HALF_STEP_PARAMS_BYTES = 32;

export function halfStepSource({ workgroupSize, residual, relax, dim = 2 }: HalfStepSourceOptions): string {
  if (!(workgroupSize >= 1 && (workgroupSize & (workgroupSize - 1)) === 0)) {
    throw new Error(`invalid workgroupSize: ${workgroupSize} (must be a power of two)`);
  }
  if (!['none', 'before', 'after'].includes(residual)) throw new Error(`invalid residual: ${residual} (must be none, before or after)`);
  if (!(Number.isInteger(dim) && dim >= 2)) throw new Error(`invalid dim: ${dim} (must be an integer >= 2)`);
  const pts = pointsSource(dim);
  return /* wgsl */ `
const WG : u32 = ${workgroupSize}u;${pts.constant}
const RESIDUAL_BEFORE : bool = ${residual === 'before'};
const RESIDUAL_AFTER : bool = ${residual === 'after'};
const RELAX : bool = ${relax};
const LOWEST : f32 = -3.402823e+38;
const SERIES : f32 = 0.1; // |v| below which expm1 and phi use their series

struct Params {
  lines : u32,   // lines of this axis (N for rows, P for columns)
  others : u32,  // length of the reduction (P for rows, N for columns)
  kappa : f32,   // log K = -kappa ||p - q||^2
  lam : f32,     // damping exponent (1 = balanced)
  omega : f32,   // over-relaxation factor (RELAX only; 1 = plain step)
  pad0 : f32,
  pad1 : f32,
  pad2 : f32,
}

@group(0) @binding(0) var<uniform> params : Params;
${pts.bindings}
@group(0) @binding(3) var<storage, read> otherDual : array<f32>;       // (others)
@group(0) @binding(4) var<storage, read> logMarg : array<f32>;         // (lines)
@group(0) @binding(5) var<storage, read_write> dual : array<f32>;      // (lines) old in, new out
@group(0) @binding(6) var<storage, read_write> terms : array<f32>;     // (2, lines) residual, dual gain

var<workgroup> buf : array<f32, WG>;
${pts.sqDist}
/** e^lm * (e^v - 1), without overflow for large v and accurate for small |v|. */
fn massExpm1(lm : f32, v : f32) -> f32 {
  if (abs(v) < SERIES) {
    return exp(lm) * v * (1.0 + v * (0.5 + v * (1.0 / 6.0 + v * (1.0 / 24.0 + v / 120.0))));
  }
  return exp(lm + v) - exp(lm);
}

/** e^lm * phi(v), phi(v) = e^v - 1 - v >= 0. */
fn massPhi(lm : f32, v : f32) -> f32 {
  if (abs(v) < SERIES) {
    return exp(lm) * v * v * (0.5 + v * (1.0 / 6.0 + v * (1.0 / 24.0 + v * (1.0 / 120.0 + v / 720.0))));
  }
  return exp(lm + v) - exp(lm) * (1.0 + v);
}

/** m * Phi(u): the dual objective of the line is const - m Phi(x - X*), maximal at X*. */
fn massBregman(lm : f32, u : f32, lam : f32) -> f32 {
  var s = massPhi(lm, u);
  if (lam < 1.0) {
    let rho = lam / (1.0 - lam);
    s += rho * massPhi(lm, -u / rho);
  }
  return s;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid : vec3<u32>, @builtin(local_invocation_id) lid : vec3<u32>) {
  let line = wid.y * ${LINES_PER_DISPATCH_ROW}u + wid.x;
  if (line >= params.lines) {
    return;
  }
  let tid = lid.x;
${pts.linePoint}  let kappa = params.kappa;
  let others = params.others;

  // Pass 1: max over the other axis.
  var m = LOWEST;
  for (var k = tid; k < others; k += WG) {
    ${pts.sqDecl}
    m = max(m, otherDual[k] - kappa * ${pts.sq});
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
    ${pts.sqDecl}
    acc += exp(otherDual[k] - kappa * ${pts.sq} - lineMax);
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
    let c = lineMax + log(buf[0]);
    let lam = params.lam;
    let old = dual[line];
    let star = lam * (logMarg[line] - c);
    var next = star;
    if (RELAX && params.omega != 1.0) {
      next = old + params.omega * (star - old);
    }
    dual[line] = next;
    let lm = star + c; // log of the mass the line must carry given the other side
    if (RESIDUAL_BEFORE) {
      terms[line] = abs(massExpm1(lm, old - star));
    }
    if (RESIDUAL_AFTER) {
      terms[line] = abs(massExpm1(lm, next - star));
    }
    if (RELAX) {
      terms[params.lines + line] = massBregman(lm, old - star, lam) - massBregman(lm, next - star, lam);
    }
  }
}
`;
}

/**
 * The pieces of the source that read points: 2D as vec2 (the original kernel's text), d > 2 as
 * DIM floats per point with the squared distance summed in a loop (d is a compile-time constant,
 * so the compiler may unroll it).
 */
function pointsSource(dim: number) {
  if (dim === 2) {
    return {
      constant: '',
      bindings: `@group(0) @binding(1) var<storage, read> linePts : array<vec2<f32>>;   // (lines, 2)
@group(0) @binding(2) var<storage, read> otherPts : array<vec2<f32>>;  // (others, 2)`,
      sqDist: '',
      linePoint: '  let p = linePts[line];\n',
      sqDecl: 'let d = p - otherPts[k];',
      sq: 'dot(d, d)',
    };
  }
  return {
    constant: `\nconst DIM : u32 = ${dim}u;`,
    bindings: `@group(0) @binding(1) var<storage, read> linePts : array<f32>;   // (lines, DIM)
@group(0) @binding(2) var<storage, read> otherPts : array<f32>;  // (others, DIM)`,
    sqDist: `
/** ||p_line - q_k||^2 over the DIM coordinates. */
fn sqDist(line : u32, k : u32) -> f32 {
  var s = 0.0;
  for (var t = 0u; t < DIM; t++) {
    let e = linePts[line * DIM + t] - otherPts[k * DIM + t];
    s += e * e;
  }
  return s;
}
`,
    linePoint: '',
    sqDecl: 'let sq = sqDist(line, k);',
    sq: 'sq',
  };
}
