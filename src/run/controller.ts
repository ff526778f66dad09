/**
 * Drives the worker from the store: (re)creates the session when the shared settings or the
 * number of panels change, restarts a single panel when its sampler or parameters change,
 * starts, retunes and pauses the worker's own run loop, and pulls frames with back-pressure
 * (the next request leaves only after the previous reply, at most once per animation frame;
 * a few light frames a second while fast-forwarding). Every failure becomes a message in the
 * store. Callable outside React.
 */
import type { FrameOptions, PanelSpec, SessionFrame, SessionRequest } from '../../workers/samplerApi';
import { useAppStore, type PanelSetting } from '../store';
import { emptyPanelRun, type BackendInfo, type PanelRun } from '../store/runSlice';
import { framesNeed } from './frameNeeds';
import { latestFrame, setLatestFrame } from './latestFrame';
import { newTracker, panelAlert, type HealthTracker, type PanelAlert } from './panelHealth';
import { FAST_FORWARD_SPEED } from './speed';
import { callWorker } from './workerClient';

const RESTART_DEBOUNCE_MS = 200;
/** A new target (a brush stroke, a formula edit) restarts after this pause. */
const TARGET_DEBOUNCE_MS = 300;
const PANEL_DEBOUNCE_MS = 250;
/** Iterations and diagnostics reach React at most this often. */
const COMMIT_MS = 100;
/** Light frames while fast-forwarding: the counter moves, nothing is drawn. */
const FAST_FORWARD_POLL_MS = 250;
const LIGHT_FRAME: FrameOptions = { trails: false, plan: false, history: false };

/** Bumped by every (re)start and reset; replies from an older generation are dropped. */
let generation = 0;
/** Single steps requested but not yet sent (Step clicks made while a request was in flight). */
let pendingSteps = 0;
/** Panel restarts waiting to be sent, by panel index. */
const pendingPanels = new Map<number, PanelSpec>();
let pumping = false;
/** Rate the worker's run loop was started with, or null while it is stopped. */
let workerRate: number | null = null;
/** Resume playing once the pending restart has built the new session. */
let resumeAfterRestart = false;

let trackers: HealthTracker[] = [];
let alerts: (PanelAlert | null)[] = [];
let configErrors: (string | null)[] = [];
let observed: SessionFrame | null = null;
let commitTimer: ReturnType<typeof setTimeout> | undefined;
let lastCommit = 0;

const store = useAppStore;
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e)) || 'unknown error';
const nextAnimationFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function fail(e: unknown): void {
  resumeAfterRestart = false;
  store.getState().patchRun({ status: 'error', playing: false, fastForward: false, error: errorMessage(e) });
}

/** The frame parts the mounted views need. */
const frameOptions = (): FrameOptions => ({ trails: true, plan: framesNeed('plan'), history: framesNeed('history') });

/** Commit the last observed frame's per-panel summary to the store now. */
function commitNow(): void {
  clearTimeout(commitTimer);
  commitTimer = undefined;
  lastCommit = performance.now();
  const frame = observed;
  if (!frame) return;
  const panelRuns: PanelRun[] = frame.panels.map((p, i) => ({
    iteration: p.iteration,
    status: p.status,
    alert: alerts[i] ?? null,
    configError: configErrors[i] ?? null,
    diagnostics: p.diagnostics,
  }));
  const iteration = frame.panels.reduce((m, p) => Math.max(m, p.iteration), 0);
  const prev = store.getState().backend;
  const next = frame.run.backend ? backendOf(frame.run.backend) : prev;
  const backend = next && prev && next.name === prev.name && next.reason === prev.reason ? prev : next;
  store.getState().patchRun({ panelRuns, iteration, measuredRate: frame.run.stepsPerSecond, backend });
}

function scheduleCommit(): void {
  if (commitTimer !== undefined) return;
  commitTimer = setTimeout(commitNow, Math.max(0, lastCommit + COMMIT_MS - performance.now()));
}

/** Take in a frame: health checks on every panel, drawing (unless fast-forwarding), a throttled commit. */
function observe(frame: SessionFrame, draw: boolean): void {
  if (draw) setLatestFrame(frame);
  observed = frame;
  alerts = frame.panels.map((p, i) => {
    const a = panelAlert((trackers[i] ??= newTracker()), p);
    const prev = alerts[i];
    return a && prev && a.severity === prev.severity && a.message === prev.message ? prev : a; // same object: no re-render
  });
  scheduleCommit();
}

