/**
 * Runs the lab's Sinkhorn in workers/lab.worker.ts under a supervisor: a change of setting is
 * solved after a short pause (the eps slider sends many), a solve still running when a newer one
 * is asked for is cancelled by terminating its worker (a Sinkhorn loop cannot be interrupted from
 * outside, and its answer would be stale anyway), and a worker that dies or stops answering is
 * replaced and the solve run again, the view told why.
 */
import { nearestPoint } from '../../engine/lab/labPlanViews';
import { currentLabKey, useLabStore } from '../../store/labStore';
import { describeLoss, SupervisedCancel, SupervisedLoss } from '../supervisor';
import { ROW_ALLOWANCE_MS, solveAllowanceMs, solverSupervisor, type SolverSupervisor } from './labWorkers';

export const SOLVE_DEBOUNCE_MS = 150;

export class LabSolver {
  private readonly sup: SolverSupervisor = solverSupervisor('lab Sinkhorn', (e) => {
    // died between calls: the plan went with it, so solve again
    if (e.kind === 'lost' && e.pending === 0 && !e.gaveUp) {
      useLabStore.getState().noteWorker(`${describeLoss(e.site, e.cause)}: replaced by a new worker, solving again`);
      void this.solveNow();
    }
  });
  private running = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last point asked for (picked again after every solve). */
  private wanted: { x: number; y: number } | null = null;

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.solveNow(), SOLVE_DEBOUNCE_MS);
  }

  async solveNow(): Promise<void> {
    clearTimeout(this.timer);
    const my = ++this.seq;
    const st = useLabStore.getState();
    if (this.running) {
      this.sup.cancel();
      st.patch({ cancelled: st.cancelled + 1 });
    }
    this.sup.reset();
    this.running = true;
    st.patch({ status: 'solving' });
    const key = currentLabKey(st);
    const c = st.config;
    const n = c.src === 'drawn' ? st.drawn.source.length / 2 : c.ns;
    const p = c.tgt === 'drawn' ? st.drawn.target.length / 2 : c.nt;
    try {
      const result = await this.sup.call((api) => api.solve({ config: c, drawnSource: st.drawn.source, drawnTarget: st.drawn.target }), {
        name: 'a solve',
        allowanceMs: solveAllowanceMs(n, p, c.eps, c.anneal),
      });
      if (my !== this.seq) return;
      this.running = false;
      const want = this.wanted ?? useLabStore.getState().picked;
      useLabStore.getState().patch({ result, resultKey: key, status: 'ready', error: null });
      if (want) await this.pick(want.x, want.y);
    } catch (e) {
      if (my !== this.seq || e instanceof SupervisedCancel) return;
      this.running = false;
      if (e instanceof SupervisedLoss && !e.gaveUp) {
        useLabStore.getState().noteWorker(`${e.message}: replaced by a new worker, solving again`);
        return this.solveNow();
      }
      useLabStore.getState().patch({ status: 'error', error: e instanceof Error ? e.message : String(e), result: null, resultKey: null, picked: null });
    }
  }

  /** Pick the source point nearest to (x, y) and fetch its plan row and the row's floor. */
  async pick(x: number, y: number): Promise<void> {
    this.wanted = { x, y };
    const st = useLabStore.getState();
    const r = st.result;
    if (!r || this.running) return;
    const i = nearestPoint(r.source, x, y);
    try {
      const { row, floor } = await this.sup.call((api) => api.conditional(i, st.config.lseed), { name: 'a plan row', allowanceMs: ROW_ALLOWANCE_MS });
      if (useLabStore.getState().result === r) useLabStore.getState().patch({ picked: { i, x: r.source[2 * i], y: r.source[2 * i + 1], row, floor } });
    } catch (e) {
      if (e instanceof SupervisedCancel) return;
      if (e instanceof SupervisedLoss && !e.gaveUp) {
        // the plan went with the worker: solve again (the picked point is fetched after it)
        useLabStore.getState().noteWorker(`${e.message}: replaced by a new worker, solving again`);
        return this.solveNow();
      }
      throw e;
    }
  }

  async planCsv(): Promise<string> {
    if (this.running || !useLabStore.getState().result) throw new Error('no finished plan to export yet');
    return this.sup.call((api) => api.planCsv(), { name: 'the plan export', allowanceMs: ROW_ALLOWANCE_MS });
  }

  /** Test hook: break the worker (src/run/lab/labDebug.ts). */
  get supervisor(): SolverSupervisor {
    return this.sup;
  }

  /** End the worker (leaving the lab); a later solve starts a new one. */
  stop(): void {
    clearTimeout(this.timer);
    this.sup.cancel();
    this.running = false;
    this.seq++;
  }
}
