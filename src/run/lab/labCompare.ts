/**
 * The paper's synthetic comparison on the lab's clouds: for eps = 0.01, 0.1 and 1, Sinkhorn's row
 * of the picked source point (with its sampling floor) beside VarEOT's and LightSB's samples,
 * each model trained at that eps by the same stopping rule as the live models (or to the step
 * cap, which the view then says), each with its energy distance to the row. The same steps as
 * `npm run lab` (src/engine/lab/labPipeline.ts), so the numbers agree with it on the same
 * settings. Runs on two supervised workers of its own (the live lab's are left alone), one eps at
 * a time; cancellable; a lost worker is replaced and that eps run again.
 */
import { ANNEAL_BELOW, SAMPLE_COUNT } from '../../engine/lab/labPipeline';
import { LEARNED_METHODS, METHOD_LABEL, type LearnedMethod } from '../../engine/lab/labMethods';
import { currentLabKey, useLabStore, type CompareColumn, type CompareState } from '../../store/labStore';
import { SupervisedCancel, SupervisedLoss } from '../supervisor';
import { chunkAllowanceMs, learnerSupervisor, ROW_ALLOWANCE_MS, SAMPLE_ALLOWANCE_MS, solveAllowanceMs, solverSupervisor, START_ALLOWANCE_MS } from './labWorkers';

export const COMPARE_EPS = [0.01, 0.1, 1] as const;

export class LabCompare {
  private readonly solver = solverSupervisor('lab compare Sinkhorn');
  private readonly learner = learnerSupervisor('lab compare learner');
  private gen = 0;

  async run(): Promise<void> {
    this.stop();
    this.solver.reset();
    this.learner.reset();
    const my = ++this.gen;
    const st = useLabStore.getState();
    const { result, picked } = st;
    const set = (p: Partial<CompareState>) => my === this.gen && useLabStore.getState().patchCompare(p);
    if (!result || !picked) return void set({ status: 'error', error: 'pick a source point first' });
    const point = { i: picked.i, x: picked.x, y: picked.y };
    set({ status: 'running', point, key: currentLabKey(st).replace(/\|eps [^|]*/, ''), columns: [], error: null, progress: '' });
    const columns: CompareColumn[] = [];
    try {
      for (let k = 0; k < COMPARE_EPS.length; ) {
        const eps = COMPARE_EPS[k];
        try {
          columns.push(await this.oneEps(eps, my, set));
          if (my !== this.gen) return;
          set({ columns: [...columns] });
          k++;
        } catch (e) {
          if (!(e instanceof SupervisedLoss) || e.gaveUp) throw e;
          useLabStore.getState().noteWorker(`${e.message}: replaced by a new worker, comparison at ε = ${eps} run again`);
        }
      }
      set({ status: 'done', progress: '' });
    } catch (e) {
      if (e instanceof SupervisedCancel || my !== this.gen) return;
      set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (my === this.gen) this.terminate();
    }
  }

  private async oneEps(eps: number, my: number, set: (p: Partial<CompareState>) => void): Promise<CompareColumn> {
    const st = useLabStore.getState();
    const c = { ...st.config, eps };
    const anneal = eps < ANNEAL_BELOW;
    const n = c.src === 'drawn' ? st.drawn.source.length / 2 : c.ns;
    const p = c.tgt === 'drawn' ? st.drawn.target.length / 2 : c.nt;
    const point = useLabStore.getState().compare.point!;
    set({ progress: `ε = ${eps}: Sinkhorn` });
    const solved = await this.solver.call((api) => api.solve({ config: c, drawnSource: st.drawn.source, drawnTarget: st.drawn.target, anneal, rowsOnly: true }), {
      name: 'a solve',
      allowanceMs: solveAllowanceMs(n, p, eps, anneal),
    });
    const { row, floor } = await this.solver.call((api) => api.conditional(point.i, c.lseed), { name: 'a plan row', allowanceMs: ROW_ALLOWANCE_MS });
    set({ progress: `ε = ${eps}: starting the learners` });
    const info = await this.learner.call((api) => api.start({ source: solved.source, target: solved.target, eps, seed: c.lseed, cap: c.lsteps, methods: LEARNED_METHODS }), {
      name: 'the start of training',
      allowanceMs: START_ALLOWANCE_MS,
    });
    set({ backend: info.backend });
    const speed: Record<LearnedMethod, { steps: number; ms: number; loss: number; done: boolean; lastMs: number | null }> = {
      vareot: { steps: 0, ms: 0, loss: NaN, done: false, lastMs: null },
      lightsb: { steps: 0, ms: 0, loss: NaN, done: false, lastMs: null },
    };
    while (LEARNED_METHODS.some((m) => !speed[m].done)) {
      for (const m of LEARNED_METHODS) {
        const s = speed[m];
        if (s.done) continue;
        const r = await this.learner.call((api) => api.train(m), { name: `a ${m} training chunk`, allowanceMs: chunkAllowanceMs(s.lastMs) });
        if (my !== this.gen) throw new SupervisedCancel('lab compare');
        s.lastMs = Math.max(s.lastMs ?? 0, r.ms);
        s.steps = r.state.steps;
        s.ms += r.ms;
        s.loss = r.state.smoothed;
        s.done = r.state.stopped !== null;
      }
      const line = LEARNED_METHODS.map((m) => `${METHOD_LABEL[m]} ${speed[m].done ? `done at ${speed[m].steps}` : `step ${speed[m].steps}`} (${speed[m].ms ? ((1000 * speed[m].steps) / speed[m].ms).toFixed(0) : '–'} steps/s)`).join(', ');
      set({ progress: `ε = ${eps}: ${line}` });
    }
    set({ progress: `ε = ${eps}: sampling` });
    const learned: CompareColumn['learned'] = {};
    for (const m of LEARNED_METHODS) {
      const s = await this.learner.call((api) => api.sample(m, [point.x, point.y], point.i, SAMPLE_COUNT, row), { name: `${m} sampling`, allowanceMs: SAMPLE_ALLOWANCE_MS });
      learned[m] = { ...s, stepsPerSec: speed[m].ms ? (1000 * speed[m].steps) / speed[m].ms : 0, loss: speed[m].loss };
    }
    return { eps, row, floor, learned };
  }

  private terminate(): void {
    this.solver.cancel();
    this.learner.cancel();
  }

  get supervisors() {
    return { solver: this.solver, learner: this.learner };
  }

  stop(): void {
    this.gen++;
    this.terminate();
  }

  cancel(): void {
    this.stop();
    useLabStore.getState().patchCompare({ status: 'idle', progress: '' });
  }
}
