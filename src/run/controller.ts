/**
 * Drives the worker from the store: (re)creates the session when settings change, starts and
 * pauses the worker's own run loop, pulls frames with back-pressure (the next frame request
 * leaves only after the previous one arrived, at most once per animation frame), and reports
 * every failure as a message in the store. Callable outside React.
 */
import type { FrameOptions, SessionFrame, SessionRequest } from '../../workers/samplerApi';
import { useAppStore, type Settings } from '../store';
import { latestFrame, setLatestFrame } from './latestFrame';
import { callWorker } from './workerClient';

const RESTART_DEBOUNCE_MS = 200;
/** Speed of Play until the page has a speed control. */
export const PLAY_STEPS_PER_SECOND = 60;

/** What the page draws; the plan image costs an O(n P) pass per new step, so it is asked for only when shown. */
const FRAME_OPTIONS: FrameOptions = { plan: false };

/** Bumped by every (re)start and reset; replies from an older generation are dropped. */
let generation = 0;
/** Single steps requested but not yet sent (Step clicks made while a request was in flight). */
let pendingSteps = 0;
let pumping = false;
/** The worker's run loop is running (started by play, not yet paused). */
let workerRunning = false;
let commitQueued = false;

const store = useAppStore;
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e)) || 'unknown error';
const nextAnimationFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function fail(e: unknown): void {
  store.getState().patchRun({ status: 'error', playing: false, error: errorMessage(e) });
}

/** Show a frame now; commit panel 1's iteration and diagnostics to the store once per animation frame. */
function show(frame: SessionFrame): void {
  setLatestFrame(frame);
  const panel = frame.panels[0];
  if (panel?.status === 'failed' && store.getState().error !== panel.error) {
    store.getState().patchRun({ playing: false, error: panel.error ?? 'the sampler failed' });
  }
  if (commitQueued) return;
  commitQueued = true;
  requestAnimationFrame(() => {
    commitQueued = false;
    const p = latestFrame.current?.panels[0];
    if (p) store.getState().patchRun({ iteration: p.iteration, diagnostics: p.diagnostics });
  });
}

function toRequest(s: Settings): SessionRequest {
  return {
    target: { kind: 'preset', name: s.target },
    n: s.n,
    seed: s.seed,
    panels: [{ sampler: s.sampler, ...(s.params ? { params: { ...s.params } } : {}) }],
  };
}

/** Build a fresh session from the current settings (target, cloud, panel) and show iteration 0. */
export async function startRun(): Promise<void> {
  const g = ++generation;
  pendingSteps = 0;
  workerRunning = false; // a new session starts paused
  const { patchRun, settings } = store.getState();
  patchRun({ status: 'loading', playing: false, error: null });
  try {
    const info = await callWorker((api) => api.createSession(toRequest(settings)));
    if (g !== generation) return;
    const frame = await callWorker((api) => api.frame(FRAME_OPTIONS));
    if (g !== generation) return;
    const panel = frame.panels[0];
    patchRun({ status: 'ready', scene: { box: info.box, heatmap: info.heatmap }, iteration: panel.iteration, diagnostics: panel.diagnostics });
    show(frame);
  } catch (e) {
    if (g !== generation) return;
    setLatestFrame(null);
    patchRun({ scene: null, iteration: 0, diagnostics: {} });
    fail(e);
  }
}

/**
 * One loop talks to the worker while there is something to do: pending single steps, starting
 * or pausing the worker's run loop, and pulling a frame after each of those (and once per
 * animation frame while playing).
 */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  store.getState().patchRun({ busy: true });
  try {
    for (;;) {
      const { status, playing } = store.getState();
      if (status !== 'ready') break;
      const g = generation;
      if (pendingSteps > 0) {
        const k = pendingSteps;
        pendingSteps = 0;
        await callWorker((api) => api.step(k)); // pauses the worker's loop first
        if (g === generation) workerRunning = false;
      } else if (playing && !workerRunning) {
        await callWorker((api) => api.run({ stepsPerSecond: PLAY_STEPS_PER_SECOND }));
        if (g === generation) workerRunning = true;
      } else if (!playing && workerRunning) {
        await callWorker((api) => api.pause());
        if (g === generation) workerRunning = false;
      } else if (!playing) {
        break;
      }
      const frame = await callWorker((api) => api.frame(FRAME_OPTIONS));
      if (g !== generation) continue;
      show(frame);
      if (workerRunning && !frame.run.running) {
        workerRunning = false; // the worker stopped by itself: every panel failed
        store.getState().patchRun({ playing: false });
      }
      if (store.getState().playing && pendingSteps === 0) await nextAnimationFrame();
    }
  } catch (e) {
    fail(e);
  } finally {
    pumping = false;
    store.getState().patchRun({ busy: false });
  }
}

const allFailed = (): boolean => !!latestFrame.current?.panels.every((p) => p.status === 'failed');

export function play(): void {
  if (store.getState().status !== 'ready' || allFailed()) return;
  store.getState().patchRun({ playing: true });
  void pump();
}

export function pause(): void {
  store.getState().patchRun({ playing: false });
  void pump();
}

export function togglePlay(): void {
  if (store.getState().playing) pause();
  else play();
}

/** One iteration (pauses first when playing). */
export function stepOnce(): void {
  if (store.getState().status !== 'ready') return;
  store.getState().patchRun({ playing: false });
  pendingSteps++;
  void pump();
}

/** Back to iteration 0 with the same cloud and seed; rebuilds the session if there is none. */
export async function reset(): Promise<void> {
  const { scene, patchRun } = store.getState();
  if (!scene) return startRun();
  const g = ++generation;
  pendingSteps = 0;
  patchRun({ playing: false, error: null });
  try {
    await callWorker((api) => api.reset()); // pauses the worker's loop
    if (g !== generation) return;
    workerRunning = false;
    const frame = await callWorker((api) => api.frame(FRAME_OPTIONS));
    if (g !== generation) return;
    const panel = frame.panels[0];
    patchRun({ status: 'ready', iteration: panel.iteration, diagnostics: panel.diagnostics });
    show(frame);
  } catch (e) {
    if (g === generation) fail(e);
  }
}

/** Start the first session and restart (debounced) whenever the settings change. */
export function startController(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.settings === prev.settings) return;
    clearTimeout(timer);
    pause();
    timer = setTimeout(() => void startRun(), RESTART_DEBOUNCE_MS);
  });
  void startRun();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
