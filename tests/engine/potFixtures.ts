import { readFileSync } from 'node:fs';
import type { CouplingProblem } from '../../src/engine/etd/coupling';

/** One reference problem of tests/fixtures/pot_sinkhorn.json (made by make_pot_fixtures.py). */
export interface Fixture {
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

const allFixtures: Fixture[] = JSON.parse(readFileSync(new URL('../fixtures/pot_sinkhorn.json', import.meta.url), 'utf8')).problems;

/**
 * The ETD coupling problems (particles against a pool of proposals, eps relative to the median
 * cost), which the Sinkhorn suites sweep. The lab's point-cloud problems ('lab-*': absolute eps,
 * a plain point cloud as target) are checked by the lab's own tests (`fixture(name)`).
 */
export const fixtures: Fixture[] = allFixtures.filter((f) => !f.name.startsWith('lab-'));

export const fixture = (name: string): Fixture => {
  const fx = allFixtures.find((f) => f.name === name);
  if (!fx) throw new Error(`no POT fixture '${name}'`);
  return fx;
};

/** The reference log-plan (n, p). */
export function decodeLogPlan(fx: Fixture): Float32Array {
  const buf = Buffer.from(fx.logPlan, 'base64');
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

export const toProblem = (fx: Fixture): CouplingProblem => ({
  z: Float64Array.from(fx.x),
  y: Float64Array.from(fx.y),
  kappa: fx.coef / (fx.scale * fx.eps),
  logA: new Float64Array(fx.n).fill(-Math.log(fx.n)),
  logB: Float64Array.from(fx.logb),
  eps: fx.eps,
});

/** The damping exponents (lamA, lamB) of an iterative fixture (see coupling/sinkhorn.ts). */
export function lambdas(fx: Fixture): [number, number] {
  if (fx.coupling === 'balanced') return [1, 1];
  if (fx.coupling === 'unbalanced') return [1, fx.rho! / (1 + fx.rho!)];
  if (fx.coupling === 'scaling') return [fx.lamA!, fx.lamB!];
  throw new Error(`no iteration for ${fx.coupling}`);
}

/** log gamma_ij = log K_ij + F_i + G_j in float64, materialised only in tests. (n, p); points (., d), d = pb.dim ?? 2. */
export function logPlan(pb: CouplingProblem, F: ArrayLike<number>, G: ArrayLike<number>): Float64Array {
  const d = pb.dim ?? 2;
  const n = pb.z.length / d, p = pb.y.length / d;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      let sq = 0;
      for (let k = 0; k < d; k++) sq += (pb.z[d * i + k] - pb.y[d * j + k]) ** 2;
      out[i * p + j] = -pb.kappa * sq + F[i] + G[j];
    }
  return out;
}

/** max |exp(a - b) - 1| over two log-plans: the worst relative error of any entry, however small. */
export function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(Math.expm1(a[k] - b[k])));
  return worst;
}
