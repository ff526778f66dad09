import { describe, expect, it } from 'vitest';
import type { SessionRequest } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';
import { resumedSeed } from '../../workers/session/panel';

const N = 30;
const request = (over: Partial<SessionRequest> = {}): SessionRequest => ({
  target: { kind: 'preset', name: 'gmm-grid-4' },
  seed: 5,
  n: N,
  panel: { sampler: 'sgld' },
  metricsEvery: 5,
  trailLength: 3,
  ...over,
});
const host = () => new SessionHost({ startAccelerator: async () => cpuAccelerator() });

describe('a session resumed from a frame of an earlier worker', () => {
  it('continues the panel at those positions and counts on from that iteration; reset goes back to step 0', async () => {
    const first = host();
    await first.createSession(request({ panel: { sampler: 'etd-b', params: { M: 5 } } }));
    await first.step(12);
    const at = first.frame().panel;
    expect(at.iteration).toBe(12);

    const second = host();
    await second.createSession(request({ panel: { sampler: 'etd-b', params: { M: 5 } }, resume: { positions: at.positions, iteration: 12, history: at.metricHistory } }));
    const resumed = second.frame().panel;
    expect(resumed.iteration).toBe(12);
    expect(resumed.positions).toEqual(at.positions);
    expect(resumed.status).toBe('ok');
    expect(Array.from(resumed.metricHistory!.steps)).toEqual([0, 5, 10]); // the chart keeps its records (12 is not a multiple of 5)
    await second.step(3);
    const later = second.frame().panel;
    expect(later.iteration).toBe(15);
    expect(later.plan?.iteration).toBe(15);
    expect(second.couplingRow(0).iteration).toBe(15);
    expect(Array.from(later.metricHistory!.steps)).toEqual([0, 5, 10, 15]);
    expect(later.positions).not.toEqual(at.positions);
    expect(Array.from(later.positions).every(Number.isFinite)).toBe(true);

    second.reset();
    const reset = second.frame().panel;
    const fresh = host();
    await fresh.createSession(request({ panel: { sampler: 'etd-b', params: { M: 5 } } }));
    expect(reset.iteration).toBe(0);
    expect(reset.positions).toEqual(fresh.frame().panel.positions); // the shared initial cloud again
  });

  it('draws a fresh random stream from (seed, iteration), the same for the same resume point', async () => {
    const positions = new Float32Array(2 * N).map((_, i) => Math.sin(i));
    const run = async (iteration: number) => {
      const h = host();
      await h.createSession(request({ resume: { positions, iteration } }));
      await h.step(2);
      return h.frame().panel.positions;
    };
    expect(await run(7)).toEqual(await run(7));
    expect(await run(7)).not.toEqual(await run(8));
    expect(resumedSeed(5, 7)).not.toBe(5);
    expect(Number.isInteger(resumedSeed(2 ** 31 - 1, 1e9))).toBe(true);
  });

  it('refuses a resume point that does not fit, with a precise message', async () => {
    const h = host();
    const positions = new Float32Array(2 * N);
    await expect(h.createSession(request({ resume: { positions: new Float32Array(10), iteration: 3 } }))).rejects.toThrow(/invalid resume positions: must be 60 numbers/);
    await expect(h.createSession(request({ resume: { positions: positions.map(() => NaN), iteration: 3 } }))).rejects.toThrow('invalid resume positions: must be finite');
    await expect(h.createSession(request({ resume: { positions, iteration: -1 } }))).rejects.toThrow('invalid resume iteration: -1 (must be an integer >= 0)');
    const history = { steps: new Float32Array([0, 5]), values: { energy: new Float32Array([1]) } };
    await expect(h.createSession(request({ resume: { positions, iteration: 3, history } }))).rejects.toThrow(/invalid resume history/);
  });
});
