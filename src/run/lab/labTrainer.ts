/**
 * Trains VarEOT in workers/labVarEot.worker.ts on the clouds of the lab's last solve, in chunks
 * of a few steps so the page can show the loss as it falls and pause between chunks; a new model
 * (other clouds or eps) replaces the worker.
 */
import { wrap, type Remote } from 'comlink';
import type { VarEotApi } from '../../../workers/labApi';
import { useLabStore } from '../../store/labSlice';

/** AdamW steps per message to the worker. */
const CHUNK = 10;
/** Samples drawn from the learned conditional of a picked point. */
export const SAMPLE_COUNT = 300;

export class LabTrainer {
  private worker: Worker | null = null;
  private api: Remote<VarEotApi> | null = null;
  private gen = 0;

  /** A new model on the current solve's clouds and eps, then train until paused. */
  async restart(): Promise<void> {
    this.stop();
    const my = ++this.gen;
    const st = useLabStore.getState();
    const r = st.result;
    if (!r) return st.patchVarEot({ status: 'error', error: 'solve a plan first' });
    this.worker = new Worker(new URL('../../../workers/labVarEot.worker.ts', import.meta.url), { type: 'module', name: 'lab-vareot' });
    this.api = wrap<VarEotApi>(this.worker);
    st.patchVarEot({ status: 'starting', losses: [], eps: r.eps, samples: null, error: null });
    try {
      const backend = await this.api.start({ source: r.source, target: r.target, eps: r.eps, seed: st.config.lseed });
      if (my !== this.gen) return;
      useLabStore.getState().patchVarEot({ backend, status: 'training' });
      await this.loop(my);
    } catch (e) {
      if (my === this.gen) useLabStore.getState().patchVarEot({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }

  private async loop(my: number): Promise<void> {
    while (my === this.gen && useLabStore.getState().varEot.status === 'training' && this.api) {
      const losses = await this.api.train(CHUNK);
      if (my !== this.gen) return;
      const v = useLabStore.getState().varEot;
      useLabStore.getState().patchVarEot({ losses: [...v.losses, ...losses] });
    }
  }

  pause(): void {
    if (useLabStore.getState().varEot.status === 'training') useLabStore.getState().patchVarEot({ status: 'paused' });
  }

  resume(): void {
    const v = useLabStore.getState().varEot;
    if (v.status !== 'paused' || !this.api) return;
    useLabStore.getState().patchVarEot({ status: 'training' });
    void this.loop(this.gen).catch((e: unknown) => useLabStore.getState().patchVarEot({ status: 'error', error: String(e) }));
  }

  /** Langevin samples of the learned conditional at (x, y). */
  async sample(x: number, y: number): Promise<void> {
    if (!this.api) return;
    const my = this.gen;
    const samples = await this.api.sample([x, y], SAMPLE_COUNT);
    if (my === this.gen) useLabStore.getState().patchVarEot({ samples });
  }

  get started(): boolean {
    return this.api !== null;
  }

  stop(): void {
    this.gen++;
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
