import type { Relaxation } from '../etd/coupling/problem';
import { PLAIN_ITERATIONS, Relaxer } from '../etd/coupling/relaxation';
import { readFloats } from './buffers';
import { encodeHalfStep, type HalfStepProgram } from './halfStep';

/*
 * The iteration loop of the GPU Sinkhorn (sinkhornGpu.ts): batches of half-step dispatches, one
 * submit and one read-back per batch, and every decision the CPU loop (coupling/sinkhorn.ts)
 * makes per iteration, made here per batch from the per-line terms the kernels write.
 *
 * Stopping rule (the CPU's): the L1 marginal residual of the plan (F new, G old) of an
 * iteration, rowAfter + colBefore, at most tol. The terms are read back and summed in float64
 * every checkEvery iterations, so a solve stops at the first check at or below tol (the CPU
 * checks every iteration and may stop up to checkEvery - 1 iterations earlier).
 *
 * Over-relaxation (relax = 'adaptive', coupling/relaxation.ts):
 * - omega: the CPU's Relaxer, fed the residual of each of the first PLAIN_ITERATIONS + 1 (plain)
 *   iterations. Their column terms are copied into slots of the staging buffer after each
 *   iteration, so this costs no extra round trip; the first batch ends there and omega goes
 *   into the uniforms. Later batches are checkEvery long, so checks fall at 4, 4 + checkEvery, ...
 * - Safeguard, at read-back granularity. The CPU pulls omega back, half-step by half-step, to
 *   (1 + omega) / 2 (up to 4 times, then 1) when the relaxed step would decrease the dual
 *   objective; that needs a global sum before each step, i.e. a GPU round trip per half-step.
 *   Here every line writes its share of the dual gain of its step and, at each check, the row
 *   and the column gain of the batch's last iteration must both be >= 0 (NaN fails). A failed
 *   check pulls omega back the same way, omega <- (1 + omega) / 2, for the next batch; a passed
 *   one undoes one pull-back (omega <- 2 omega - 1, at most the estimate); after MAX_PULLBACKS
 *   failed checks the rest of the solve is plain (omega = 1), which ascends from any point
 *   (guard() below).
 *   Why not "plain for the rest of the solve at the first failure": right after omega is set
 *   (often the 1.82 cap, the probe's ratio being ~0.99) ETD problems go through a few
 *   descending column steps, a transient after which the large omega is what makes them fast
 *   (one ETD-B problem: plain 159 iterations, omega 1.82 39, pulled back for good to 1.41 69).
 *   Emulated in float64 on 69 problems (ETD-B and ETD-UB-SG steps on gmm-grid-4 and
 *   gmm-ring-8 at N = 20, 40, 100, etdProblem(40) at eps 0.01..1, the POT fixtures), checks
 *   every 5 iterations, iterations in total to tol 1e-4: plain 5656, the CPU's per-half-step
 *   safeguard 2298, no safeguard 2441, first failure -> plain 3161, pulling back for good 2676,
 *   this 2451; solves that hit ETD's 50-iteration cap at tol 1e-2: 19, 4, 4, 7, 6, 4. No
 *   roll-back of a failed batch: with omega < 2 every half-step moves each line towards its
 *   target (|X - X*| shrinks by |1 - omega|), so the potentials stay finite and later
 *   iterations repair a descent; undoing it only wastes the batch (an earlier emulation on 34
 *   of those problems, pulling back for good: 1947 iterations with roll-back, 1912 without).
 *   Near the optimum each line's gain is m (Phi(u) - Phi((1 - omega) u)) > 0 for omega < 2
 *   (halfStep.wgsl.ts), so rounding noise does not trip the check; on the POT fixtures it did
 *   not fire even with the residual stalled at the float32 floor (see sinkhornGpu.ts).
 */

/** Iterations whose residuals the Relaxer sees before it fixes omega (it settles on the last). */
export const PROBE = PLAIN_ITERATIONS + 1;

/** Failed checks before the solve goes plain (the CPU's pull-backs per half-step, relaxation.ts). */
export const MAX_PULLBACKS = 4;

/** The safeguard's state: omega in use, the estimate it returns to, failed checks so far. */
export interface Guard {
  readonly omega: number;
  readonly estimate: number; // the Relaxer's (or the fixed) omega; 1 once the safeguard gave up
  readonly pullBacks: number;
}

/**
 * After a check of an over-relaxed batch: a descent (ascended false) pulls omega back to
 * (1 + omega) / 2, an ascent undoes one pull-back (2 omega - 1, at most the estimate); from
 * MAX_PULLBACKS descents on, omega is 1.
 */
export function guard(g: Guard, ascended: boolean): Guard {
  const pullBacks = g.pullBacks + (ascended ? 0 : 1);
  const estimate = pullBacks >= MAX_PULLBACKS ? 1 : g.estimate;
  return { omega: Math.min(estimate, ascended ? 2 * g.omega - 1 : (1 + g.omega) / 2), estimate, pullBacks };
}

/** Floats of the terms staging buffer: colTerms then rowTerms (2 (N + P)), or PROBE column residual slots. */
export const termStagingFloats = (n: number, p: number): number => Math.max(2 * (n + p), PROBE * p);

