/** The generic TensorFlow.js Sinkhorn (the reference the fused WGSL kernels and the CPU path are compared with in tests and the GPU page); test-only. */
import * as tf from '@tensorflow/tfjs';
import { problemSize, type CouplingProblem, type SinkhornOptions } from '../../src/engine/etd/coupling/problem';

/*
 * Log-domain Sinkhorn with generic tfjs ops, on whatever tfjs backend is active (wasm, webgl,
 * webgpu, cpu): the same damped iteration as sinkhornScaling (sinkhorn.ts),
 *   F_i = lamA (log a_i - LSE_j(log K_ij + G_j)),  G_j = lamB (log b_j - LSE_i(log K_ij + F_i)),
 * with log K = -kappa ||y_j - z_i||^2 materialised once per solve as an (N, P) float32 tensor and
 * each half-iteration one broadcast add and a tf.logSumExp along an axis. Reading the convergence
 * quantity back is a sync point, so it happens every `checkEvery` iterations only.
 * Float32 throughout: plans agree with the float64 CPU path to ~1e-4 relative on well-conditioned
 * problems. Stops when the L1 marginal residual (as on the CPU path) is at most tol; float32
 * sums of P masses do not resolve residuals much below ~1e-6.
 */

export interface TfjsSinkhornOptions extends SinkhornOptions {
  /** Read the marginal residual back every this many iterations (default 5). */
  readonly checkEvery?: number;
}

export interface TfjsSinkhornResult {
  readonly F: Float64Array; // (N) f / eps
  readonly G: Float64Array; // (P) g / eps
  /** Iterations run: a multiple of checkEvery unless maxIter was reached. */
  readonly iterations: number;
  readonly converged: boolean;
}

/** Same arguments as sinkhornScaling (without the LSE strategy); every tensor it makes is freed. */
export async function tfjsSinkhorn(
  pb: CouplingProblem,
  warm: { F: Float64Array; G: Float64Array } | null,
  opts: TfjsSinkhornOptions,
  lamA: number,
  lamB: number,
): Promise<TfjsSinkhornResult> {
  const { n, p } = problemSize(pb);
  const checkEvery = opts.checkEvery ?? 5;
  if (!(Number.isInteger(checkEvery) && checkEvery >= 1)) throw new Error(`invalid checkEvery: ${checkEvery} (must be an integer >= 1)`);
  if (!(Number.isInteger(opts.maxIter) && opts.maxIter >= 0)) throw new Error(`invalid maxIter: ${opts.maxIter} (must be an integer >= 0)`);

  const logK = logKernel(pb); // (N, P)
  const logA = tf.tensor1d(Float32Array.from(pb.logA)); // (N)
  const logB = tf.tensor1d(Float32Array.from(pb.logB)); // (P)
  let F: tf.Tensor = tf.tensor1d(warm && warm.F.length === n ? Float32Array.from(warm.F) : new Float32Array(n)); // (N)
  let G: tf.Tensor = tf.tensor1d(warm && warm.G.length === p ? Float32Array.from(warm.G) : new Float32Array(p)); // (P)
  let iterations = 0;
  let converged = false;
  try {
    while (iterations < opts.maxIter) {
      iterations++;
      const check = iterations % checkEvery === 0 || iterations === opts.maxIter;
      const Gb = G;
      const Fnew = tf.tidy(() => tf.mul(lamA, tf.sub(logA, tf.logSumExp(tf.add(logK, Gb.reshape([1, p])), 1))));
      const c = tf.tidy(() => tf.logSumExp(tf.add(logK, Fnew.reshape([n, 1])), 0)); // (P)
      const Gnew = tf.tidy(() => tf.mul(lamB, tf.sub(logB, c)));
      // Rows are exact for Fnew, so the residual of the plan (Fnew, G) is its column part.
      const residual = check ? tf.tidy(() => tf.sum(tf.abs(tf.sub(tf.exp(tf.add(Gb, c)), tf.exp(tf.add(Gnew, c)))))) : null;
      c.dispose();
      F.dispose();
      G.dispose();
      F = Fnew;
      G = Gnew;
      if (residual) {
        let r: number;
        try {
          r = (await residual.data())[0];
        } finally {
          residual.dispose();
        }
        if (r <= opts.tol) {
          converged = true;
          break;
        }
      }
    }
    const [f, g] = await Promise.all([F.data(), G.data()]);
    return { F: Float64Array.from(f), G: Float64Array.from(g), iterations, converged };
  } finally {
    tf.dispose([logK, logA, logB, F, G]);
  }
}

/**
 * log K_ij = -kappa ||y_j - z_i||^2 as an (N, P) float32 tensor, accumulated one coordinate at
 * a time (an (N, P) difference per coordinate, never an (N, P, d) tensor).
 */
function logKernel(pb: CouplingProblem): tf.Tensor2D {
  const { n, p, d } = problemSize(pb);
  return tf.tidy(() => {
    const z = tf.tensor2d(Float32Array.from(pb.z), [n, d]);
    const y = tf.tensor2d(Float32Array.from(pb.y), [p, d]);
    const diff = (k: number) => tf.sub(z.slice([0, k], [n, 1]), y.slice([0, k], [p, 1]).reshape([1, p]));
    let sq = tf.square(diff(0));
    for (let k = 1; k < d; k++) sq = tf.add(sq, tf.square(diff(k)));
    return tf.mul(-pb.kappa, sq) as tf.Tensor2D;
  });
}
