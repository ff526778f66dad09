import { RUN_PARAMS } from '../engine/experiment/runParams';
import { useAppStore } from '../store';
import { NumberField } from './NumberField';
import { PanelList } from './PanelList';
import { TargetEditor } from './targets/TargetEditor';

const P = RUN_PARAMS;

/** The experiment's target (gallery, brush or formula), shared settings (any change restarts every panel) and the list of panels. */
export function SidePanel() {
  const settings = useAppStore((s) => s.settings);
  const setSetting = useAppStore((s) => s.setSetting);
  return (
    <aside className="sidepanel" aria-label="Experiment settings">
      <TargetEditor />
      <div className="field-row">
        <NumberField label="Particles N" value={settings.n} min={P.n.min} max={P.n.max} doc={P.n.doc} onCommit={(v) => setSetting('n', v)} testId="n" />
        <NumberField label="Seed" value={settings.seed} min={P.seed.min} max={P.seed.max} doc={P.seed.doc} onCommit={(v) => setSetting('seed', v)} testId="seed" />
      </div>
      <fieldset className="cloud">
        <legend>Initial cloud</legend>
        <div className="field-row three">
          <NumberField label="Centre x" value={settings.centerX} step="any" doc={P.centerX.doc} onCommit={(v) => setSetting('centerX', v)} testId="center-x" />
          <NumberField label="Centre y" value={settings.centerY} step="any" doc={P.centerY.doc} onCommit={(v) => setSetting('centerY', v)} testId="center-y" />
          <NumberField label="Spread" value={settings.spread} step="any" min={0} doc={P.spread.doc} onCommit={(v) => setSetting('spread', v)} testId="spread" />
        </div>
      </fieldset>
      <PanelList />
    </aside>
  );
}
