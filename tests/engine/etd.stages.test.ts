import { describe, expect, it } from 'vitest';
import { getCoupling } from '../support/couplings';
import { LOG_WEIGHT_FLOOR } from '../../src/engine/etd/weights/importance';
import { RecordedStep } from '../../src/engine/etd/stages/recordedStep';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { EtdSampler } from '../../src/engine/samplers/etdSampler';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';

const target = createPresetTarget('gmm-ring-8');

function etd(label: string, params: Record<string, unknown> = {}, seed = 5, n = 40): EtdSampler {
  const s = createSampler(label, { target, seed, initial: initialCloud(seed, { n, center: [0, 0], spread: 2 }), params });
  if (!(s instanceof EtdSampler)) throw new Error(`${label} is not ETD`);
  return s;
}

/** The exact bytes of the particles (bitwise, so -0 and NaN payloads count too). */
const bytes = (x: Float64Array) => Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));

/** Two samplers in the same state; k plain steps each, then one recorded on B, one plain on A. */
function recordedAgainstPlain(label: string, params: Record<string, unknown>) {
  const a = etd(label, params);
  const b = etd(label, params);
  for (let k = 0; k < 3; k++) {
    a.step();
    b.step();
  }
  const before = Float64Array.from(b.positions());
  const rec = new RecordedStep();
  const da = a.step();
  const db = b.step(undefined, rec);
  return { a, b, rec, before, da, db };
}

const CASES: [string, Record<string, unknown>][] = [
  ['etd-b', {}],
  ['etd-b', { update: 'barycentric', eta: 0.7 }],
  ['etd-b', { mutation: 'mala', mutationSteps: 3, mutationStep: 0.05 }],
  ['etd-ub-sg', { mutation: 'rwm' }],
  ['etd-sr', {}],
];

describe('recorded ETD step', () => {
  for (const [label, params] of CASES) {
    it(`${label} ${JSON.stringify(params)}: a recorded step gives bitwise the particles of a plain one, and the same rng draws`, () => {
      const { a, b, rec, da, db } = recordedAgainstPlain(label, params);
      expect(bytes(b.positions())).toEqual(bytes(a.positions()));
      expect(db).toEqual(da);
      // Same draws: the next plain steps still agree.
      a.step();
      b.step();
      expect(bytes(b.positions())).toEqual(bytes(a.positions()));
    });
  }

  it('records the particles before, the proposals, the weights with their floor and the solve', () => {
    const { b, rec, before, db } = recordedAgainstPlain('etd-b', {});
    const prep = rec.prep!;
    expect(bytes(prep.x)).toEqual(bytes(before));
    const n = before.length >> 1;
    expect(prep.problem.y.length).toBe(2 * n * b.params.M);
    expect(prep.mu.length).toBe(2 * n);
    const logB = prep.problem.logB;
    const max = Math.max(...logB);
    expect(Math.min(...logB)).toBeGreaterThanOrEqual(max - LOG_WEIGHT_FLOOR - 1e-9);
    expect(prep.costScale).toBe(db.costScale);
    expect(prep.problem.kappa).toBeCloseTo(prep.costCoef / (prep.costScale * b.params.eps), 12);
    const plan = rec.plan!;
    expect(rec.residuals.length).toBe(plan.iterations);
    expect(rec.residuals.at(-1)! <= b.params.tol).toBe(plan.converged);
    expect(rec.rowResiduals.map((r, k) => r + rec.colResiduals[k])).toEqual(rec.residuals);
    // Mutation off: the particles after the update are the step's result.
    expect(bytes(rec.xUpdated!)).toEqual(bytes(b.positions()));
    expect(bytes(rec.xMutated!)).toEqual(bytes(b.positions()));
  });

  it('categorical: every particle lands on the proposal it picked', () => {
    const { rec } = recordedAgainstPlain('etd-b', {});
    const y = rec.prep!.problem.y;
    const picks = rec.trace!.picks!;
    const x = rec.xUpdated!;
    for (let i = 0; i < picks.length; i++) {
      expect(picks[i]).toBeGreaterThanOrEqual(0);
      expect([x[2 * i], x[2 * i + 1]]).toEqual([y[2 * picks[i]], y[2 * picks[i] + 1]]);
    }
  });

  it('barycentric: every particle moves eta of the way to its recorded row mean', () => {
    const eta = 0.7;
    const { rec, before } = recordedAgainstPlain('etd-b', { update: 'barycentric', eta });
    const means = rec.trace!.means!;
    const x = rec.xUpdated!;
    for (let k = 0; k < x.length; k++) expect(x[k]).toBeCloseTo((1 - eta) * before[k] + eta * means[k], 12);
  });

  it('mutation: the record holds the particles before and after it', () => {
    const { b, rec } = recordedAgainstPlain('etd-b', { mutation: 'mala', mutationSteps: 3, mutationStep: 0.05 });
    expect(rec.acceptance).toBeGreaterThan(0);
    expect(bytes(rec.xMutated!)).toEqual(bytes(b.positions()));
    expect(bytes(rec.xUpdated!)).not.toEqual(bytes(rec.xMutated!));
  });

  it('the recorded residuals are those of the solver the step ran (re-solving the problem repeats them)', () => {
    const { b, rec } = recordedAgainstPlain('etd-b', {});
    const seen: number[] = [];
    const { maxIter, tol, relax } = b.params;
    getCoupling('balanced', { rho: 1 })(rec.prep!.problem, null, { maxIter, tol, relax, onIteration: (it) => seen.push(it.residual) });
    expect(seen).toEqual(rec.residuals);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('a long solve keeps every residual but at most MAX_SNAPSHOTS evenly spaced potentials', () => {
    const { rec } = recordedAgainstPlain('etd-b', { tol: 1e-9, maxIter: 150, relax: 'off' });
    expect(rec.residuals.length).toBe(rec.plan!.iterations);
    expect(rec.residuals.length).toBeGreaterThan(64);
    const its = rec.snapshots.map((s) => s.iteration);
    expect(its.length).toBeLessThanOrEqual(32);
    expect(its.length).toBeGreaterThanOrEqual(16);
    const stride = its[0];
    its.forEach((t, k) => expect(t).toBe(stride * (k + 1)));
  });

  it('the closed-form semi-relaxed coupling records no iterations', () => {
    const { rec } = recordedAgainstPlain('etd-sr', {});
    expect(rec.residuals).toEqual([]);
    expect(rec.plan!.iterations).toBe(0);
  });
});
