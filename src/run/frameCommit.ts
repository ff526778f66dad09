/**
 * What the page shows of its panels, from the pool's frames: every panel's health judged on each
 * new frame (panelHealth.ts), the frame handed to the render loops (latestFrame.ts), and a summary
 * per panel (iteration, status, alert, notice, speed, busy) committed to the store at once when
 * busy or a notice changes, else at most every COMMIT_MS.
 */
import type { PanelFrame } from '../../workers/samplerApi';
import type { AppState } from '../store';
import type { BackendLabel, PanelRun } from '../store/runSlice';
import { latestFrame, setLatestFrame } from './latestFrame';
import { newTracker, panelAlert, type HealthTracker, type PanelAlert } from './panelHealth';
import type { PanelPool, PanelWorkerState } from './panelPool';

/** Iterations, diagnostics and rates reach React at most this often (busy changes at once). */
const COMMIT_MS = 100;

const BACKEND_LABELS: Readonly<Record<string, string>> = { cpu: 'CPU', webgpu: 'WebGPU' };

/**
 * The backend the workers compute with, as the top bar shows it: WebGPU, or the CPU path with how
 * it runs ('CPU, 2 threads' when a kernel team runs it; else the worker's reason names WebAssembly
 * SIMD or typed arrays).
 */
export function backendOf(b: { name?: string; reason?: string; threads?: number; calibration?: { gpuMs: number; cpuMs: number } } | undefined): BackendLabel {
  if (!b?.name) return { name: 'CPU' };
  const threads = b.name === 'cpu' && (b.threads ?? 1) > 1 ? `, ${b.threads} threads` : '';
  const how = threads || (b.name === 'cpu' ? (/WebAssembly SIMD/.test(b.reason ?? '') ? ' (wasm SIMD)' : /typed arrays/.test(b.reason ?? '') ? ' (typed arrays)' : '') : '');
  // A hardware GPU's calibration: what each path took for the same Sinkhorn solve.
  const c = b.calibration;
  const timed = c ? ` · GPU ${fmtMs(c.gpuMs)} / CPU ${fmtMs(c.cpuMs)} ms` : '';
  return { name: (BACKEND_LABELS[b.name] ?? b.name) + how + timed, ...(b.reason ? { reason: b.reason } : {}) };
}

const fmtMs = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** What is committed at once when it changes (the rest a few times a second): busy, starting, a worker's notice. */
const commitKey = (states: readonly PanelWorkerState[]): string => states.map((s) => `${s.busy ? 1 : 0}${s.starting ? 1 : 0}${s.notice ?? ''}`).join('|');

/** Per panel: its health tracker, the last frame it judged, the alert and a refused change. */
export interface PanelWatch {
  tracker: HealthTracker;
  judged: PanelFrame | null;
  alert: PanelAlert | null;
  configError: string | null;
}

export class FrameCommitter {
  private readonly watches = new Map<number, PanelWatch>();
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private lastCommit = 0;
  private committedBusy = '';

  constructor(
    private readonly state: () => AppState,
    private readonly pool: PanelPool,
  ) {}

  /** Forget every panel's health and refused change (a rebuild), or one panel's. */
  forget(id?: number): void {
    if (id === undefined) this.watches.clear();
    else this.watches.delete(id);
  }

  /** Every panel's health starts afresh (a reset). */
  freshTrackers(): void {
    for (const w of this.watches.values()) w.tracker = newTracker();
  }

  /** Panel `id` restarted with a new spec: its health starts afresh, no refusal to show. */
  restarted(id: number): void {
    const w = this.watch(id);
    w.tracker = newTracker();
    w.configError = null;
  }

  /** A change of panel `id` was refused (the message) or taken (null). */
  setConfigError(id: number, message: string | null): void {
    this.watch(id).configError = message;
  }

  private watch(id: number): PanelWatch {
    let w = this.watches.get(id);
    if (!w) this.watches.set(id, (w = { tracker: newTracker(), judged: null, alert: null, configError: null }));
    return w;
  }

  /** Take in the pool's frames: health checks on panels with a new frame, drawing (unless fast-forwarding), a commit. */
  observe(): void {
    const frame = this.pool.frame();
    const ids = this.pool.ids;
    frame.panels.forEach((p, i) => {
      const w = this.watch(ids[i]);
      if (w.judged === p) return;
      w.judged = p;
      const a = panelAlert(w.tracker, p);
      w.alert = a && w.alert && a.severity === w.alert.severity && a.message === w.alert.message ? w.alert : a; // same object: no re-render
    });
    const { fastForward, playing } = this.state();
    if (!(fastForward && playing) || !latestFrame.current) setLatestFrame(frame);
    if (playing && frame.panels.length > 0 && frame.panels.every((p) => p.status === 'failed')) {
      this.state().patchRun({ playing: false, fastForward: false }); // every panel stopped by itself
      void this.pool.pause();
    }
    const busy = commitKey(this.pool.states());
    if (busy !== this.committedBusy || !playing) this.commitNow();
    else this.scheduleCommit();
  }

  /** Commit every panel's summary to the store now. */
  commitNow(): void {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    this.lastCommit = performance.now();
    const frame = this.pool.frame();
    const states = this.pool.states();
    this.committedBusy = commitKey(states);
    const panelRuns: PanelRun[] = frame.panels.map((p, i) => {
      const s = states[i];
      const w = this.watch(s.id);
      return {
        id: s.id,
        iteration: p.iteration,
        status: p.status,
        alert: w.alert,
        configError: w.configError,
        notice: s.notice,
        diagnostics: p.diagnostics,
        stepsPerSecond: s.run.stepsPerSecond,
        busy: s.busy,
        starting: s.starting,
      };
    });
    const iteration = frame.panels.reduce((m, p) => Math.max(m, p.iteration), 0);
    const prev = this.state().backend;
    const next = frame.run.backend ? backendOf(frame.run.backend) : prev;
    const backend = next && prev && next.name === prev.name && next.reason === prev.reason ? prev : next;
    this.state().patchRun({ panelRuns, iteration, backend });
  }

  private scheduleCommit(): void {
    if (this.commitTimer !== undefined) return;
    this.commitTimer = setTimeout(() => this.commitNow(), Math.max(0, this.lastCommit + COMMIT_MS - performance.now()));
  }

}
