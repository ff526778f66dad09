/**
 * The transport plan log gamma_ij = -kappa ||y_j - z_i||^2 + F_i + G_j aggregated into a
 * display image: pixel (u, v) holds log sum over its bin of gamma_ij (a log-sum-exp), where
 * image row v covers the rows of ranks [floor(v N / H), floor((v + 1) N / H)) in rowOrder and
 * image column u the columns of ranks [floor(u P / W), floor((u + 1) P / W)) in colOrder.
 * An empty bin (H > N or W > P) is written as LOWEST (the glue turns it into -Infinity).
 *
 * One invocation per pixel with an online (running max) log-sum-exp: a bin holds few entries at
 * display resolution, and each pixel stays independent. Compile-time choice: WG (workgroup size).
 */
export const PLAN_IMAGE_PARAMS_BYTES = 32;

/** f32 stand-in for -Infinity (WGSL does not promise infinities). */
export const PLAN_IMAGE_EMPTY = -3.402823e38;

export function planImageSource({ workgroupSize }: { readonly workgroupSize: number }): string {
  return /* wgsl */ `
const WG : u32 = ${workgroupSize}u;
const LOWEST : f32 = -3.402823e+38;

struct Params {
  n : u32,
  p : u32,
  width : u32,
  height : u32,
  kappa : f32,
  pad0 : f32,
  pad1 : f32,
  pad2 : f32,
}

@group(0) @binding(0) var<uniform> params : Params;
@group(0) @binding(1) var<storage, read> z : array<vec2<f32>>;        // (N, 2)
@group(0) @binding(2) var<storage, read> y : array<vec2<f32>>;        // (P, 2)
@group(0) @binding(3) var<storage, read> F : array<f32>;              // (N)
@group(0) @binding(4) var<storage, read> G : array<f32>;              // (P)
@group(0) @binding(5) var<storage, read> rowOrder : array<u32>;       // (N) row index at each rank
@group(0) @binding(6) var<storage, read> colOrder : array<u32>;       // (P) column index at each rank
@group(0) @binding(7) var<storage, read_write> image : array<f32>;    // (H, W) log mass per bin

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid : vec3<u32>) {
  let pixel = gid.x;
  if (pixel >= params.width * params.height) {
    return;
  }
  let v = pixel / params.width;
  let u = pixel % params.width;
  let r0 = v * params.n / params.height;
  let r1 = (v + 1u) * params.n / params.height;
  let c0 = u * params.p / params.width;
  let c1 = (u + 1u) * params.p / params.width;
  let kappa = params.kappa;

  var m = LOWEST;
  var s = 0.0;
  for (var r = r0; r < r1; r++) {
    let i = rowOrder[r];
    let zi = z[i];
    let fi = F[i];
    for (var c = c0; c < c1; c++) {
      let j = colOrder[c];
      let d = zi - y[j];
      let val = fi + G[j] - kappa * dot(d, d);
      if (val > m) {
        s = s * exp(m - val) + 1.0;
        m = val;
      } else {
        s += exp(val - m);
      }
    }
  }
  image[pixel] = select(LOWEST, m + log(s), s > 0.0);
}
`;
}
