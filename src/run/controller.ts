/**
 * Drives the panel pool (one sampler worker per panel) from the store: rebuilds every panel's
 * session when the target or the shared settings change, adds and removes single panels
 * without touching the others, restarts one panel when its sampler or parameters change,
 * runs and pauses the workers' own loops, and pulls frames with back-pressure per worker (at
 * most one request in flight each; ~30 polls a second while playing, a few light ones a second
 * while fast-forwarding). Every failure becomes a message in the store: a refused
 * change or a crashed worker on its own panel, a session that cannot be built above them all.
 * Callable outside React.
 */
import type { PanelFrame, PanelSpec, StageRecord } from '../../workers/samplerApi';
import { useAppStore, type AppState, type PanelSetting } from '../store';
import { emptyPanelRun } from '../store/runSlice';
import { drawnFromDim } from '../store/targetSlice';
import { latestFrame, setLatestFrame } from './latestFrame';
import { onPoolChange, pagePool } from './pagePool';
import { backendOf, FrameCommitter } from './frameCommit';
import { Superseded, type PanelPool, type PanelWorkerState, type SharedRequest } from './panelPool';
import { followStore } from './followStore';
import { FAST_FORWARD_SPEED } from './speed';
import { axesFor, type Axes } from '../engine/targets/ndSpec';

/** Light frames while fast-forwarding: the counters move, nothing is drawn. */
const FAST_FORWARD_POLL_MS = 250;
/**
 * While playing, each panel is asked for a frame at most this often (every other animation
 * frame at 60 Hz): the default speed is 30 steps/s, and on two cores the main thread's share
 * is better spent drawing than on messages that find no new step.
 */
const POLL_MS = 30;
/** A panel whose worker has not answered for this long while stepping shows that it is computing. */
export const SLOW_REPLY_MS = 500;

type Store = typeof useAppStore;

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e)) || 'unknown error';
const nextAnimationFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function panelSpec(p: PanelSetting): PanelSpec {
  return { sampler: p.sampler, ...(Object.keys(p.params).length ? { params: { ...p.params } } : {}) };
}

export class RunController {
  /** Bumped by every rebuild and reset; outcomes of an older one are dropped. */
  private generation = 0;
  /** What the page shows of the panels (health, frames, store summaries). */
  private readonly shown: FrameCommitter;
  private polling = false;
  /** Resume playing once the pending rebuild has built the new sessions. */
  private resumeAfterRestart = false;

  constructor(
    private readonly store: Store,
    private readonly pool: PanelPool,
    /** Subscribes to the pool's changes (frames, busy, crashes); returns the unsubscribe. */
    private readonly onPoolChanged: (listener: () => void) => () => void = onPoolChange,
  ) {
    this.shown = new FrameCommitter(() => this.store.getState(), pool);
  }

  /** Take in the pool's frames now (tests, and the page after a command). */
  observe(): void {
    this.shown.observe();
  }

  private get state(): AppState {
    return this.store.getState();
  }

  private fail(e: unknown): void {
    this.resumeAfterRestart = false;
    this.state.patchRun({ status: 'error', playing: false, fastForward: false, error: errorMessage(e) });
  }

  /** The coordinates a d-dimensional target is drawn on (the store's pair when it fits the dimension), or null for 2D targets. */
  private axes(): Axes | null {
    const dim = drawnFromDim(this.state);
    return dim !== null && dim > 2 ? axesFor(this.state.axes, dim) : null;
  }

  private shared(): SharedRequest {
    const { settings: s, targetSpec } = this.state;
    const axes = this.axes();
    const blrData = this.blrPayload();
    return {
      target: targetSpec,
      n: s.n,
      seed: s.seed,
      cloud: { center: [s.centerX, s.centerY], spread: s.spread },
      ...(axes ? { axes } : {}),
      ...(blrData ? { blrData } : {}),
    };
  }

  /** A user's CSV target: the text read on the page (and its reference once computed) for the workers; null otherwise. */
  private blrPayload(): SharedRequest['blrData'] | null {
    const { targetSpec, blrCsv } = this.state;
    if (targetSpec.kind !== 'blr' || !blrCsv || blrCsv.key !== targetSpec.data) return null;
    return { csv: blrCsv.csv, ...(blrCsv.reference ? { reference: blrCsv.reference } : {}) };
  }

