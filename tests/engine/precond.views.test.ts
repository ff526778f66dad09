// The 2D views of a preconditioned step (plan image, coupling row and lines, the stage record) draw
// the particles' coordinates and measure the cost in the whitened ones.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { ETD_PARAMS } from '../../src/engine/etd/params';
import { forwardSolve } from '../../src/engine/etd/preconditioner/linalg';
import { RecordedStep } from '../../src/engine/etd/stages/recordedStep';
import { EtdSampler } from '../../src/engine/samplers/etdSampler';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { couplingLines, couplingRow } from '../../workers/session/couplingViews';
import { stageRecord } from '../../workers/session/stageRecord';
import { STAGE_COUNT, stageText } from '../../src/ui/stages/stageFormulas';

describe('2D views of a step with precond = cholesky', () => {
  const target = createPresetTarget('banana');
  const s = createSampler('etd-b', { target, seed: 2, initial: initialCloud(2, { n: 30, center: [0, 0], spread: 2 }), params: { precond: 'cholesky', alpha: 0.3 } }) as EtdSampler;
  s.step();
  const rec = new RecordedStep();
  s.step(undefined, rec);
  const prep = rec.prep!;
  const L = prep.shape!.factor!;
  const { problem: pb, plan } = s.lastCoupling()!;

  it('the coupling row and lines point at the real proposals from the real particle', () => {
    const row = couplingRow(pb, plan, 3);
    expect(Array.from(row.proposals)).toEqual(Array.from(Float32Array.from(pb.positions!.y)));
    expect(row.source).toEqual([prep.x[6], prep.x[7]]);
    const lines = couplingLines(pb, plan, 2, 5);
    const i = lines.particles[1];
    expect(Array.from(lines.sources.subarray(2, 4))).toEqual(Array.from(Float32Array.from(prep.x.subarray(2 * i, 2 * i + 2))));
  });

  it('the stage record draws real points and its cost row is 0.5 ||L^-1 (x_i - y_j)||^2 / scale', () => {
    const r = stageRecord(rec, { label: 'etd-b', params: { ...s.params }, particle: 4, iteration: 2, centre: [0, 0], cpuNote: null });
    expect(Array.from(r.y)).toEqual(Array.from(Float32Array.from(pb.positions!.y)));
    expect(r.anchor).toEqual([prep.x[8], prep.x[9]]);
    expect(r.costPoints).not.toBeNull();
    const y = pb.positions!.y;
    const w = new Float64Array(2);
    for (let j = 0; j < 40; j++) {
      forwardSolve(L, [prep.x[8] - y[2 * j], prep.x[9] - y[2 * j + 1]], 0, w, 0, 2);
      expect(r.costRow[j]).toBeCloseTo((0.5 * (w[0] ** 2 + w[1] ** 2)) / prep.costScale, 4);
    }
    // Without a preconditioner there is nothing whitened to carry.
    const plain = createSampler('etd-b', { target, seed: 2, initial: initialCloud(2, { n: 30, center: [0, 0], spread: 2 }) }) as EtdSampler;
    const rp = new RecordedStep();
    plain.step(undefined, rp);
    expect(stageRecord(rp, { label: 'etd-b', params: { ...plain.params }, particle: 0, iteration: 1, centre: [0, 0], cpuNote: null }).costPoints).toBeNull();
    expect(ETD_PARAMS.precond.default).toBe('none');
  });

  it("the stage formulas show the factor where the step used it, and typeset", () => {
    const withMutation = createSampler('etd-b', { target, seed: 2, initial: initialCloud(2, { n: 30, center: [0, 0], spread: 2 }), params: { precond: 'cholesky', mutation: 'mala' } }) as EtdSampler;
    withMutation.step();
    const rm = new RecordedStep();
    withMutation.step(undefined, rm);
    const r = stageRecord(rm, { label: 'etd-b', params: { ...withMutation.params }, particle: 0, iteration: 2, centre: [0, 0], cpuNote: null });
    const tex = Array.from({ length: STAGE_COUNT }, (_, k) => stageText(r, k, 0).tex.join(' '));
    expect(tex[0]).toContain('L L^\\top s_i');
    expect(tex[1]).toContain('L\\, \\xi_{im}');
    expect(tex[2]).toContain('\\sigma^2 L L^\\top');
    expect(tex[3]).toContain('L^{-1}(y_j - z_i)');
    expect(tex[6]).toContain('L L^\\top s(x)');
    for (let k = 0; k < STAGE_COUNT; k++) for (const line of stageText(r, k, 0).tex) expect(() => katex.renderToString(line, { throwOnError: true })).not.toThrow();
    // Without the preconditioner the formulas are the plain ones.
    const plain = { ...r, params: { ...r.params, precond: 'none' } };
    expect(stageText(plain, 3, 0).tex[0]).toContain('\\tfrac12 \\lVert y_j - z_i \\rVert^2');
  });
});
