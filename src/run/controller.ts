/**
 * Drives the worker from the store: (re)starts runs when settings change, steps with
 * back-pressure (the next request leaves only after the previous frame arrived), and
 * reports every failure as a message in the store. Callable outside React.
 */
import type { Frame, InitRequest } from '../../workers/samplerApi';
import { useAppStore, type Settings } from '../store';
import { latestFrame, setLatestFrame } from './latestFrame';
import { callWorker } from './workerClient';

const RESTART_DEBOUNCE_MS = 200;

/** Bumped by every (re)start and reset; replies from an older generation are dropped. */
let generation = 0;
/** Single steps requested but not yet sent (Step clicks made while a request was in flight). */
let pendingSteps = 0;
let draining = false;
let commitQueued = false;

const store = useAppStore;
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e)) || 'unknown error';

function fail(e: unknown): void {
  store.getState().patchRun({ status: 'error', playing: false, error: errorMessage(e) });
}

/** Show a frame now; commit its iteration and diagnostics to the store once per animation frame. */
function show(frame: Frame): void {
  setLatestFrame(frame);
  if (commitQueued) return;
  commitQueued = true;
  requestAnimationFrame(() => {
    commitQueued = false;
    const f = latestFrame.current;
    if (f) store.getState().patchRun({ iteration: f.iteration, diagnostics: f.diagnostics });
  });
}

function toRequest(s: Settings): InitRequest {
  return { target: s.target, sampler: s.sampler, n: s.n, seed: s.seed, ...(s.params ? { params: { ...s.params } } : {}) };
}

/** Build a fresh run from the current settings (target, cloud, sampler) and show iteration 0. */
export async function startRun(): Promise<void> {
  const g = ++generation;
  pendingSteps = 0;
  const { patchRun, settings } = store.getState();
  patchRun({ status: 'loading', playing: false, error: null });
  try {
    const scene = await callWorker((api) => api.init(toRequest(settings)));
    if (g !== generation) return;
    const frame = await callWorker((api) => api.step(0));
    if (g !== generation) return;
    patchRun({ status: 'ready', scene, iteration: frame.iteration, diagnostics: frame.diagnostics });
    show(frame);
  } catch (e) {
    if (g !== generation) return;
    setLatestFrame(null);
    patchRun({ scene: null, iteration: 0, diagnostics: {} });
    fail(e);
  }
}

/** Send step requests one at a time while there are pending steps or the run is playing. */
async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  store.getState().patchRun({ busy: true });
  try {
    for (;;) {
      const { status, playing } = store.getState();
      if (status !== 'ready' || (pendingSteps === 0 && !playing)) break;
      const k = pendingSteps > 0 ? pendingSteps : 1;
      pendingSteps = 0;
      const g = generation;
      const frame = await callWorker((api) => api.step(k));
      if (g === generation) show(frame);
    }
  } catch (e) {
    fail(e);
  } finally {
    draining = false;
    store.getState().patchRun({ busy: false });
  }
}

export function play(): void {
  if (store.getState().status !== 'ready') return;
  store.getState().patchRun({ playing: true });
  void drain();
}

export function pause(): void {
  store.getState().patchRun({ playing: false });
}

export function togglePlay(): void {
  if (store.getState().playing) pause();
  else play();
}

/** One iteration (pauses first when playing). */
export function stepOnce(): void {
  if (store.getState().status !== 'ready') return;
  pause();
  pendingSteps++;
  void drain();
}

/** Back to iteration 0 with the same cloud and seed; rebuilds the run if there is none. */
export async function reset(): Promise<void> {
  const { scene, patchRun } = store.getState();
  if (!scene) return startRun();
  const g = ++generation;
  pendingSteps = 0;
  patchRun({ playing: false, error: null });
  try {
    await callWorker((api) => api.reset());
    const frame = await callWorker((api) => api.step(0));
    if (g !== generation) return;
    patchRun({ status: 'ready', iteration: frame.iteration, diagnostics: frame.diagnostics });
    show(frame);
  } catch (e) {
    if (g === generation) fail(e);
  }
}

/** Start the first run and restart (debounced) whenever the settings change. */
export function startController(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.settings === prev.settings) return;
    clearTimeout(timer);
    store.getState().patchRun({ playing: false });
    timer = setTimeout(() => void startRun(), RESTART_DEBOUNCE_MS);
  });
  void startRun();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
