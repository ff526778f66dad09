/**
 * Runs the dimension sweep in its own worker (workers/sweep.worker.ts) from the store's target,
 * panels, run settings and sweep settings, and writes its progress and points to the store.
 * Cancel terminates the worker: whatever step it is in stops at once.
 */
import { sweepProblem, sweepSeeds, sweepTotal, type SweepRequest } from '../engine/experiment/dimensionSweep';
import type { SweepMessage } from '../../workers/sweepProtocol';
import { useAppStore } from '../store';

/** The sweep worker as this controller needs it (tests pass an in-process stand-in). */
export interface SweepWorker {
  start(req: SweepRequest): void;
  /** Messages, and a readable reason if the worker itself fails. */
  listen(onMessage: (m: SweepMessage) => void, onFailure: (message: string) => void): void;
  terminate(): void;
}

export function createSweepWorker(): SweepWorker {
  const worker = new Worker(new URL('../../workers/sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' });
  return {
    start: (req) => worker.postMessage(req),
    listen: (onMessage, onFailure) => {
      worker.onmessage = (ev: MessageEvent<SweepMessage>) => onMessage(ev.data);
      worker.onerror = (ev) => {
        ev.preventDefault();
        onFailure(`the sweep worker crashed: ${ev.message || 'it failed to load'}`);
      };
    },
    terminate: () => worker.terminate(),
  };
}

type Store = typeof useAppStore;

export class SweepController {
  private worker: SweepWorker | null = null;

  constructor(
    private readonly store: Store,
    private readonly makeWorker: () => SweepWorker = createSweepWorker,
  ) {}

  /** The sweep the store describes, or why there is none (a 2D target, a bad setting). */
  request(): SweepRequest | string {
    const s = this.store.getState();
    if (s.targetSpec.kind !== 'nd') return 'the dimension sweep needs a d-dimensional target (iso-gaussian, aniso-gaussian or gmm-d)';
    const { n, steps, dims, seeds } = s.sweepSettings;
    const req: SweepRequest = {
      target: s.targetSpec.name,
      dims: [...dims].sort((a, b) => a - b),
      samplers: s.panels.map((p) => ({ sampler: p.sampler, params: { ...p.params } })),
      n,
      steps,
      seed: s.settings.seed,
      seeds,
      center: [s.settings.centerX, s.settings.centerY],
      spread: s.settings.spread,
    };
    return sweepProblem(req) ?? req;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** Start a sweep (ending one that runs); a bad request becomes the sweep's error. */
  start(): void {
    this.stop();
    const s = this.store.getState();
    const req = this.request();
    if (typeof req === 'string') return s.patchSweep({ status: 'error', error: req, points: [], done: 0, total: 0 });
    const w = this.makeWorker();
    this.worker = w;
    s.patchSweep({ status: 'running', done: 0, total: sweepTotal(req), target: req.target, samplers: req.samplers, dims: req.dims, seeds: sweepSeeds(req), n: req.n, steps: req.steps, points: [], error: null });
    w.listen(
      (m) => {
        if (this.worker !== w) return;
        const st = this.store.getState();
        if (m.kind === 'progress') st.patchSweep({ done: m.done, total: m.total });
        else if (m.kind === 'point') st.patchSweep({ points: [...st.sweep.points, m.point] });
        else this.finish(m.kind === 'done' ? { status: 'done' } : { status: 'error', error: m.message });
      },
      (message) => {
        if (this.worker === w) this.finish({ status: 'error', error: message });
      },
    );
    w.start(req);
  }

  /** Terminate the worker where it is; the points so far stay on the chart. */
  cancel(): void {
    if (!this.worker) return;
    this.finish({ status: 'cancelled' });
  }

  private finish(patch: { status: 'done' | 'cancelled' | 'error'; error?: string }): void {
    this.stop();
    this.store.getState().patchSweep({ error: null, ...patch });
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

/** The page's sweep. */
export const sweepController = new SweepController(useAppStore);
