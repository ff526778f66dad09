import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { StageRecord } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';
import { STAGE_COUNT, stageText, texNum } from '../../src/ui/stages/stageFormulas';

async function record(sampler: string, params: Record<string, unknown> = {}): Promise<StageRecord> {
  const host = new SessionHost({ startAccelerator: async () => cpuAccelerator() });
  await host.createSession({ target: { kind: 'preset', name: 'gmm-ring-8' }, seed: 5, n: 30, panel: { sampler, params }, metricsEvery: 0 });
  await host.step(2);
  return host.stages(4);
}

describe('stage formulas', () => {
  it('texNum: three significant digits, powers of ten outside [1e-3, 1e4)', () => {
    expect(texNum(0.1)).toBe('0.1');
    expect(texNum(15.04)).toBe('15');
    expect(texNum(0.0071234)).toBe('0.00712');
    expect(texNum(3.8e-17)).toBe('3.8\\times10^{-17}');
    expect(texNum(1e-5)).toBe('10^{-5}');
    expect(texNum(-25000)).toBe('-2.5\\times10^{4}');
    expect(texNum(NaN)).toBe('\\text{n/a}');
  });

  const variants: [string, Record<string, unknown>][] = [
    ['etd-b', {}],
    ['etd-ub-sf', { update: 'barycentric', mutation: 'rwm' }],
    ['etd-sr', { cost: 'langevin-residual', costScale: 'mean', mutation: 'mala' }],
  ];
  for (const [sampler, params] of variants) {
    it(`${sampler} ${JSON.stringify(params)}: every stage's TeX typesets and carries this step's numbers`, async () => {
      const r = await record(sampler, params);
      const frames = r.sinkhorn.frames.iterations.length;
      for (let stage = 0; stage < STAGE_COUNT; stage++)
        for (const frame of stage === 4 ? [0, frames - 1] : [frames - 1]) {
          const t = stageText(r, stage, frame);
          expect(t.tex.length).toBeGreaterThan(0);
          for (const tex of t.tex) expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
        }
      const all = (stage: number, frame = frames - 1) => stageText(r, stage, frame).tex.join(' ');
      expect(all(1)).toContain(`P = N M = 30 \\cdot 25 = ${r.proposals}`);
      expect(all(2)).toContain(texNum(r.logBFloor));
      expect(all(3)).toContain(texNum(r.costScale));
      expect(all(3)).toContain(texNum(r.kappa));
      if (r.params.coupling === 'semi-relaxed') expect(all(4)).toContain('softmax');
      else {
        expect(all(4)).toContain(`stopped after } ${r.sinkhorn.iterations}`);
        expect(all(4, 0)).toContain(texNum(r.sinkhorn.residuals[r.sinkhorn.frames.iterations[0] - 1]));
      }
      expect(all(5)).toContain(r.means ? '\\bar\\gamma_{ij}\\, y_j' : 'y_{j^*_i}');
      if (r.params.mutation !== 'none') expect(all(6)).toContain(texNum(r.acceptance));
    });
  }
});
