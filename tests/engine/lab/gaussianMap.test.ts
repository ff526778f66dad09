import { describe, expect, it } from 'vitest';
import { applyAffine, entropicMapMatrix, gaussianPoints, mul, sqrtSpd, type Gaussian2, type Mat2 } from '../../../src/engine/lab/gaussianMap';
import { solveLab } from '../../../src/engine/lab/labSinkhorn';
import { barycentricMap, densePlan } from '../../../src/engine/lab/labPlanViews';
import { Rng } from '../../../src/engine/random/rng';

const S: Gaussian2 = { mean: [-0.5, 0.2], cov: [1, 0.3, 0.3, 0.5] };
const T: Gaussian2 = { mean: [0.8, -0.3], cov: [0.6, -0.2, -0.2, 1.2] };

/** RMS distance between two maps over the source points within radius 2 (the tails have few neighbours). */
function rmsInside(x: Float64Array, a: Float64Array, b: Float64Array): number {
  let s = 0, c = 0;
  for (let i = 0; i < x.length / 2; i++) {
    if (x[2 * i] ** 2 + x[2 * i + 1] ** 2 >= 4) continue;
    s += (a[2 * i] - b[2 * i]) ** 2 + (a[2 * i + 1] - b[2 * i + 1]) ** 2;
    c++;
  }
  return Math.sqrt(s / c);
}

describe('closed forms between Gaussians', () => {
  it('sqrtSpd squares back', () => {
    const r = sqrtSpd(T.cov);
    mul(r, r).forEach((v, k) => expect(v).toBeCloseTo(T.cov[k], 12));
  });

  it('the Monge map pushes Sigma_s to Sigma_t: L A L^T = B, L symmetric', () => {
    const L = entropicMapMatrix(S.cov, T.cov, 0);
    const Lt: Mat2 = [L[0], L[2], L[1], L[3]];
    mul(mul(L, S.cov), Lt).forEach((v, k) => expect(v).toBeCloseTo(T.cov[k], 10));
    expect(L[1]).toBeCloseTo(L[2], 12);
  });

  it('the entropic map shrinks as eps grows (1D check: sqrt(4ab + eps^2) - eps over 2a)', () => {
    const L = entropicMapMatrix([2, 0, 0, 1], [3, 0, 0, 1], 0.7);
    expect(L[0]).toBeCloseTo((Math.sqrt(4 * 6 + 0.49) - 0.7) / 4, 12);
  });
});

describe("the lab's barycentric map between two Gaussian samples (n = p = 1000)", () => {
  const n = 1000;
  const x = gaussianPoints(S, new Rng(1, 0).fillNormal(new Float64Array(2 * n)));
  const y = gaussianPoints(T, new Rng(1, 1).fillNormal(new Float64Array(2 * n)));
  const bary = (eps: number) => {
    const s = solveLab(x, y, eps, { tol: 1e-6, maxIter: 20000 });
    expect(s.result.converged).toBe(true);
    return barycentricMap(densePlan(s.problem, s.result.F, s.result.G), y, n, n);
  };

  // Measured (seed 1): RMS to the entropic closed form 0.133 at eps = 0.05, 0.114 at eps = 0.2;
  // to the Monge map 0.160 and 0.249. The floor is the sampling error of 1000 points (0.085 at 2000).
  it('eps = 0.05: within 0.15 RMS of the entropic closed form', () => {
    const T1 = bary(0.05);
    expect(rmsInside(x, T1, applyAffine(entropicMapMatrix(S.cov, T.cov, 0.05), S, T, x))).toBeLessThan(0.15);
  });

  it('eps = 0.2: close to the entropic map, clearly away from the Monge map', () => {
    const T2 = bary(0.2);
    const ent = rmsInside(x, T2, applyAffine(entropicMapMatrix(S.cov, T.cov, 0.2), S, T, x));
    const monge = rmsInside(x, T2, applyAffine(entropicMapMatrix(S.cov, T.cov, 0), S, T, x));
    expect(ent).toBeLessThan(0.13);
    expect(monge).toBeGreaterThan(0.2);
  });
});
