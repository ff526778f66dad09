// The threaded half of the benchmark page: whole ETD-B steps in a worker (as the app's sampler
// worker runs them), with the kernels on a team of nested kernel threads when the page is
// cross-origin isolated. The page's main thread cannot wait on Atomics, a worker can.
import { KernelTeam } from '../../../src/engine/parallel/team';
import { initialCloud } from '../../../src/engine/samplers/initialCloud';
import { createSampler } from '../../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../../src/engine/targets/presets';
import { useKernels } from '../../../src/engine/wasm/simd';
import { spawnWorkerThread } from '../../../workers/session/threads';

export interface StepRequest {
  readonly n: number;
  readonly steps: number;
  readonly threads: number;
}

export interface StepReply {
  readonly stepsPerSecond: number;
  readonly threads: number;
  readonly note: string;
  /** Fork-join jobs per step and ms per step waited at their ends. */
  readonly jobsPerStep: number;
  readonly waitMsPerStep: number;
}

let team: KernelTeam | null = null;
let note = '';

async function teamOf(threads: number): Promise<KernelTeam | null> {
  if ((team?.threads ?? 1) === threads) return team;
  team?.dispose();
  team = null;
  useKernels(null);
  if (threads <= 1) return (note = '1 thread'), null;
  const started = await KernelTeam.start(threads, spawnWorkerThread);
  team = started.team;
  note = started.reason;
  return team;
}

self.onmessage = async (e: MessageEvent<StepRequest>) => {
  try {
    const { n, steps, threads } = e.data;
    const t = await teamOf(threads);
    useKernels(t);
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) });
    for (let k = 0; k < 5; k++) s.step();
    let best = Infinity;
    let jobs = 0, wait = 0;
    for (let r = 0; r < 2; r++) {
      const before = t ? { ...t.stats } : null;
      const t0 = performance.now();
      for (let k = 0; k < steps; k++) s.step();
      const ms = (performance.now() - t0) / steps;
      if (ms < best) {
        best = ms;
        if (t && before) {
          jobs = (t.stats.jobs - before.jobs) / steps;
          wait = (t.stats.waitMs - before.waitMs) / steps;
        }
      }
    }
    const reply: StepReply = { stepsPerSecond: 1000 / best, threads: t?.threads ?? 1, note, jobsPerStep: jobs, waitMsPerStep: wait };
    self.postMessage({ ok: true, reply });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
