/**
 * The paper's synthetic comparison on the lab's clouds: for eps = 0.01, 0.1 and 1, Sinkhorn's row
 * of the picked source point and the samples of a VarEOT model trained at that eps, one pair per
 * eps. Runs on its own two workers (the live lab's are left alone) and can be cancelled.
 */
import { wrap } from 'comlink';
import type { LabSolverApi, VarEotApi } from '../../../workers/labApi';
import { useLabStore, type ComparePair, type CompareState } from '../../store/labSlice';
import { SAMPLE_COUNT } from './labTrainer';

export const COMPARE_EPS = [0.01, 0.1, 1] as const;
/** AdamW steps per eps: enough at eps = 1 and 0.1 on the lab's clouds, ~10 s each in Chromium. */
export const COMPARE_STEPS = 400;
const CHUNK = 20;

export class LabCompare {
  private workers: Worker[] = [];
  private gen = 0;

  async run(): Promise<void> {
    this.stop();
    const my = ++this.gen;
    const st = useLabStore.getState();
    const { result, picked } = st;
    const set = (p: Partial<CompareState>) => my === this.gen && useLabStore.getState().patchCompare(p);
    if (!result || !picked) return void set({ status: 'error', error: 'pick a source point first' });
    const solverWorker = new Worker(new URL('../../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab-compare' });
    const varWorker = new Worker(new URL('../../../workers/labVarEot.worker.ts', import.meta.url), { type: 'module', name: 'lab-compare-vareot' });
    this.workers = [solverWorker, varWorker];
    const solver = wrap<LabSolverApi>(solverWorker);
    const vareot = wrap<VarEotApi>(varWorker);
    set({ status: 'running', point: { x: picked.x, y: picked.y }, pairs: [], error: null, progress: '' });
    try {
      const pairs: ComparePair[] = [];
      for (const eps of COMPARE_EPS) {
        set({ progress: `ε = ${eps}: Sinkhorn` });
        // the small eps is annealed: from zero potentials it would need thousands of iterations
        await solver.solve({ config: { ...st.config, eps, anneal: eps < 0.05 }, drawnSource: st.drawn.source, drawnTarget: st.drawn.target });
        const row = await solver.conditional(picked.i);
        await vareot.start({ source: result.source, target: result.target, eps, seed: st.config.lseed });
        let last = NaN;
        for (let done = 0; done < COMPARE_STEPS; done += CHUNK) {
          if (my !== this.gen) return;
          set({ progress: `ε = ${eps}: training ${done} / ${COMPARE_STEPS}` });
          last = (await vareot.train(CHUNK)).at(-1) ?? NaN;
        }
        set({ progress: `ε = ${eps}: Langevin sampling` });
        const samples = await vareot.sample([picked.x, picked.y], SAMPLE_COUNT);
        pairs.push({ eps, row, samples, lastLoss: last });
        set({ pairs: [...pairs] });
      }
      set({ status: 'done', progress: '' });
    } catch (e) {
      set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    } finally {
      if (my === this.gen) this.terminate();
    }
  }

  private terminate(): void {
    for (const w of this.workers) w.terminate();
    this.workers = [];
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