function panelSpec(p: PanelSetting): PanelSpec {
  return { sampler: p.sampler, ...(Object.keys(p.params).length ? { params: { ...p.params } } : {}) };
}

function toRequest(): SessionRequest {
  const { settings: s, panels, targetSpec } = store.getState();
  return {
    target: targetSpec,
    n: s.n,
    seed: s.seed,
    cloud: { center: [s.centerX, s.centerY], spread: s.spread },
    panels: panels.map(panelSpec),
  };
}

const BACKEND_LABELS: Readonly<Record<string, string>> = { cpu: 'CPU (typed arrays)', webgpu: 'WebGPU' };

/** The backend the worker computes with, as the top bar shows it (the CPU path when it does not say). */
function backendOf(b: { name?: string; reason?: string } | undefined): BackendInfo {
  if (!b?.name) return { name: BACKEND_LABELS.cpu };
  return { name: BACKEND_LABELS[b.name] ?? b.name, ...(b.reason ? { reason: b.reason } : {}) };
}

function clearPanelState(): void {
  trackers = [];
  alerts = [];
  configErrors = [];
}

/** Build a fresh session from the current settings and panels, and show iteration 0. */
export async function startRun(): Promise<void> {
  const g = ++generation;
  pendingSteps = 0;
  pendingPanels.clear();
  workerRate = null; // a new session starts paused
  const resume = resumeAfterRestart || store.getState().playing;
  resumeAfterRestart = false;
  const { patchRun } = store.getState();
  patchRun({ status: 'loading', playing: false, fastForward: false, error: null });
  try {
    const info = await callWorker((api) => api.createSession(toRequest()));
    if (g !== generation) return;
    const frame = await callWorker((api) => api.frame(frameOptions()));
    if (g !== generation) return;
    clearPanelState();
    patchRun({ status: 'ready', scene: { box: info.box, heatmap: info.heatmap }, backend: backendOf(info.backend) });
    observe(frame, true);
    commitNow();
    if (resume) play();
  } catch (e) {
    if (g !== generation) return;
    setLatestFrame(null);
    observed = null;
    clearPanelState();
    patchRun({ scene: null, iteration: 0, panelRuns: store.getState().panels.map(() => emptyPanelRun) });
    fail(e);
  }
}

/** Send the queued panel restarts; a refused spec leaves that panel as it was, with a message. */
async function sendPanelSpecs(g: number): Promise<void> {
  const entries = [...pendingPanels];
  pendingPanels.clear();
  for (const [index, spec] of entries) {
    try {
      await callWorker((api) => api.setPanel(index, spec));
      if (g !== generation) return;
      trackers[index] = newTracker();
      configErrors[index] = null;
    } catch (e) {
      if (g !== generation) return;
      configErrors[index] = errorMessage(e);
    }
  }
}

/**
 * One loop talks to the worker while there is something to do: panel restarts, single steps,
 * starting, retuning or pausing the worker's run loop, and pulling a frame after each of those
 * (and once per animation frame while playing; a light one every 250 ms while fast-forwarding).
 */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  store.getState().patchRun({ busy: true });
  try {
    for (;;) {
      const { status, playing, fastForward, stepsPerSecond } = store.getState();
      if (status !== 'ready') break;
      const g = generation;
      const rate = fastForward ? FAST_FORWARD_SPEED : stepsPerSecond;
      if (pendingPanels.size > 0) {
        await sendPanelSpecs(g);
      } else if (pendingSteps > 0) {
        const k = pendingSteps;
        pendingSteps = 0;
        await callWorker((api) => api.step(k)); // pauses the worker's loop first
        if (g === generation) workerRate = null;
      } else if (playing && workerRate !== rate) {
        await callWorker((api) => api.run({ stepsPerSecond: rate }));
        if (g === generation) workerRate = rate;
      } else if (!playing && workerRate !== null) {
        await callWorker((api) => api.pause());
        if (g === generation) workerRate = null;
      } else if (!playing) {
        break;
      }
      const light = store.getState().fastForward && store.getState().playing;
      const frame = await callWorker((api) => api.frame(light ? LIGHT_FRAME : frameOptions()));
      if (g !== generation) continue;
      observe(frame, !light);
      if (workerRate !== null && !frame.run.running) {
        workerRate = null; // the worker stopped by itself: every panel failed
        store.getState().patchRun({ playing: false, fastForward: false });
      }
      if (!light) commitSoonAfterStep();
      if (store.getState().playing && pendingSteps === 0 && pendingPanels.size === 0) {
        await (light ? sleep(FAST_FORWARD_POLL_MS) : nextAnimationFrame());
      }
    }
  } catch (e) {
    fail(e);
  } finally {
    pumping = false;
    store.getState().patchRun({ busy: false });
  }
}

