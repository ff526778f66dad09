import { describe, expect, it } from 'vitest';
import { annealLadder, solveLab } from '../../../src/engine/lab/labSinkhorn';
import { barycentricMap, binnedPlan, columnOrderByRows, conditionalRow, densePlan, principalOrder, topEntries } from '../../../src/engine/lab/labPlanViews';
import { presetCloud } from '../../../src/engine/lab/clouds';
import { decodeLogPlan, fixture, logPlan, worstRelative } from '../potFixtures';

describe("lab Sinkhorn against POT (fixture 'lab-gaussian-swiss-roll')", () => {
  const fx = fixture('lab-gaussian-swiss-roll');
  const x = Float64Array.from(fx.x), y = Float64Array.from(fx.y);

  it('cold solve: every plan entry within 1e-4 relative of ot.sinkhorn(method=sinkhorn_log)', () => {
    const s = solveLab(x, y, fx.eps, { tol: 1e-11, maxIter: 100000 });
    expect(s.result.converged).toBe(true);
    expect(s.problem.kappa).toBeCloseTo(fx.coef / (fx.scale * fx.eps), 12);
    expect(worstRelative(logPlan(s.problem, s.result.F, s.result.G), decodeLogPlan(fx))).toBeLessThan(1e-4);
  });

  it('annealed from eps = 10 with warm starts: the same plan, fewer iterations at this eps', () => {
    const cold = solveLab(x, y, fx.eps, { tol: 1e-8, maxIter: 100000 });
    const warm = solveLab(x, y, fx.eps, { tol: 1e-8, maxIter: 100000, anneal: true });
    expect(warm.stages.map((s) => s.eps)).toEqual(annealLadder(fx.eps));
    expect(warm.stages.length).toBeGreaterThan(2);
    expect(worstRelative(logPlan(warm.problem, warm.result.F, warm.result.G), decodeLogPlan(fx))).toBeLessThan(1e-3);
    expect(warm.stages.at(-1)!.iterations).toBeLessThan(cold.iterations);
  });
});

describe('plan views', () => {
  const x = presetCloud('gaussian', 60, 3, 'source');
  const y = presetCloud('swiss-roll', 80, 3, 'target');
  const s = solveLab(x, y, 0.1, { tol: 1e-9, maxIter: 100000 });
  const plan = densePlan(s.problem, s.result.F, s.result.G);

  it('binned plan keeps the mass and the marginals', () => {
    const b = binnedPlan(plan, 60, 80, principalOrder(x), principalOrder(y), 10);
    expect(b.rows).toBe(10);
    expect(b.mass.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
    // each row bin holds 6 source points of mass 1/60
    for (let r = 0; r < 10; r++) {
      let m = 0;
      for (let c = 0; c < 10; c++) m += b.mass[r * 10 + c];
      expect(m).toBeCloseTo(0.1, 5);
    }
  });

  it('top entries are the row maxima in decreasing order', () => {
    const t = topEntries(plan, 60, 80, 3);
    for (let i = 0; i < 60; i++) {
      const row = Array.from(plan.subarray(i * 80, i * 80 + 80)).sort((a, b) => b - a);
      expect(Array.from(t.mass.subarray(3 * i, 3 * i + 3))).toEqual(row.slice(0, 3));
      expect(plan[i * 80 + t.j[3 * i]]).toBe(t.mass[3 * i]);
    }
  });

  it('barycentric map is the conditional mean of a row', () => {
    const T = barycentricMap(plan, y, 60, 80);
    const row = conditionalRow(plan, 80, 7);
    let mx = 0;
    for (let j = 0; j < 80; j++) mx += row[j] * y[2 * j];
    expect(T[14]).toBeCloseTo(mx, 10);
    expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('column seriation of the heatmap', () => {
  it('orders target columns by the mean rank of the rows they receive from', () => {
    // Points on a line mapped to a reversed copy: columns come out in the rows' order.
    const x = Float64Array.from([0, 0, 1, 0, 2, 0, 3, 0]);
    const y = Float64Array.from([3.1, 0, 2.1, 0, 0.1, 0, 1.1, 0]);
    const s = solveLab(x, y, 0.01, { tol: 1e-9, maxIter: 10000 });
    const plan = densePlan(s.problem, s.result.F, s.result.G);
    const rows = principalOrder(x);
    const first = rows[0];
    const cols = Array.from(columnOrderByRows(plan, 4, 4, rows));
    // nearest target of each source point in row order: 0 -> y2 (0.1), 1 -> y3 (1.1), 2 -> y1, 3 -> y0
    expect(cols).toEqual(first === 0 ? [2, 3, 1, 0] : [0, 1, 3, 2]);
  });
});
