// GPU only when it wins: the per-size calibration that decides between the fused WGSL kernels and
// the CPU path (src/engine/gpu/calibration.ts, workers/session/accelerator.ts). Here the only
// adapter is SwiftShader (software), forced into use; the tests fake what the calibration
// measures and check what it decides, and that ETD panels then step where it decided.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALIBRATION_ITERATIONS, GpuCalibration, measureSinkhorn, pickPath, type CalibrationTiming } from '../../src/engine/gpu/calibration';
import { createGpuSinkhorn, type GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { chooseBackend } from '../../src/engine/tensor/backendChain';
import { gpuAccelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';
import { dawnGpu, keepAlive } from './dawn';

describe('the calibration rule (no GPU needed)', () => {
  it('picks the GPU only when it measured faster; a failed or non-finite GPU time is the CPU', () => {
    expect(pickPath({ gpuMs: 3, cpuMs: 10 })).toBe('gpu');
    expect(pickPath({ gpuMs: 10, cpuMs: 3 })).toBe('cpu');
    expect(pickPath({ gpuMs: 5, cpuMs: 5 })).toBe('cpu'); // a tie stays on the CPU
    expect(pickPath({ gpuMs: NaN, cpuMs: 3 })).toBe('cpu');
    expect(pickPath({ gpuMs: Infinity, cpuMs: 3 })).toBe('cpu');
    expect(pickPath({ gpuMs: 3, cpuMs: NaN })).toBe('gpu');
  });

  it('measures each size once, shares a measurement in progress, and a failed one means the CPU', async () => {
    const asked: string[] = [];
    const cal = new GpuCalibration(async (n, p) => {
      asked.push(`${n}x${p}`);
      if (n === 7) throw new Error('device lost');
      return n === 10 ? { gpuMs: 1, cpuMs: 2 } : { gpuMs: 4, cpuMs: 2 };
    });
    const [a, b] = await Promise.all([cal.choose(10, 250), cal.choose(10, 250)]);
    expect(a.path).toBe('gpu');
    expect(b).toEqual(a);
    expect((await cal.choose(20, 500)).path).toBe('cpu');
    expect(cal.latest).toMatchObject({ n: 20, p: 500, gpuMs: 4, cpuMs: 2, path: 'cpu' });
    expect((await cal.choose(10, 250)).path).toBe('gpu');
    expect((await cal.choose(7, 100)).path).toBe('cpu');
    expect(asked).toEqual(['10x250', '20x500', '7x100']);
  });
});

const skip = process.env.ETD_SKIP_GPU === '1';

describe.skipIf(skip)('calibration on a forced software adapter (Dawn, SwiftShader)', () => {
  let gpu: GPU;
  let device: GPUDevice;
  let sinkhorn: GpuSinkhorn;

  beforeAll(async () => {
    const found = await dawnGpu();
    if (!found.adapter) throw new Error(`no WebGPU adapter from Dawn (${found.notes.join(', ')}); set ETD_SKIP_GPU=1 to skip`);
    gpu = found.gpu;
    device = await found.adapter.requestDevice();
    keepAlive.push(device);
    sinkhorn = createGpuSinkhorn(device);
  });

  afterAll(() => {
    sinkhorn?.dispose();
    device?.destroy();
  });

  it('a forced software adapter is marked software, so the accelerator never calibrates it into use', async () => {
    const forced = await chooseBackend({ gpu, allowSoftwareWebGPU: true });
    expect(forced.name).toBe('webgpu');
    expect(forced.software).toBe(true);
    expect((await chooseBackend({ gpu })).name).not.toBe('webgpu'); // not forced: skipped
    let measured = 0;
    const acc = gpuAccelerator(sinkhorn, { reason: forced.reason, calibrate: !forced.software, measure: async () => (measured++, { gpuMs: 1, cpuMs: 1000 }) });
    expect(await acc.gpuFor!(20, 100)).toBe(sinkhorn); // forced: the GPU, as asked
    expect(measured).toBe(0);
    expect(acc.info.reason).toMatch(/not calibrated: forced/);
  });

  it('treated as a hardware adapter, it sends each size where the (faked) measurement says, and ETD steps there', { timeout: 120_000 }, async () => {
    const fake: Record<string, CalibrationTiming> = { '20x100': { gpuMs: 2, cpuMs: 5 }, '30x150': { gpuMs: 9, cpuMs: 4 } };
    const asked: string[] = [];
    const measure = async (n: number, p: number) => (asked.push(`${n}x${p}`), fake[`${n}x${p}`]);
    const acc = gpuAccelerator(sinkhorn, { reason: 'WebGPU adapter SwiftShader (treated as hardware)', calibrate: true, measure });
    expect(await acc.gpuFor!(20, 100)).toBe(sinkhorn);
    expect(acc.info).toMatchObject({ name: 'webgpu', calibration: { gpuMs: 2, cpuMs: 5 } });
    expect(acc.info.reason).toMatch(/calibrated at N = 20, P = 100: fused WGSL 2\.0 ms, CPU path 5\.0 ms .* so WebGPU/);
    expect(await acc.gpuFor!(30, 150)).toBeNull();
    expect(acc.info).toMatchObject({ name: 'cpu', calibration: { gpuMs: 9, cpuMs: 4 } });
    expect(acc.info.reason).toMatch(/so the CPU path/);
    expect(asked).toEqual(['20x100', '30x150']);

    // A session's ETD panel steps where its size was sent: N = 20, M = 5 on the GPU, N = 30 on the CPU.
    for (const [n, onGpu] of [[20, true], [30, false]] as const) {
      const host = new SessionHost({ startAccelerator: async () => acc });
      try {
        await host.createSession({ target: { kind: 'preset', name: 'gmm-grid-4' }, seed: 1, n, panel: { sampler: 'etd-b', params: { M: 5 } }, metricsEvery: 0 });
        await host.step(2);
        const frame = host.frame({ trails: false, plan: false, history: false });
        expect(frame.panel.iteration).toBe(2);
        expect(frame.panel.status).toBe('ok');
        expect(frame.panel.diagnostics.gpu ?? 0, `N = ${n}`).toBe(onGpu ? 1 : 0);
        expect(frame.run.backend?.name).toBe(onGpu ? 'webgpu' : 'cpu');
      } finally {
        host.dispose();
      }
    }
    expect(asked).toEqual(['20x100', '30x150']); // each size calibrated once
  });

  it('the real measurement times the same problem on both paths (no speed is asserted)', { timeout: 120_000 }, async () => {
    const t = await measureSinkhorn(sinkhorn)(24, 120);
    for (const v of [t.gpuMs, t.cpuMs]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(0);
    }
    expect(CALIBRATION_ITERATIONS).toBeGreaterThan(1);
  });
});
