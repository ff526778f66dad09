import { describe, expect, it } from 'vitest';
import type { SessionRequest } from '../../workers/samplerApi';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import type { GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { cpuAccelerator, type Accelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';
import { stageRecordBuffers } from '../../workers/session/stageRecord';

const request = (sampler: string, params: Record<string, unknown> = {}): SessionRequest => ({
  target: { kind: 'preset', name: 'gmm-ring-8' },
  seed: 5,
  n: 30,
  panel: { sampler, params },
  metricsEvery: 0,
});

const host = () => new SessionHost({ startAccelerator: async () => cpuAccelerator() });
const positions = (h: SessionHost) => Array.from(h.frame({ trails: false, plan: false, history: false }).panel.positions);

describe('SessionHost.stages', () => {
  for (const [sampler, params] of [['etd-b', {}], ['etd-b', { update: 'barycentric', mutation: 'mala' }]] as const) {
    it(`${sampler} ${JSON.stringify(params)}: the recorded step moves the panel exactly as a plain step`, async () => {
      const plain = host();
      const walked = host();
      await plain.createSession(request(sampler, params));
      await walked.createSession(request(sampler, params));
      await plain.step(3);
      await walked.step(2);
      const before = positions(walked);
      const r = await walked.stages(7);
      expect(positions(walked)).toEqual(positions(plain));
      expect(walked.frame().panel.iteration).toBe(3);
      expect(r.iteration).toBe(3);
      expect(Array.from(r.x)).toEqual(before);
      expect(Array.from(r.xAfter)).toEqual(positions(plain));
      expect(r.particle).toBe(7);
      expect(r.proposals).toBe(30 * 25);
      expect(r.sinkhorn.residuals).toHaveLength(r.sinkhorn.iterations);
      const f = r.sinkhorn.frames;
      expect(f.logValues).toHaveLength(f.iterations.length * f.width * f.height);
      expect(f.iterations.at(-1)).toBe(r.sinkhorn.iterations);
      expect(r.planRow.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Math.min(...r.costRow)).toBeGreaterThanOrEqual(0);
      expect(r.picks === null).toBe(params.update === 'barycentric');
      expect(r.means === null).toBe(params.update !== 'barycentric');
      expect(r.cpuNote).toBeNull();
      expect(new Set(stageRecordBuffers(r)).size).toBe(stageRecordBuffers(r).length);
    });
  }

  it('refuses a baseline panel and a bad particle with a clear message', async () => {
    const svgd = host();
    await svgd.createSession(request('svgd'));
    await expect(svgd.stages(0)).rejects.toThrow(/^SVGD is not an ETD sampler/);
    const h = host();
    await h.createSession(request('etd-b'));
    await expect(h.stages(30)).rejects.toThrow(/invalid particle: 30/);
    expect(h.frame().panel.iteration).toBe(0);
  });

  it('a panel that couples on WebGPU walks a CPU step and says so; the step waits for a GPU step in flight', async () => {
    // A stand-in for the fused kernels: the same iteration on the CPU, answered 10 ms later.
    const gpu = {
      solve: async (pb: Parameters<GpuSinkhorn['solve']>[0], warm: Parameters<GpuSinkhorn['solve']>[1], o: Parameters<GpuSinkhorn['solve']>[2]) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const r = sinkhornScaling(pb, warm, o, o.lamA, o.lamB);
        return { F: r.F, G: r.G, iterations: r.iterations, converged: r.converged };
      },
      planImage: async () => new Float32Array(0),
      dispose: () => undefined,
    } as unknown as GpuSinkhorn;
    const accel: Accelerator = { gpu, info: { name: 'webgpu', reason: 'test' }, lose() {} };
    const gpuHost = () => new SessionHost({ startAccelerator: async () => accel });
    const plain = gpuHost();
    const walked = gpuHost();
    await plain.createSession(request('etd-b'));
    await walked.createSession(request('etd-b'));
    await plain.step(2);
    await walked.step(1);
    walked.run({ stepsPerSecond: 1000 }); // a GPU step may be in flight when the walk asks
    await new Promise((resolve) => setTimeout(resolve, 25)); // most likely in the middle of a solve
    const r = await walked.stages(0);
    const at = walked.frame().panel.iteration;
    expect(r.iteration).toBe(at);
    expect(r.cpuNote).toMatch(/WebGPU; this step ran on the CPU path/);
    if (at > 2) await plain.step(at - 2);
    expect(positions(walked)).toEqual(positions(plain));
  });
});
