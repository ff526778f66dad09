/**
 * Runs the dimension sweep in its own worker (workers/sweep.worker.ts) from the store's target,
 * panels, run settings and sweep settings, and writes its progress and points to the store. The
 * worker is supervised like every other (src/run/supervisor.ts): a death is reported as the
 * sweep's error; Cancel terminates it, whatever step it is in.
 */
import { proxy, wrap } from 'comlink';
import { sweepProblem, sweepSeeds, sweepTotal, type SweepRequest } from '../engine/experiment/dimensionSweep';
import type { SweepApi, SweepMessage } from '../../workers/sweepProtocol';
import { useAppStore } from '../store';
import { spawnWorker, SupervisedCancel, Supervisor, type Spawned } from './supervisor';

/** A sweep is watched for the worker's death, not for silence: it may run for many minutes between its points. */
const SWEEP_ALLOWANCE_MS = 24 * 3600_000;

export function createSweepWorker(): Spawned<SweepApi> {
  return spawnWorker(
    () => new Worker(new URL('../../workers/sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' }),
    (w) => wrap<SweepApi>(w) as unknown as SweepApi,
    'the sweep worker',
  );
}

type Store = typeof useAppStore;

export class SweepController {
  private readonly sup: Supervisor<SweepApi>;
  /** The sweep running now (its number), or 0. */
  private current = 0;
  private count = 0;

  constructor(
    private readonly store: Store,
    spawn: () => Spawned<SweepApi> = createSweepWorker,
  ) {
    this.sup = new Supervisor<SweepApi>({ site: 'sweep', spawn, maxRestarts: Infinity });
  }

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
    return this.current !== 0;
  }

  /** Start a sweep (ending one that runs); a bad request becomes the sweep's error. */
  start(): void {
    this.stop();
    const s = this.store.getState();
    const req = this.request();
    if (typeof req === 'string') return s.patchSweep({ status: 'error', error: req, points: [], done: 0, total: 0 });
    const id = (this.current = ++this.count);
    s.patchSweep({ status: 'running', done: 0, total: sweepTotal(req), target: req.target, samplers: req.samplers, dims: req.dims, seeds: sweepSeeds(req), n: req.n, steps: req.steps, points: [], error: null });
    const onMessage = (m: SweepMessage) => {
      if (this.current !== id) return;
      const st = this.store.getState();
      if (m.kind === 'progress') st.patchSweep({ done: m.done, total: m.total });
      else if (m.kind === 'point') st.patchSweep({ points: [...st.sweep.points, m.point] });
      else this.finish(m.kind === 'done' ? { status: 'done' } : { status: 'error', error: m.message });
    };
    this.sup.call((api) => api.run(req, proxy(onMessage)), { allowanceMs: SWEEP_ALLOWANCE_MS, name: 'sweep' }).catch((e: unknown) => {
      if (this.current === id && !(e instanceof SupervisedCancel)) this.finish({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    });
  }

  /** Terminate the worker where it is; the points so far stay on the chart. */
  cancel(): void {
    if (!this.current) return;
    this.finish({ status: 'cancelled' });
  }

  private finish(patch: { status: 'done' | 'cancelled' | 'error'; error?: string }): void {
    this.stop();
    this.store.getState().patchSweep({ error: null, ...patch });
  }

  /** End the sweep's worker (a finished sweep's too: the next one starts afresh). */
  private stop(): void {
    this.current = 0;
    this.sup.cancel();
  }
}

/** The page's sweep. */
export const sweepController = new SweepController(useAppStore);
