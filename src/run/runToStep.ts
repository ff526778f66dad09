/**
 * "Run every panel to step K": comparable snapshots. Every panel steps (or, when already past K,
 * restarts from its seed and steps) until its iteration is exactly K, then stops there; the
 * exports and the run JSON then hold every panel at K. Panels step concurrently, each in its own
 * worker, in chunks that grow while a chunk takes under CHUNK_MS (so the counters move and
 * Cancel answers between chunks). Play, Step, Reset or a restart cancels it.
 */
import { int } from '../engine/params/declare';
import { useAppStore } from '../store';
import { controller } from './controller';
import { pagePool } from './pagePool';
import type { PanelPool } from './panelPool';

/** The step K, declared once (the top bar's field reads it). */
export const RUN_TO_PARAM = int(200, 1, 100_000, 'Every panel runs to exactly this step and stops there (a panel already past it restarts from its seed): comparable snapshots for exports.', {
  label: 'Run every panel to step K',
});

/** A chunk of steps should take about this long; the first chunk is one step. */
const CHUNK_MS = 300;
const MAX_CHUNK = 100;

type Store = typeof useAppStore;

export class RunToStep {
  /** Bumped by every start and cancel: a stale run stops at its next chunk. */
  private ticket = 0;

  constructor(
    private readonly store: Store,
    private readonly pool: Pick<PanelPool, 'stepPanel' | 'resetPanel' | 'frame' | 'idle' | 'size'>,
    private readonly pause: () => void,
  ) {}

  get running(): boolean {
    return this.store.getState().runTo?.status === 'running';
  }

  /** Run every panel to step k; resolves when all are there (or it was cancelled or failed). */
  async start(k: number): Promise<void> {
    const mine = ++this.ticket;
    const { patchRun } = this.store.getState();
    this.pause();
    patchRun({ runTo: { target: k, status: 'running', message: null } });
    const stale = () => mine !== this.ticket;
    try {
      await this.pool.idle();
      const failures: string[] = [];
      await Promise.all(Array.from({ length: this.pool.size }, (_, i) => this.runPanel(i, k, stale).catch((e: unknown) => void failures.push(e instanceof Error ? e.message : String(e)))));
      if (stale()) return;
      const off = this.pool.frame().panels.flatMap((p, i) => (p.iteration !== k ? [`panel ${i + 1} stopped at ${p.iteration}${p.status === 'failed' && p.error ? ` (${p.error})` : ''}`] : []));
      const message = [...failures, ...off].join('; ') || null;
      patchRun({ runTo: { target: k, status: message ? 'error' : 'done', message } });
    } catch (e) {
      if (!stale()) patchRun({ runTo: { target: k, status: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  }

  /** Stop between chunks; the panels stay where they are. */
  cancel(): void {
    if (!this.running) return;
    this.ticket++;
    const runTo = this.store.getState().runTo;
    if (runTo) this.store.getState().patchRun({ runTo: { ...runTo, status: 'cancelled' } });
  }

  private async runPanel(i: number, k: number, stale: () => boolean): Promise<void> {
    const at = () => this.pool.frame().panels[i];
    if ((at()?.iteration ?? 0) > k) await this.pool.resetPanel(i);
    let chunk = 1;
    while (!stale()) {
      const p = at();
      if (!p || p.status === 'failed' || p.iteration >= k) return;
      const n = Math.min(chunk, k - p.iteration);
      const t0 = performance.now();
      await this.pool.stepPanel(i, n);
      const after = at();
      if (!after || after.iteration === p.iteration) return; // no progress: the panel failed or its worker was replaced
      const ms = performance.now() - t0;
      chunk = ms < CHUNK_MS / 2 ? Math.min(MAX_CHUNK, 2 * chunk) : ms > CHUNK_MS * 2 ? Math.max(1, Math.floor(chunk / 2)) : chunk;
    }
  }
}

/** The page's. */
export const runToStep = new RunToStep(useAppStore, pagePool, () => controller.pause());

// Play, Step or a rebuilt session take over: a run to K in progress is cancelled.
useAppStore.subscribe((s, prev) => {
  if (s.runTo?.status !== 'running') return;
  if ((s.playing && !prev.playing) || (s.status === 'loading' && prev.status !== 'loading')) runToStep.cancel();
});
