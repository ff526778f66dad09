import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import { tfjsSinkhorn } from '../support/tfjsSinkhorn';
import { initTensorBackend } from '../../src/engine/tensor/backend';
import { decodeLogPlan, fixtures, lambdas, logPlan, toProblem, worstRelative } from './potFixtures';

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
      expect(worstRelative(logPlan(pb, r.F, r.G), decodeLogPlan(fx))).toBeLessThan(1e-3);

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
