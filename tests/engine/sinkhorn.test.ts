import { describe, expect, it } from 'vitest';
import { getCoupling } from '../support/couplings';
import type { CouplingProblem, CouplingResult } from '../../src/engine/etd/coupling';
import { decodeLogPlan, fixtures, logPlan as plan, toProblem, worstRelative, type Fixture } from './potFixtures';
import { absorbedLse, heldKernel } from '../../src/engine/etd/coupling/absorbedLse';
import { onlineLse } from '../../src/engine/etd/coupling/onlineLse';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';

/** log gamma of a solved coupling. */
const logPlan = (pb: CouplingProblem, r: CouplingResult) => plan(pb, r.F, r.G);

function solve(fx: Fixture, pb: CouplingProblem, opts = { maxIter: 100000, tol: 1e-12 }) {
  if (fx.coupling === 'scaling') return sinkhornScaling(pb, null, opts, fx.lamA!, fx.lamB!);
  return getCoupling(fx.coupling, { rho: fx.rho ?? 1 })(pb, null, opts);
}

describe('Sinkhorn against POT fixtures', () => {
  for (const fx of fixtures) {
    it(`${fx.name} (${fx.n} x ${fx.p}): plan agrees to 1e-4 relative`, () => {
      expect(fx.n).toBeGreaterThanOrEqual(50);
      expect(fx.p).toBeGreaterThanOrEqual(500);
      const pb = toProblem(fx);
      const r = solve(fx, pb);
      const ours = logPlan(pb, r);
      const ref = decodeLogPlan(fx);
      expect(worstRelative(ours, ref)).toBeLessThan(1e-4);
      if (fx.coupling === 'balanced' || fx.coupling === 'scaling') {
        // Every reduction (held float32 kernel with and without its transposed copy, on-the-fly
        // log domain) reaches POT's plan.
        const lam = fx.coupling === 'balanced' ? [1, 1] : [fx.lamA!, fx.lamB!];
        for (const ops of [absorbedLse, heldKernel(0), onlineLse]) {
          const r2 = sinkhornScaling(pb, null, { maxIter: 100000, tol: 1e-12 }, lam[0], lam[1], ops);
          expect(worstRelative(logPlan(pb, r2), ref)).toBeLessThan(1e-4);
        }
      }
      if (fx.coupling !== 'scaling') expect(r.rowError).toBeLessThan(1e-8); // source marginal exact
      if (fx.coupling === 'balanced') expect(r.colError).toBeLessThan(1e-8);
    });
  }

  it('semi-relaxed and unbalanced leave the target marginal soft', () => {
    for (const fx of fixtures.filter((f) => f.coupling === 'unbalanced' || f.coupling === 'semi-relaxed')) {
      const r = solve(fx, toProblem(fx));
      expect(r.colError).toBeGreaterThan(1e-3);
    }
  });

  it('warm start reaches the same solution in fewer iterations', () => {
    const fx = fixtures.find((f) => f.name === 'balanced')!;
    const pb = toProblem(fx);
    const opts = { maxIter: 500, tol: 1e-5 };
    const cold = getCoupling('balanced', { rho: 1 })(pb, null, opts);
    expect(cold.converged).toBe(true);
    // Perturb the problem slightly, as one ETD step does, then solve cold and warm.
    const moved: CouplingProblem = { ...pb, z: pb.z.map((v, k) => v + 0.01 * Math.sin(k)) };
    const cold2 = getCoupling('balanced', { rho: 1 })(moved, null, opts);
    const warm2 = getCoupling('balanced', { rho: 1 })(moved, { F: cold.F, G: cold.G }, opts);
    expect(warm2.converged).toBe(true);
    // On the marginal residual (since the switch from max|dF|): 39 vs 69 iterations here.
    expect(warm2.iterations).toBeLessThan(0.7 * cold2.iterations);
    const a = logPlan(moved, cold2), b = logPlan(moved, warm2);
    let worst = 0;
    for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(Math.exp(a[k]) - Math.exp(b[k])));
    expect(worst).toBeLessThan(1e-5 * 50); // both stopped at tol: plans agree to within a few tol / n
  });

  it('unbalanced tends to balanced as rho grows', () => {
    const fx = fixtures.find((f) => f.name === 'balanced')!;
    const pb = toProblem(fx);
    const opts = { maxIter: 5000, tol: 1e-7 };
    const bal = logPlan(pb, getCoupling('balanced', { rho: 1 })(pb, null, opts));
    const gap = (rho: number) => {
      const u = logPlan(pb, getCoupling('unbalanced', { rho })(pb, null, opts));
      let s = 0;
      for (let k = 0; k < u.length; k++) s += Math.abs(Math.exp(u[k]) - Math.exp(bal[k]));
      return s;
    };
    const g1 = gap(1), g100 = gap(100), g1e4 = gap(1e4);
    expect(g100).toBeLessThan(g1);
    expect(g1e4).toBeLessThan(g100);
    expect(g1e4).toBeLessThan(1e-2);
  });

  it('stops at maxIter and reports non-convergence', () => {
    const fx = fixtures.find((f) => f.name === 'balanced')!;
    const r = getCoupling('balanced', { rho: 1 })(toProblem(fx), null, { maxIter: 3, tol: 1e-12 });
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
  });

  it('rejects an unknown coupling by listing the valid ones', () => {
    expect(() => getCoupling('sinkhorn-ish', { rho: 1 })).toThrow(/valid: balanced, unbalanced, semi-relaxed/);
  });
});
