import { PRESET_NAMES, SAMPLER_LABELS, presetInfo } from '../catalog';
import { useAppStore } from '../store';
import { NumberField } from './NumberField';
import { SelectField } from './SelectField';

const targetOptions = PRESET_NAMES.map((name) => ({ value: name, label: presetInfo(name)?.label ?? name }));
const samplerOptions = SAMPLER_LABELS.map((label) => ({ value: label, label }));

/** The experiment's settings; any change restarts the run. */
export function SidePanel() {
  const settings = useAppStore((s) => s.settings);
  const setSetting = useAppStore((s) => s.setSetting);
  const info = presetInfo(settings.target);
  return (
    <aside className="sidepanel" aria-label="Settings">
      <SelectField
        label="Target"
        value={settings.target}
        options={targetOptions}
        onChange={(v) => setSetting('target', v)}
        testId="target"
        hint={info ? `${info.doc}${info.improper ? ' (improper: not normalisable on the plane)' : ''}` : undefined}
      />
      <SelectField
        label="Sampler"
        value={settings.sampler}
        options={samplerOptions}
        onChange={(v) => setSetting('sampler', v)}
        testId="sampler"
      />
      <NumberField label="Particles N" value={settings.n} min={1} onCommit={(v) => setSetting('n', v)} testId="n" />
      <NumberField label="Seed" value={settings.seed} onCommit={(v) => setSetting('seed', v)} testId="seed" />
    </aside>
  );
}
