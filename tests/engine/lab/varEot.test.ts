import { beforeAll, describe, expect, it } from 'vitest';
import { presetCloud } from '../../../src/engine/lab/clouds';
import { solveLab } from '../../../src/engine/lab/labSinkhorn';
import { conditionalRow, densePlan, nearestPoint } from '../../../src/engine/lab/planView';
import { DEFAULT_VAREOT, VarEot } from '../../../src/engine/lab/varEot';
import { weightedEnergyDistance } from '../../../src/engine/lab/weightedEnergy';
import { initTensorBackend } from '../../../src/engine/tensor/backend';

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

// Gaussian -> Swiss roll at eps = 0.1 (the paper's synthetic experiment), 1000 points each.
// Measured (seed 1, wasm backend, 400 AdamW steps, lr 1e-2, ~8 s here): loss -0.62 over the first
// 50 steps, -1.01 over the last 50; energy distance of 200 Langevin samples to Sinkhorn's plan row
// of the nearest source point 0.052, 0.094, 0.070, 0.065 at the four points below (untrained
// network: 0.50, 0.23, 0.07, 0.41).
describe('VarEOT on Gaussian -> Swiss roll, eps = 0.1', () => {
  const eps = 0.1;
  const src = presetCloud('gaussian', 1000, 1, 'source');
  const tgt = presetCloud('swiss-roll', 1000, 1, 'target');
  const points: [number, number][] = [[0, 0], [1, 0], [-1, -1], [0.5, 1]];
  let model: VarEot;
  let losses: number[];
  let untrained: Float64Array[];

  beforeAll(async () => {
    expect(await initTensorBackend('wasm')).toBe('wasm');
    model = new VarEot(src, tgt, { ...DEFAULT_VAREOT, eps });
    untrained = points.map((x0) => model.sample(x0, 200));
    losses = Array.from({ length: 400 }, () => model.step());
  }, 120_000);

  it('the training loss (the variational upper bound) decreases', () => {
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(mean(losses.slice(-50))).toBeLessThan(mean(losses.slice(0, 50)) - 0.2);
  });

  it("conditional samples are within energy distance 0.15 of Sinkhorn's conditional", () => {
    const s = solveLab(src, tgt, eps, { tol: 1e-6, maxIter: 10000 });
    expect(s.result.converged).toBe(true);
    const plan = densePlan(s.problem, s.result.F, s.result.G);
    const learned: number[] = [], before: number[] = [];
    points.forEach((x0, q) => {
      const row = conditionalRow(plan, 1000, nearestPoint(src, x0[0], x0[1]));
      learned.push(weightedEnergyDistance(model.sample(x0, 200), tgt, row));
      before.push(weightedEnergyDistance(untrained[q], tgt, row));
    });
    for (const e of learned) expect(e).toBeLessThan(0.15);
    expect(mean(learned)).toBeLessThan(0.5 * mean(before));
  }, 60_000);
});