  /**
   * Draw the store's pair of coordinates: every panel's worker projects on it from its next frame
   * (no restart) and the scene shows the new exact marginal. Before the sessions are ready the
   * pair waits for them (startRun passes it on).
   */
  async applyAxes(): Promise<void> {
    const axes = this.axes();
    const scene = this.state.scene;
    if (!axes || this.state.status !== 'ready' || !scene || (scene.axes?.[0] === axes[0] && scene.axes[1] === axes[1])) return;
    const g = this.generation;
    try {
      const view = await this.pool.setAxes(axes);
      const now = this.axes();
      if (g !== this.generation || !view || !now || now[0] !== view.axes[0] || now[1] !== view.axes[1]) return; // a newer pair is on its way
      this.state.patchRun({ scene: { box: view.box, heatmap: view.heatmap, axes: view.axes } });
    } catch (e) {
      if (g === this.generation && !(e instanceof Superseded)) this.fail(e);
    }
  }

  /** Build every panel's session from the current settings and show iteration 0. */
  async startRun(): Promise<void> {
    const g = ++this.generation;
    const resume = this.resumeAfterRestart || this.state.playing;
    this.resumeAfterRestart = false;
    this.state.patchRun({ status: 'loading', playing: false, fastForward: false, error: null });
    this.shown.forget();
    try {
      const info = await this.pool.create(
        this.shared(),
        this.state.panels.map((p) => ({ id: p.id, spec: panelSpec(p) })),
      );
      if (g !== this.generation || info === null) return;
      await this.pool.idle(); // the iteration-0 frames
      if (g !== this.generation) return;
      const scene = { box: info.box, heatmap: info.heatmap, ...(info.dim > 2 ? { axes: info.axes } : {}) };
      this.state.patchRun({ status: 'ready', scene, backend: backendOf(info.backend) });
      setLatestFrame(this.pool.frame());
      this.shown.observe();
      this.shown.commitNow();
      if (resume) this.play();
      void this.applyAxes(); // a pair picked while the sessions were being built
    } catch (e) {
      if (g !== this.generation || e instanceof Superseded) return;
      setLatestFrame(null);
      this.shown.forget();
      this.state.patchRun({ scene: null, iteration: 0, panelRuns: this.state.panels.map((p) => ({ ...emptyPanelRun, id: p.id })) });
      this.fail(e);
    }
  }

  /** Bring the pool in line with the store's panels: remove, add and reorder by id; restart changed ones (debounced). */
  syncPanels(panels: readonly PanelSetting[], prev: readonly PanelSetting[], schedulePanel: (id: number) => void): void {
    const now = new Set(panels.map((p) => p.id));
    const before = new Map(prev.map((p) => [p.id, p]));
    for (const id of this.pool.ids) {
      if (now.has(id)) continue;
      this.pool.remove(id);
      this.shown.forget(id);
    }
    panels.forEach((p, i) => {
      if (this.pool.ids.includes(p.id)) {
        if (before.get(p.id) !== p) schedulePanel(p.id);
        return;
      }
      this.pool.add(p.id, panelSpec(p), i).then(
        () => {
          this.shown.setConfigError(p.id, null);
          this.shown.commitNow();
        },
        (e: unknown) => {
          if (e instanceof Superseded) return;
          this.shown.setConfigError(p.id, errorMessage(e));
          this.shown.commitNow();
        },
      );
    });
    this.pool.order(panels.map((p) => p.id));
    this.shown.observe();
  }

  /** Restart one panel with its current setting; a refused spec leaves it as it was, with a message. */
  async restartPanel(id: number): Promise<void> {
    const p = this.state.panels.find((x) => x.id === id);
    if (!p || !this.pool.ids.includes(id)) return;
    try {
      await this.pool.setPanel(id, panelSpec(p));
      this.shown.restarted(id);
    } catch (e) {
      if (e instanceof Superseded) return;
      this.shown.setConfigError(id, errorMessage(e));
    }
    this.shown.commitNow();
  }

  private rate(): number {
    const { fastForward, stepsPerSecond } = this.state;
    return fastForward ? FAST_FORWARD_SPEED : stepsPerSecond;
  }

  /** While playing: poll every panel about every POLL_MS, on animation frames (every 250 ms while fast-forwarding). */
  private async pollLoop(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    let last = -Infinity;
    try {
      while (this.state.playing && this.state.status === 'ready') {
        const now = performance.now();
        if (this.state.fastForward || now - last >= POLL_MS - 5) {
          last = now;
          this.pool.poll();
        }
        await (this.state.fastForward ? sleep(FAST_FORWARD_POLL_MS) : nextAnimationFrame());
      }
    } finally {
      this.polling = false;
    }
  }