/** A single step or a panel restart shows its result at once rather than at the next tick. */
function commitSoonAfterStep(): void {
  if (!store.getState().playing) commitNow();
}

const allFailed = (): boolean => !!observed?.panels.every((p) => p.status === 'failed');

export function play(): void {
  if (store.getState().status !== 'ready' || allFailed()) return;
  store.getState().patchRun({ playing: true });
  void pump();
}

export function pause(): void {
  store.getState().patchRun({ playing: false, fastForward: false });
  void pump();
}

export function togglePlay(): void {
  if (store.getState().playing) pause();
  else play();
}

/** Fast-forward on: run at full speed and stop drawing; off: back to the chosen speed, still playing. */
export function toggleFastForward(): void {
  const { fastForward, status } = store.getState();
  if (fastForward) {
    store.getState().patchRun({ fastForward: false });
    void pump();
    return;
  }
  if (status !== 'ready' || allFailed()) return;
  store.getState().patchRun({ fastForward: true, playing: true });
  void pump();
}

/** One iteration of every panel (pauses first when playing). */
export function stepOnce(): void {
  if (store.getState().status !== 'ready') return;
  store.getState().patchRun({ playing: false, fastForward: false });
  pendingSteps++;
  void pump();
}

/** Every panel back to iteration 0 with the same cloud and seed; rebuilds the session if there is none. */
export async function reset(): Promise<void> {
  const { scene, patchRun, status } = store.getState();
  if (!scene || status === 'error') return startRun();
  const g = ++generation;
  pendingSteps = 0;
  patchRun({ playing: false, fastForward: false, error: null });
  try {
    await callWorker((api) => api.reset()); // pauses the worker's loop
    if (g !== generation) return;
    workerRate = null;
    const frame = await callWorker((api) => api.frame(frameOptions()));
    if (g !== generation) return;
    trackers = [];
    patchRun({ status: 'ready' });
    observe(frame, true);
    commitNow();
    if (pendingPanels.size > 0) void pump();
  } catch (e) {
    if (g === generation) fail(e);
  }
}

/** Start the first session; rebuild it (debounced) when the target, the shared settings or the panel count change, restart single panels on their own. */
export function startController(): () => void {
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  const panelTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const clearPanelTimers = () => {
    for (const t of panelTimers.values()) clearTimeout(t);
    panelTimers.clear();
  };
  const scheduleRestart = (delay = RESTART_DEBOUNCE_MS) => {
    clearTimeout(restartTimer);
    clearPanelTimers();
    if (store.getState().playing) resumeAfterRestart = true;
    pause();
    restartTimer = setTimeout(() => void startRun(), delay);
  };
  const schedulePanel = (index: number) => {
    clearTimeout(panelTimers.get(index));
    panelTimers.set(
      index,
      setTimeout(() => {
        panelTimers.delete(index);
        const p = store.getState().panels[index];
        if (!p) return;
        if (store.getState().status === 'error') return scheduleRestart();
        pendingPanels.set(index, panelSpec(p));
        void pump();
      }, PANEL_DEBOUNCE_MS),
    );
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.targetSpec !== prev.targetSpec) {
      scheduleRestart(TARGET_DEBOUNCE_MS);
    } else if (s.settings !== prev.settings || s.panels.length !== prev.panels.length) {
      scheduleRestart();
    } else if (s.panels !== prev.panels) {
      s.panels.forEach((p, i) => {
        if (p !== prev.panels[i]) schedulePanel(i);
      });
    }
    if (s.playing && (s.stepsPerSecond !== prev.stepsPerSecond || s.fastForward !== prev.fastForward)) void pump();
  });
  void startRun();
  return () => {
    clearTimeout(restartTimer);
    clearPanelTimers();
    unsubscribe();
  };
}

/** For views that want the raw latest frame (drawing); re-exported so they need not know the module. */
export { latestFrame };
