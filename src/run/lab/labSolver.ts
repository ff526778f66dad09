/**
 * Runs the lab's Sinkhorn in workers/lab.worker.ts: a change of setting is solved after a short
 * pause (the eps slider sends many), and a solve still running when a newer one is asked for is
 * cancelled by terminating its worker and starting a fresh one (a Sinkhorn loop cannot be
 * interrupted from outside, and its answer would be stale anyway).
 */
import { wrap, type Remote } from 'comlink';
import type { LabSolverApi } from '../../../workers/labApi';
import { nearestPoint } from '../../engine/lab/planView';
import { useLabStore } from '../../store/labSlice';

export const SOLVE_DEBOUNCE_MS = 150;

export class LabSolver {
  private worker: Worker | null = null;
  private api: Remote<LabSolverApi> | null = null;
  private running = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private fresh(): Remote<LabSolverApi> {
    this.worker?.terminate();
    this.worker = new Worker(new URL('../../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
    this.api = wrap<LabSolverApi>(this.worker);
    return this.api;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.solveNow(), SOLVE_DEBOUNCE_MS);
  }

  async solveNow(): Promise<void> {
    clearTimeout(this.timer);
    const my = ++this.seq;
    const st = useLabStore.getState();
    if (this.running) st.patch({ cancelled: st.cancelled + 1 });
    const api = this.running || !this.api ? this.fresh() : this.api;
    this.running = true;
    st.patch({ status: 'solving' });
    try {
      const result = await api.solve({ config: st.config, drawnSource: st.drawn.source, drawnTarget: st.drawn.target });
      if (my !== this.seq) return;
      this.running = false;
      const picked = useLabStore.getState().picked;
      useLabStore.getState().patch({ result, status: 'ready', error: null });
      if (picked) await this.pick(picked.x, picked.y);
    } catch (e) {
      if (my !== this.seq) return;
      this.running = false;
      useLabStore.getState().patch({ status: 'error', error: e instanceof Error ? e.message : String(e), result: null, picked: null });
    }
  }

  /** Pick the source point nearest to (x, y) and fetch its plan row. */
  async pick(x: number, y: number): Promise<void> {
    const r = useLabStore.getState().result;
    if (!r || !this.api || this.running) return;
    const i = nearestPoint(r.source, x, y);
    const row = await this.api.conditional(i);
    if (useLabStore.getState().result === r) useLabStore.getState().patch({ picked: { i, x: r.source[2 * i], y: r.source[2 * i + 1], row } });
  }

  async planCsv(): Promise<string> {
    if (!this.api || this.running) throw new Error('no finished plan to export yet');
    return this.api.planCsv();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.running = false;
    this.seq++;
  }
}
