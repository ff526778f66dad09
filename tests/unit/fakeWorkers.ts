import { createSampler } from '../../src/engine/samplers/catalog';
import type { Diagnostics, Sampler } from '../../src/engine/samplers/types';
import type { PanelWorker } from '../../src/run/workerClient';
import type { SamplerApi } from '../../workers/samplerApi';
import { cpuAccelerator } from '../../workers/session/accelerator';
import { SessionHost } from '../../workers/session/host';
import type { SamplerFactory } from '../../workers/session/panel';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The sampler `inner` with its step replaced by `step` (which may call inner.step()). */
export function withStep(inner: Sampler, step: () => Diagnostics, label = inner.label): Sampler {
  return {
    label,
    n: inner.n,
    get iteration() {
      return inner.iteration;
    },
    positions: () => inner.positions(),
    step,
  };
}

/** inner's step after busy-waiting ms milliseconds (an ETD-like slow sampler). */
export const busyStep = (inner: Sampler, ms: number) => (): Diagnostics => {
  const end = performance.now() + ms;
  while (performance.now() < end);
  return inner.step();
};

/** SGLD whose every step busy-waits `ms` (an ETD-like slow sampler) when ms > 0; anything else as registered. */
function samplers(ms: number): SamplerFactory {
  return (name, init) => {
    if (name !== 'sgld' || ms <= 0) return createSampler(name, init);
    const inner = createSampler('sgld', init);
    return withStep(inner, busyStep(inner, ms), 'slow');
  };
}

/**
 * A worker in this process: a SessionHost behind async calls (a macrotask hop each way, like
 * postMessage), counting requests in flight (coupling rows aside), with a crash switch and an
 * optional extra delay for chosen methods.
 */
export interface FakeWorker extends PanelWorker {
  readonly host: SessionHost;
  readonly calls: string[];
  maxInFlight: number;
  crash(message: string): void;
  delay: Partial<Record<keyof SamplerApi, number>>;
}

export function fakeWorker(stepMs = 30): FakeWorker {
  const host = new SessionHost({ createSampler: samplers(stepMs), startAccelerator: async () => cpuAccelerator() });
  let kill!: (e: Error) => void;
  const dead = new Promise<never>((_, reject) => (kill = reject));
  dead.catch(() => undefined);
  let inFlight = 0;
  const w: FakeWorker = {
    host,
    calls: [],
    maxInFlight: 0,
    delay: {},
    dead,
    crash: (message) => {
      host.dispose();
      kill(new Error(`the sampler worker crashed: ${message}`));
    },
    terminate: () => host.dispose(),
    api: {} as SamplerApi,
  };
  const methods: (keyof SamplerApi)[] = ['createSession', 'step', 'frame', 'couplingRow', 'couplingLines', 'stages', 'setPanel', 'run', 'pause', 'runState', 'reset', 'dispose'];
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const m of methods) {
    api[m] = async (...args: unknown[]) => {
      const counted = m !== 'couplingRow' && m !== 'couplingLines';
      if (counted) {
        w.calls.push(m);
        w.maxInFlight = Math.max(w.maxInFlight, ++inFlight);
      }
      try {
        await sleep(w.delay[m] ?? 0);
        const fn = (host as unknown as Record<string, (...a: unknown[]) => unknown>)[m];
        const out = await fn.apply(host, args);
        await sleep(0);
        return out;
      } finally {
        if (counted) inFlight--;
      }
    };
  }
  (w as { api: SamplerApi }).api = api as unknown as SamplerApi;
  return w;
}

