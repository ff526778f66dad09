/**
 * Trains the learned maps (VarEOT and LightSB, one worker: workers/labLearner.worker.ts) on the
 * clouds of the lab's current solve, one chunk of each in turn, each until its stopping rule
 * fires (src/engine/lab/plateau.ts) or the step cap; pause and resume between chunks.
 *
 * A model is tied to the settings it was trained on (labKey: clouds, eps, seed). When they change
 * while it trains, its worker is ended at once and training restarts as soon as the new settings
 * are solved; when they change after it stopped (or while paused), it is marked stale (samples
 * hidden) and the view offers to retrain. A model is never trained on clouds other than the
 * current solve's. A worker that dies or hangs is replaced and training restarts from step 0.
 */
import { LEARNED_METHODS, type LearnedMethod } from '../../engine/lab/labMethods';
import { SAMPLE_COUNT } from '../../engine/lab/labPipeline';
import { currentLabKey, initialLearn, useLabStore } from '../../store/labStore';
import { describeLoss, SupervisedCancel, SupervisedLoss } from '../supervisor';
import { chunkAllowanceMs, learnerSupervisor, SAMPLE_ALLOWANCE_MS, START_ALLOWANCE_MS, type LearnerSupervisor } from './labWorkers';

/** Steps per second is averaged over about this many recent steps. */
const SPEED_STEPS = 100;

export class LabTrainer {
  private readonly sup: LearnerSupervisor = learnerSupervisor('lab learner', (e) => {
    // died between calls (paused, done): its models went with it
    const status = useLabStore.getState().learn.status;
    if (e.kind === 'lost' && e.pending === 0 && !e.gaveUp && ['training', 'paused', 'done'].includes(status)) {
      useLabStore.getState().noteWorker(`${describeLoss(e.site, e.cause)}: replaced by a new worker, training restarted from step 0`);
      void this.restart();
    }
  });
  private gen = 0;
  /** Start as soon as the current settings are solved. */
  private pending = false;
  private lastChunkMs: number | null = null;
  private unsubscribe: (() => void) | null = null;

  /** Watch the settings and the solves (call once when the lab is shown). */
  attach(): void {
    this.unsubscribe?.();
    this.unsubscribe = useLabStore.subscribe((s, prev) => {
      if (s.config !== prev.config || s.drawnVersion !== prev.drawnVersion) this.settingsChanged();
      if (s.resultKey !== prev.resultKey && this.pending && s.resultKey === currentLabKey(s)) {
        this.pending = false;
        void this.restart();
      }
    });
  }

  private settingsChanged(): void {
    const s = useLabStore.getState();
    const l = s.learn;
    if (l.key === null || l.key === currentLabKey(s)) return;
    if (l.status === 'training' || l.status === 'starting') {
      // never go on training the old clouds: end the worker now, start again on the new solve
      this.cancelWorker();
      this.pending = true;
      s.patchLearn({ ...initialLearn(), status: 'starting', staleNote: `settings changed while training (was ${l.key}): restarting on the new ones` });
    } else if (l.status === 'paused' || l.status === 'done') {
      this.cancelWorker();
      s.patchLearn({ status: 'stale', staleNote: `trained on ${l.key}, not the current settings`, samples: { vareot: null, lightsb: null } });
    }
  }

  private cancelWorker(): void {
    this.gen++;
    this.sup.cancel();
    this.lastChunkMs = null;
  }

  /** New models on the current solve's clouds and eps, then train until both stop. */
  async restart(): Promise<void> {
    this.cancelWorker();
    this.sup.reset();
    const my = this.gen;
    const st = useLabStore.getState();
    const key = currentLabKey(st);
    const r = st.result;
    if (!r || st.resultKey !== key) {
      // the current settings are not solved yet: start when they are
      this.pending = true;
      st.patchLearn({ ...initialLearn(), status: 'starting' });
      return;
    }
    this.pending = false;
    st.patchLearn({ ...initialLearn(), status: 'starting', key, eps: r.eps });
    try {
      const info = await this.sup.call((api) => api.start({ source: r.source, target: r.target, eps: r.eps, seed: st.config.lseed, cap: st.config.lsteps, methods: LEARNED_METHODS }), {
        name: 'the start of training',
        allowanceMs: START_ALLOWANCE_MS,
      });
      if (my !== this.gen) return;
      useLabStore.getState().patchLearn({ ...info, status: 'training' });
      await this.loop(my);
    } catch (e) {
      this.failed(e, my);
    }
  }

