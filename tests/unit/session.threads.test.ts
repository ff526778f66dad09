import { describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../src/engine/parallel/nodeThreads';
import { kernelThreads } from '../../src/engine/wasm/simd';
import type { SessionRequest } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';

const request = (threads?: number): SessionRequest => ({
  target: { kind: 'preset', name: 'gmm-ring-8' },
  seed: 2,
  n: 80,
  panel: { sampler: 'etd-b' },
  ...(threads === undefined ? {} : { threads }),
});

describe('a session on kernel threads (the sampler worker, with Node worker threads)', () => {
  it('runs ETD on the threads it is given, reports them, and resizes or drops them between steps', { timeout: 120_000 }, async () => {
    const host = new SessionHost({ startAccelerator: async () => cpuAccelerator(), spawnThread: spawnNodeThread });
    const positions = () => Array.from(host.frame({ trails: false, plan: false, history: false }).panel.positions);
    try {
      const info = await host.createSession(request(2));
      expect(info.backend.threads).toBe(2);
      expect(info.backend.reason).toMatch(/kernels on 2 threads/);
      expect(kernelThreads()).toBe(2);
      await host.step(3);
      const onTwo = positions();
      expect(host.runState().backend?.threads).toBe(2);
      // The same session on one thread from the start: the same particles.
      const one = await host.createSession(request(1));
      expect(one.backend.threads).toBe(1);
      expect(kernelThreads()).toBe(1);
      await host.step(3);
      expect(positions()).toEqual(onTwo);
      // Resized between steps.
      expect((await host.setThreads(3))?.threads).toBe(3);
      await host.step(1);
      expect(host.runState().backend?.reason).toMatch(/kernels on 3 threads/);
      await expect(host.createSession(request(0))).rejects.toThrow('invalid threads: 0 (must be an integer from 1 to 64)');
      await expect(host.createSession(request(2.5))).rejects.toThrow(/invalid threads: 2.5/);
    } finally {
      host.dispose();
    }
    expect(kernelThreads()).toBe(1);
  });
});
