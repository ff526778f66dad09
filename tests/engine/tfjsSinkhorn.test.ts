import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CouplingProblem } from '../../src/engine/etd/coupling';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import { tfjsSinkhorn } from '../../src/engine/etd/coupling/tfjsSinkhorn';
import { initTensorBackend } from '../../src/engine/tensor/backend';

interface Fixture {
  name: string;
  n: number;
  p: number;
  eps: number;
  coef: number;
  scale: number;
  x: number[];
  y: number[];
  logb: number[];
  coupling: 'balanced' | 'unbalanced' | 'semi-relaxed' | 'scaling';
  rho?: number;
  lamA?: number;
  lamB?: number;
  logPlan: string; // float32 little-endian, base64, (n, p)
}

const fixtures: Fixture[] = JSON.parse(
  readFileSync(new URL('../fixtures/pot_sinkhorn.json', import.meta.url), 'utf8'),
).problems;

const decode = (b64: string): Float32Array => {
  const buf = Buffer.from(b64, 'base64');
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
};

const toProblem = (fx: Fixture): CouplingProblem => ({
  z: Float64Array.from(fx.x),
  y: Float64Array.from(fx.y),
  kappa: fx.coef / (fx.scale * fx.eps),
  logA: new Float64Array(fx.n).fill(-Math.log(fx.n)),
  logB: Float64Array.from(fx.logb),
  eps: fx.eps,
});

/** The damping exponents of each fixture's coupling (see coupling/balanced.ts, unbalanced.ts). */
function lambdas(fx: Fixture): [number, number] {
  if (fx.coupling === 'balanced') return [1, 1];
  if (fx.coupling === 'unbalanced') return [1, fx.rho! / (1 + fx.rho!)];
  if (fx.coupling === 'scaling') return [fx.lamA!, fx.lamB!];
  throw new Error(`no iteration for ${fx.coupling}`);
}

/** max_ij |gamma_ij / ref_ij - 1| with log gamma = log K + F + G, computed in float64. */
function worstRelative(pb: CouplingProblem, F: Float64Array, G: Float64Array, ref: ArrayLike<number>): number {
  const n = F.length, p = G.length;
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const dx = pb.z[2 * i] - pb.y[2 * j], dy = pb.z[2 * i + 1] - pb.y[2 * j + 1];
      const lp = -pb.kappa * (dx * dx + dy * dy) + F[i] + G[j];
      worst = Math.max(worst, Math.abs(Math.expm1(lp - ref[i * p + j])));
    }
  return worst;
}

// Float32 tensors: tol 1e-7 on f = eps F is about float32 resolution of F (|F| ~ 10).
const OPTS = { maxIter: 5000, tol: 1e-7 };

describe('tfjs-op Sinkhorn (wasm backend, float32)', () => {
  beforeAll(async () => {
    expect(await initTensorBackend('wasm')).toBe('wasm');
  });

  for (const name of ['balanced', 'unbalanced-symmetric', 'unbalanced']) {
    it(`${name}: plan agrees with POT to 1e-3 relative and with the CPU path's duals`, async () => {
      const fx = fixtures.find((f) => f.name === name)!;
      const pb = toProblem(fx);
      const [lamA, lamB] = lambdas(fx);
      const r = await tfjsSinkhorn(pb, null, OPTS, lamA, lamB);
      expect(r.converged).toBe(true);
      expect(r.iterations % 5).toBe(0); // convergence is read every checkEvery = 5 iterations
      expect(worstRelative(pb, r.F, r.G, decode(fx.logPlan))).toBeLessThan(1e-3);

      // The float64 CPU path's duals: the balanced problem fixes them only up to F + c, G - c.
      const cpu = sinkhornScaling(pb, null, { maxIter: 100000, tol: 1e-12 }, lamA, lamB);
      const shift = lamA === 1 && lamB === 1 ? r.F[0] - cpu.F[0] : 0;
      let dF = 0, dG = 0;
      for (let i = 0; i < fx.n; i++) dF = Math.max(dF, Math.abs(r.F[i] - shift - cpu.F[i]));
      for (let j = 0; j < fx.p; j++) dG = Math.max(dG, Math.abs(r.G[j] + shift - cpu.G[j]));
      expect(dF).toBeLessThan(1e-3);
      expect(dG).toBeLessThan(1e-3);
    });
  }

  it('warm start from the solution converges at the first check', async () => {
    const fx = fixtures.find((f) => f.name === 'balanced')!;
    const pb = toProblem(fx);
    const cold = await tfjsSinkhorn(pb, null, { maxIter: 2000, tol: 1e-5 }, 1, 1);
    const warm = await tfjsSinkhorn(pb, { F: cold.F, G: cold.G }, { maxIter: 2000, tol: 1e-5, checkEvery: 1 }, 1, 1);
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThanOrEqual(2);
  });

  it('stops at maxIter and reports non-convergence', async () => {
    const pb = toProblem(fixtures.find((f) => f.name === 'balanced')!);
    const r = await tfjsSinkhorn(pb, null, { maxIter: 7, tol: 1e-12, checkEvery: 5 }, 1, 1);
    expect(r.iterations).toBe(7);
    expect(r.converged).toBe(false);
  });

  it('frees every tensor: numTensors is unchanged after 20 solves', async () => {
    const pb = toProblem(fixtures.find((f) => f.name === 'unbalanced')!);
    const before = tf.memory().numTensors;
    let warm: { F: Float64Array; G: Float64Array } | null = null;
    for (let k = 0; k < 20; k++) {
      const r = await tfjsSinkhorn(pb, warm, { maxIter: 12, tol: 1e-6, checkEvery: 5 }, 1, 0.5);
      warm = { F: r.F, G: r.G };
      expect(tf.memory().numTensors).toBe(before);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
