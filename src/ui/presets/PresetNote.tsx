import { useAppStore } from '../../store';

/** The opened preset's title and what to watch in it, on screen until dismissed (the menu that listed it has closed). */
export function PresetNote() {
  const preset = useAppStore((s) => s.openedPreset);
  const setOpenedPreset = useAppStore((s) => s.setOpenedPreset);
  if (!preset) return null;
  return (
    <aside className="preset-banner" data-testid="preset-note" aria-label="About this preset">
      <p>
        <strong>{preset.title}.</strong> {preset.note}
      </p>
      <button type="button" className="small" data-testid="dismiss-preset-note" aria-label="Dismiss the preset note" onClick={() => setOpenedPreset(null)}>
        Dismiss
      </button>
    </aside>
  );
}
