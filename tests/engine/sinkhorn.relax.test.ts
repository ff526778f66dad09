import { describe, expect, it } from 'vitest';
import { absorbedLse } from '../../src/engine/etd/coupling/absorbedLse';
import type { CouplingProblem } from '../../src/engine/etd/coupling';
import { getCoupling } from '../support/couplings';
import { onlineLse } from '../../src/engine/etd/coupling/onlineLse';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import type { LseOpsFactory } from '../../src/engine/etd/coupling/lseOps';
import { SimdOnline } from '../../src/engine/etd/coupling/simdOnline';
import { simd } from '../../src/engine/wasm/simd';
import { etdProblem } from '../../src/bench/problems';
import { decodeLogPlan, fixtures, lambdas, logPlan, toProblem, worstRelative } from './potFixtures';

const iterative = fixtures.filter((f) => f.coupling !== 'semi-relaxed');

/** The same problem at another relative eps. */
const atEps = (pb: CouplingProblem, eps: number): CouplingProblem => ({ ...pb, kappa: (pb.kappa * pb.eps) / eps, eps });

describe('adaptive over-relaxation', () => {
  for (const fx of iterative) {
    it(`${fx.name}: reaches POT's plan to 1e-4 in fewer iterations than plain Sinkhorn`, () => {
      const pb = toProblem(fx);
      const [lamA, lamB] = lambdas(fx);
      const ref = decodeLogPlan(fx);
      // 1e-7: below that the float32 held kernel, not the iteration, sets the residual.
      const opts = { maxIter: 100000, tol: 1e-7 };
      const plain = sinkhornScaling(pb, null, opts, lamA, lamB);
      for (const ops of [undefined, absorbedLse, onlineLse]) {
        const fast = sinkhornScaling(pb, null, { ...opts, relax: 'adaptive' }, lamA, lamB, ops);
        expect(fast.converged).toBe(true);
        expect(worstRelative(logPlan(pb, fast.F, fast.G), ref)).toBeLessThan(1e-4);
        expect(fast.iterations).toBeLessThanOrEqual(plain.iterations);
      }
      const fast = sinkhornScaling(pb, null, { ...opts, relax: 'adaptive' }, lamA, lamB);
      if (plain.iterations > 20) expect(fast.iterations).toBeLessThan(0.8 * plain.iterations);
    });
  }

  it('converges without divergence for eps in [0.01, 1] on real ETD problems, with fewer iterations in total', () => {
    let plainTotal = 0, fastTotal = 0;
    for (const n of [60, 150]) {
      const base = etdProblem(n, 3);
      for (const eps of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]) {
        const pb = atEps(base, eps);
        for (const [lamA, lamB] of [[1, 1], [1, 0.5]]) {
          const plain = sinkhornScaling(pb, null, { maxIter: 5000, tol: 1e-4 }, lamA, lamB);
          const fast = sinkhornScaling(pb, null, { maxIter: 5000, tol: 1e-4, relax: 'adaptive' }, lamA, lamB);
          expect(plain.converged).toBe(true);
          expect(fast.converged).toBe(true);
          expect(fast.residual).toBeLessThanOrEqual(1e-4);
          expect(fast.F.every(Number.isFinite) && fast.G.every(Number.isFinite)).toBe(true);
          expect(fast.omega).toBeGreaterThanOrEqual(1);
          expect(fast.omega).toBeLessThan(2);
          // Same fixed point: the plans agree in L1 to a few tol.
          const a = logPlan(pb, plain.F, plain.G), b = logPlan(pb, fast.F, fast.G);
          let l1 = 0;
          for (let k = 0; k < a.length; k++) l1 += Math.abs(Math.exp(a[k]) - Math.exp(b[k]));
          expect(l1).toBeLessThan(2e-3);
          plainTotal += plain.iterations;
          fastTotal += fast.iterations;
        }
      }
    }
    expect(fastTotal).toBeLessThan(0.6 * plainTotal);
  });
});

describe('on-the-fly reductions on the SIMD kernels (above the held-kernel budget)', () => {
  const s = simd()!;
  const simdOnline: LseOpsFactory = (pb) => new SimdOnline(s.exports, s.arena, pb);
  for (const fx of iterative) {
    it(`${fx.name}: reach POT's plan to 1e-4, as the typed-array on-the-fly passes do`, () => {
      const pb = toProblem(fx);
      const [lamA, lamB] = lambdas(fx);
      const opts = { maxIter: 100000, tol: 1e-7 };
      const fast = sinkhornScaling(pb, null, opts, lamA, lamB, simdOnline);
      const ref = sinkhornScaling(pb, null, opts, lamA, lamB, onlineLse);
      expect(fast.converged).toBe(true);
      expect(worstRelative(logPlan(pb, fast.F, fast.G), decodeLogPlan(fx))).toBeLessThan(1e-4);
      expect(Math.abs(fast.iterations - ref.iterations)).toBeLessThanOrEqual(2);
      for (let i = 0; i < fast.rowEss.length; i++) expect(Math.abs(fast.rowEss[i] - ref.rowEss[i]) / ref.rowEss[i]).toBeLessThan(1e-4);
    });
  }
});

describe('convergence means small marginals', () => {
  it('for eps from 1e-6 to 10, converged is reported exactly when the residual is within tol', () => {
    const base = etdProblem(80, 2);
    for (const eps of [1e-6, 1e-4, 1e-2, 0.1, 1, 10]) {
      const pb = atEps(base, eps);
      for (const name of ['balanced', 'unbalanced']) {
        for (const relax of ['off', 'adaptive'] as const) {
          const tol = 1e-2;
          const r = getCoupling(name, { rho: 1 })(pb, null, { maxIter: 50, tol, relax });
          expect(r.converged).toBe(r.residual <= tol);
          if (name === 'balanced') expect(r.residual).toBeCloseTo(r.rowError + r.colError, 12);
          if (r.converged) expect(r.rowError).toBeLessThanOrEqual(tol);
        }
      }
    }
    // The case that used to pass as converged after 2 iterations: at eps = 1e-6 the plan is far off.
    const tiny = getCoupling('balanced', { rho: 1 })(atEps(base, 1e-6), null, { maxIter: 50, tol: 1e-2 });
    expect(tiny.converged).toBe(false);
    expect(tiny.iterations).toBe(50);
    expect(tiny.residual).toBeGreaterThan(0.1);
  });
});
