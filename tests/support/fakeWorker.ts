import { createSampler } from '../../src/engine/samplers/catalog';
import type { Diagnostics, Sampler } from '../../src/engine/samplers/types';
import type { PanelWorker } from '../../src/run/workerClient';
import type { SamplerApi, SessionRequest } from '../../workers/samplerApi';
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
 * The one stand-in for a sampler worker in tests: a SessionHost in this process behind async calls
 * (a macrotask hop each way, like postMessage). It records every request (coupling rows aside),
 * counts requests in flight, can hold chosen replies back (a long step), crash (its death is
 * reported), or go silent (hang(), or terminate(): a hung or terminated worker never answers
 * again, as a real one).
 */
export interface FakeWorker extends PanelWorker {
  readonly host: SessionHost;
  /** Methods called, in order (coupling rows and lines aside). */
  readonly calls: string[];
  /** The createSession requests, in order. */
  readonly requests: SessionRequest[];
  maxInFlight: number;
  /** Extra delay before chosen methods answer (a long step holds the reply back). */
  delay: Partial<Record<keyof SamplerApi, number>>;
  /** The worker dies with this message (its `dead` rejects). */
  crash(message: string): void;
  /** From now on nothing is answered (an endless loop, self.close(), terminate() from outside). */
  hang(): void;
  terminated: boolean;
  hung: boolean;
}

const never = new Promise<never>(() => undefined);

/** A fake worker whose SGLD steps busy-wait stepMs (0: every sampler as registered). */
export function fakeWorker(stepMs = 30): FakeWorker {
  const host = new SessionHost({ createSampler: samplers(stepMs), startAccelerator: async () => cpuAccelerator() });
  let kill!: (e: Error) => void;
  const dead = new Promise<never>((_, reject) => (kill = reject));
  dead.catch(() => undefined);
  let inFlight = 0;
  const w: FakeWorker = {
    host,
    calls: [],
    requests: [],
    maxInFlight: 0,
    delay: {},
    dead,
    terminated: false,
    hung: false,
    crash: (message) => {
      host.dispose();
      kill(new Error(`the sampler worker crashed: ${message}`));
    },
    hang: () => void (w.hung = true),
    terminate: () => {
      w.terminated = true;
      host.dispose();
    },
    api: {} as SamplerApi,
  };
  const silent = () => w.hung || w.terminated;
  const methods: (keyof SamplerApi)[] = ['createSession', 'step', 'frame', 'couplingRow', 'couplingLines', 'stages', 'setPanel', 'run', 'pause', 'runState', 'reset', 'dispose'];
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const m of methods) {
    api[m] = async (...args: unknown[]) => {
      const counted = m !== 'couplingRow' && m !== 'couplingLines';
      if (counted) {
        w.calls.push(m);
        w.maxInFlight = Math.max(w.maxInFlight, ++inFlight);
      }
      if (m === 'createSession') w.requests.push(args[0] as SessionRequest);
      try {
        await sleep(w.delay[m] ?? 0);
        if (silent()) return never;
        const fn = (host as unknown as Record<string, (...a: unknown[]) => unknown>)[m];
        const out = await fn.apply(host, args);
        await sleep(0);
        return silent() ? never : out;
      } finally {
        if (counted) inFlight--;
      }
    };
  }
  (w as { api: SamplerApi }).api = api as unknown as SamplerApi;
  return w;
}