  private allFailed(): boolean {
    const panels = this.pool.frame().panels;
    return panels.length > 0 && panels.every((p) => p.status === 'failed');
  }

  play(): void {
    if (this.state.status !== 'ready' || this.allFailed()) return;
    this.state.patchRun({ playing: true });
    this.pool.run(this.rate());
    void this.pollLoop();
  }

  pause(): void {
    this.state.patchRun({ playing: false, fastForward: false });
    void this.pool.pause();
  }

  /** A new speed, or fast-forward on / off, while playing. */
  retune(): void {
    if (!this.state.playing) return;
    this.pool.run(this.rate());
    void this.pollLoop();
  }

  togglePlay(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  /** Fast-forward on: run at full speed and stop drawing; off: back to the chosen speed, still playing. */
  toggleFastForward(): void {
    const { fastForward, status } = this.state;
    if (fastForward) {
      this.state.patchRun({ fastForward: false });
      this.retune();
      return;
    }
    if (status !== 'ready' || this.allFailed()) return;
    this.state.patchRun({ fastForward: true, playing: true });
    this.retune();
  }

  /** One iteration of every panel (pauses first when playing); clicks made meanwhile add up per panel. */
  stepOnce(): void {
    if (this.state.status !== 'ready') return;
    this.state.patchRun({ playing: false, fastForward: false });
    this.pool.step(1).catch(() => undefined); // a crash shows on its panel
  }

  /**
   * Panel `index`'s next step, recorded stage by stage: every panel pauses first (the walk shows
   * one step of a still picture) and the panel's frame is refreshed after.
   */
  async stages(index: number, particle: number): Promise<StageRecord> {
    if (this.state.status !== 'ready') throw new Error('the panels are not ready yet');
    this.pause();
    await this.pool.idle();
    return this.pool.stages(index, particle);
  }

  /** Every panel back to iteration 0 with the same cloud and seed; rebuilds everything if there is no session. */
  async reset(): Promise<void> {
    const { scene, patchRun, status } = this.state;
    if (!scene || status === 'error') return this.startRun();
    const g = ++this.generation;
    patchRun({ playing: false, fastForward: false, error: null });
    try {
      await this.pool.reset();
      if (g !== this.generation) return;
      this.shown.freshTrackers();
      patchRun({ status: 'ready' });
      this.shown.observe();
      this.shown.commitNow();
    } catch (e) {
      if (g === this.generation && !(e instanceof Superseded)) this.fail(e);
    }
  }

  /** Start the first sessions and follow the store (followStore.ts); returns the stop function. */
  start(): () => void {
    const stopFollowing = followStore(this, this.store);
    const stopObserving = this.onPoolChanged(() => {
      if (this.state.status !== 'error') this.shown.observe();
    });
    void this.startRun();
    return () => {
      stopFollowing();
      stopObserving();
    };
  }

  /** A rebuild is coming: pause now, and play again once it has built the new sessions if the run was playing. */
  holdForRebuild(): void {
    if (this.state.playing) this.resumeAfterRestart = true;
    this.pause();
  }

  /** Forget what panel `index` says about its worker (its close button). */
  dismissNotice(index: number): void {
    const id = this.pool.ids[index];
    if (id === undefined) return;
    this.pool.dismissNotice(id);
    this.shown.commitNow();
  }

  /** When panel `index`'s worker has been answering for longer than SLOW_REPLY_MS: since when (performance.now()), else null. */
  slowSince(index: number): number | null {
    const s = this.pool.states()[index];
    const f = s?.inFlight;
    if (!f || f.kind === 'create' || f.kind === 'ping') return null;
    return performance.now() - f.since > SLOW_REPLY_MS ? f.since : null;
  }
}

/** The page's controller. */
export const controller = new RunController(useAppStore, pagePool);

export const startRun = (): Promise<void> => controller.startRun();
export const play = (): void => controller.play();
export const pause = (): void => controller.pause();
export const togglePlay = (): void => controller.togglePlay();
export const toggleFastForward = (): void => controller.toggleFastForward();
export const stepOnce = (): void => controller.stepOnce();
export const reset = (): Promise<void> => controller.reset();
export const startController = (): (() => void) => controller.start();
export const dismissNotice = (panel: number): void => controller.dismissNotice(panel);
export const recordStages = (panel: number, particle: number): Promise<StageRecord> => controller.stages(panel, particle);

/** For views that want the raw latest frame (drawing); re-exported so they need not know the module. */
export { latestFrame };