  private failed(e: unknown, my: number): void {
    if (my !== this.gen || e instanceof SupervisedCancel) return;
    if (e instanceof SupervisedLoss && !e.gaveUp) {
      useLabStore.getState().noteWorker(`${e.message}: replaced by a new worker, training restarted from step 0`);
      void this.restart();
      return;
    }
    useLabStore.getState().patchLearn({ status: 'error', error: e instanceof Error ? e.message : String(e) });
  }

  private async loop(my: number): Promise<void> {
    for (;;) {
      if (my !== this.gen || useLabStore.getState().learn.status !== 'training') return;
      const active = LEARNED_METHODS.filter((m) => !useLabStore.getState().learn.models[m].state?.stopped);
      if (!active.length) {
        useLabStore.getState().patchLearn({ status: 'done' });
        await this.samplePicked();
        return;
      }
      for (const m of active) await this.chunk(m, my);
    }
  }

  private async chunk(m: LearnedMethod, my: number): Promise<void> {
    const r = await this.sup.call((api) => api.train(m), { name: `a ${m} training chunk`, allowanceMs: chunkAllowanceMs(this.lastChunkMs) });
    if (my !== this.gen) return;
    this.lastChunkMs = Math.max(this.lastChunkMs ?? 0, r.ms);
    const prev = useLabStore.getState().learn.models[m];
    const losses = [...prev.losses, ...r.losses];
    // exponential average of the speed, weight of a chunk ~ its steps / SPEED_STEPS
    const speed = r.ms > 0 ? (1000 * r.losses.length) / r.ms : prev.stepsPerSec;
    const w = Math.min(1, r.losses.length / SPEED_STEPS);
    useLabStore.getState().patchModel(m, { losses, state: r.state, stepsPerSec: prev.stepsPerSec ? (1 - w) * prev.stepsPerSec + w * speed : speed });
  }

  pause(): void {
    if (useLabStore.getState().learn.status === 'training') useLabStore.getState().patchLearn({ status: 'paused' });
  }

  resume(): void {
    const l = useLabStore.getState().learn;
    if (l.status !== 'paused') return;
    useLabStore.getState().patchLearn({ status: 'training' });
    const my = this.gen;
    void this.loop(my).catch((e: unknown) => this.failed(e, my));
  }

  /** Whether the models can be sampled (trained on the current settings, worker alive). */
  get ready(): boolean {
    const s = useLabStore.getState();
    return ['training', 'paused', 'done'].includes(s.learn.status) && s.learn.key === currentLabKey(s) && this.sup.running;
  }

  /** Samples of both models at the picked point, with their energy distances to its Sinkhorn row. */
  async samplePicked(): Promise<void> {
    const p = useLabStore.getState().picked;
    if (!p || !this.ready) return;
    const my = this.gen;
    useLabStore.getState().patchLearn({ samples: { vareot: null, lightsb: null } });
    try {
      for (const m of LEARNED_METHODS) {
        const s = await this.sup.call((api) => api.sample(m, [p.x, p.y], p.i, SAMPLE_COUNT, p.row), { name: `${m} sampling`, allowanceMs: SAMPLE_ALLOWANCE_MS });
        if (my !== this.gen || useLabStore.getState().picked !== p) return;
        const l = useLabStore.getState().learn;
        useLabStore.getState().patchLearn({ samples: { ...l.samples, [m]: s } });
      }
    } catch (e) {
      this.failed(e, my);
    }
  }

  get supervisor(): LearnerSupervisor {
    return this.sup;
  }

  /** End the worker (leaving the lab). */
  stop(): void {
    this.cancelWorker();
    this.pending = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const l = useLabStore.getState().learn;
    if (l.status === 'training' || l.status === 'starting' || l.status === 'paused' || l.status === 'done') useLabStore.getState().patchLearn({ ...initialLearn() });
  }
}
