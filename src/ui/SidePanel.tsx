import { PRESET_NAMES, presetInfo } from '../catalog';
import { RUN_PARAMS } from '../engine/experiment/runParams';
import { useAppStore } from '../store';
import { NumberField } from './NumberField';
import { PanelList } from './PanelList';
import { SelectField } from './SelectField';

const targetOptions = PRESET_NAMES.map((name) => ({ value: name, label: presetInfo(name)?.label ?? name, title: presetInfo(name)?.doc }));
const P = RUN_PARAMS;

/** The experiment's shared settings (any change restarts every panel) and the list of panels. */
export function SidePanel() {
  const settings = useAppStore((s) => s.settings);
  const setSetting = useAppStore((s) => s.setSetting);
  const info = presetInfo(settings.target);
  return (
    <aside className="sidepanel" aria-label="Experiment settings">
      <SelectField
        label="Target"
        value={settings.target}
        options={targetOptions}
        onChange={(v) => setSetting('target', v)}
        testId="target"
        hint={info ? `${info.doc}${info.improper ? ' (improper: softly confined to the box)' : ''}` : undefined}
      />
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