/** The half-step programs of one relaxation mode and their bind groups. */
export interface HalfStepKernels {
  readonly rows: HalfStepProgram;
  readonly cols: HalfStepProgram;
  readonly rowGroup: GPUBindGroup;
  readonly colGroup: GPUBindGroup;
}

/** The buffers the loop copies from (the kernels' bind groups hold the rest). */
export interface LoopBuffers {
  readonly rowTerms: GPUBuffer; // (2, N) f32: residual, dual gain per row
  readonly colTerms: GPUBuffer; // (2, P) f32: residual, dual gain per column
  readonly termStaging: GPUBuffer; // termStagingFloats(N, P) f32, MAP_READ
}

export interface LoopOptions {
  readonly n: number;
  readonly p: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly checkEvery: number;
  readonly relax: Relaxation;
  /** relax = 'adaptive' only: this omega in [1, 2) from the first iteration instead of the Relaxer's. */
  readonly omega?: number;
  /** Writes omega into both half-steps' uniforms (ordered before the next submit). */
  readonly setOmega: (omega: number) => void;
}

export interface LoopResult {
  /**
   * Iterations run: a multiple of checkEvery unless maxIter was
   * reached or relax = 'adaptive' (whose first check is after PLAIN_ITERATIONS + 1 iterations).
   */
  readonly iterations: number;
  /** L1 marginal residual at the last check, float32 terms summed in float64 (NaN if no iteration). */
  readonly residual: number;
  /** Over-relaxation factor of the last iterations (1: plain, or after MAX_PULLBACKS pull-backs). */
  readonly omega: number;
  /** Checks whose dual gain was negative, each pulling omega back towards 1 for a batch. */
  readonly pullBacks: number;
}

/** Run the iterations on the uploaded problem; F and G hold the result when it resolves. */
export async function iterate(device: GPUDevice, b: LoopBuffers, k: HalfStepKernels, o: LoopOptions): Promise<LoopResult> {
  const { n, p } = o;
  const relaxed = o.relax === 'adaptive';
  const relaxer = new Relaxer(o.relax);
  const fixed = relaxed && o.omega !== undefined;
  let observed = relaxed && !fixed ? 0 : PROBE; // residuals the Relaxer has seen
  const start = fixed ? o.omega! : 1;
  let g: Guard = { omega: start, estimate: start, pullBacks: 0 };
  o.setOmega(start);
  let iterations = 0;
  let residual = NaN;
  while (iterations < o.maxIter) {
    const probing = observed < PROBE; // plain iterations whose every residual the Relaxer sees
    const steps = Math.min(o.checkEvery, o.maxIter - iterations, probing ? PROBE - observed : Infinity);
    const guarded = g.omega !== 1;
    const encoder = device.createCommandEncoder({ label: 'sinkhorn iterations' });
    let pass = encoder.beginComputePass({ label: 'sinkhorn iterations' });
    for (let t = 0; t < steps; t++) {
      encodeHalfStep(pass, k.rows, k.rowGroup, n);
      encodeHalfStep(pass, k.cols, k.colGroup, p);
      if (probing) {
        pass.end();
        encoder.copyBufferToBuffer(b.colTerms, 0, b.termStaging, t * p * 4, p * 4);
        if (t < steps - 1) pass = encoder.beginComputePass({ label: 'sinkhorn iterations' });
      }
    }
    if (!probing) {
      pass.end();
      // Plain: the column residuals only (rowAfter = 0). Relaxed: both axes' residuals and gains.
      encoder.copyBufferToBuffer(b.colTerms, 0, b.termStaging, 0, (relaxed ? 2 * p : p) * 4);
      if (relaxed) encoder.copyBufferToBuffer(b.rowTerms, 0, b.termStaging, 2 * p * 4, 2 * n * 4);
    }
    device.queue.submit([encoder.finish()]);
    const terms = await readFloats(b.termStaging, probing ? steps * p : relaxed ? 2 * (n + p) : p);
    iterations += steps;

    if (probing) {
      for (let t = 0; t < steps; t++) {
        residual = sum(terms, t * p, (t + 1) * p); // plain steps: rowAfter = 0
        relaxer.observe(residual);
      }
      observed += steps;
    } else {
      residual = sum(terms, 0, p) + (relaxed ? sum(terms, 2 * p, 2 * p + n) : 0);
    }
    if (residual <= o.tol) break;
    if (guarded) {
      const colGain = sum(terms, p, 2 * p);
      const rowGain = sum(terms, 2 * p + n, 2 * (p + n));
      const before = g.omega;
      g = guard(g, rowGain >= 0 && colGain >= 0); // NaN: a descent
      if (g.omega !== before) o.setOmega(g.omega);
    }
    if (probing && observed === PROBE && relaxer.omega !== 1) {
      g = { ...g, omega: relaxer.omega, estimate: relaxer.omega };
      o.setOmega(g.omega);
    }
  }
  return { iterations, residual, omega: g.omega, pullBacks: g.pullBacks };
}

/** Float64 sum of a[from..to). */
function sum(a: Float32Array, from: number, to: number): number {
  let t = 0;
  for (let k = from; k < to; k++) t += a[k];
  return t;
}
