/**
 * The controller follows the store: a new target or new shared settings rebuild every panel after
 * a short pause (a brush stroke or a typed formula is not rebuilt per keystroke), a panel's new
 * sampler or parameters restart that panel alone, added and removed panels are started and ended
 * one by one, a new speed retunes the running loops, and a new pair of axes is drawn at once.
 */
import type { useAppStore } from '../store';
import type { RunController } from './controller';

const RESTART_DEBOUNCE_MS = 200;
/** A new target (a brush stroke, a formula edit) restarts after this pause. */
const TARGET_DEBOUNCE_MS = 300;
const PANEL_DEBOUNCE_MS = 250;

/** Subscribe `controller` to `store`; returns the unsubscribe (pending restarts are dropped). */
export function followStore(controller: RunController, store: typeof useAppStore): () => void {
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  const panelTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const clearPanelTimers = () => {
    for (const t of panelTimers.values()) clearTimeout(t);
    panelTimers.clear();
  };
  const scheduleRestart = (delay = RESTART_DEBOUNCE_MS) => {
    clearTimeout(restartTimer);
    clearPanelTimers();
    controller.holdForRebuild();
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      void controller.startRun();
    }, delay);
  };
  const schedulePanel = (id: number) => {
    clearTimeout(panelTimers.get(id));
    panelTimers.set(
      id,
      setTimeout(() => {
        panelTimers.delete(id);
        if (store.getState().status === 'error') return scheduleRestart();
        void controller.restartPanel(id);
      }, PANEL_DEBOUNCE_MS),
    );
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.restartRequests !== prev.restartRequests) scheduleRestart();
    else if (s.targetSpec !== prev.targetSpec) scheduleRestart(TARGET_DEBOUNCE_MS);
    else if (s.settings !== prev.settings) scheduleRestart();
    // A new file under the same key, or its reference computed: the workers need the new payload.
    else if (s.blrCsv !== prev.blrCsv && s.targetSpec.kind === 'blr' && s.targetSpec.data === s.blrCsv?.key) scheduleRestart();
    else if (s.panels !== prev.panels) {
      if (s.status === 'ready' && restartTimer === undefined) controller.syncPanels(s.panels, prev.panels, schedulePanel);
      else scheduleRestart(); // no sessions to change one by one: build them all
    }
    if (s.playing && (s.stepsPerSecond !== prev.stepsPerSecond || s.fastForward !== prev.fastForward)) controller.retune();
    if (s.axes !== prev.axes) void controller.applyAxes();
  });
  return () => {
    clearTimeout(restartTimer);
    clearPanelTimers();
    unsubscribe();
  };
}
