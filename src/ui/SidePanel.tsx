import type { ExperimentRunKey } from '../engine/experiment/runParams';
import { RUN_PARAMS } from '../engine/experiment/runParams';
import { useAppStore } from '../store';
import { NumberField } from './NumberField';
import { PanelList } from './PanelList';
import { TargetEditor } from './targets/TargetEditor';

type RunKey = ExperimentRunKey;
const TEST_IDS: Readonly<Record<RunKey, string>> = { n: 'n', seed: 'seed', centerX: 'center-x', centerY: 'center-y', spread: 'spread' };

/** One run setting's control, from its declaration (label, range, doc). */
function RunField({ name }: { name: RunKey }) {
  const value = useAppStore((s) => s.settings[name]);
  const setSetting = useAppStore((s) => s.setSetting);
  const decl = RUN_PARAMS[name];
  return <NumberField name={name} decl={decl} label={decl.label ?? name} value={value} onCommit={(v) => setSetting(name, v)} testId={TEST_IDS[name]} />;
}

/** The experiment's target (gallery, brush or formula), shared settings (any change restarts every panel) and the list of panels. */
export function SidePanel() {
  const setSetupOpen = useAppStore((s) => s.setSetupOpen);
  return (
    <aside className="sidepanel" aria-label="Experiment settings" data-testid="sidepanel">
      <div className="sheet-head">
        <strong>Target and samplers</strong>
        <button type="button" className="small primary" data-testid="setup-done" onClick={() => setSetupOpen(false)}>
          Done
        </button>
      </div>
      <TargetEditor />
      <div className="field-row">
        <RunField name="n" />
        <RunField name="seed" />
      </div>
      <fieldset className="cloud">
        <legend>Initial cloud</legend>
        <div className="field-row three">
          <RunField name="centerX" />
          <RunField name="centerY" />
          <RunField name="spread" />
        </div>
      </fieldset>
      <PanelList />
    </aside>
  );
}
