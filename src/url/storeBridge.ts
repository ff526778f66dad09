/** The experiment as the store holds it, and back: the only place that knows which slice keeps what. */
import { pickRunValues } from '../engine/experiment/runParams';
import type { AppState } from '../store';
import { useAppStore } from '../store';
import { urlTargetOf, type Experiment } from './schema';

type Shared = Pick<AppState, 'targetSpec' | 'settings' | 'panels' | 'stepsPerSecond' | 'viewMode' | 'hidden'>;

/** The parts of the state a link describes (compared by reference to skip work on unrelated updates). */
export const sharedParts = (s: AppState): Shared => ({
  targetSpec: s.targetSpec,
  settings: s.settings,
  panels: s.panels,
  stepsPerSecond: s.stepsPerSecond,
  viewMode: s.viewMode,
  hidden: s.hidden,
});

export const sameShared = (a: Shared, b: Shared): boolean =>
  (Object.keys(a) as (keyof Shared)[]).every((k) => a[k] === b[k]);

/** The running experiment (the target that runs, not an editor's draft with an error). */
export function experimentOf(s: Shared): Experiment {
  return {
    target: urlTargetOf(s.targetSpec),
    run: pickRunValues(s.settings),
    panels: s.panels.map((p) => ({ sampler: p.sampler, params: p.params })),
    speed: s.stepsPerSecond,
    view: { mode: s.viewMode, hide: s.hidden },
  };
}

/** Load an experiment into the store; `view` also applies its layout (links do, named presets do not). */
export function applyExperiment(e: Experiment, { view }: { view: boolean }): void {
  const st = useAppStore.getState();
  st.requestRestart(); // a new experiment: every panel starts afresh, even one whose setting is unchanged
  st.setTargetSpec(e.target);
  const settings = { ...st.settings, ...e.run };
  if ((Object.keys(settings) as (keyof typeof settings)[]).some((k) => !Object.is(settings[k], st.settings[k]))) useAppStore.setState({ settings });
  st.loadPanels(e.panels);
  st.setStepsPerSecond(e.speed);
  if (view) st.setView(e.view.mode, e.view.hide);
}
