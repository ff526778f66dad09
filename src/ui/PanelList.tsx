import { useId } from 'react';
import { SAMPLER_INFO, SAMPLER_LABELS } from '../engine/samplers/catalog';
import { MAX_PANELS, useAppStore } from '../store';
import { panelColour } from './panelColours';

const samplerOptions = SAMPLER_LABELS.map((name) => ({ name, label: SAMPLER_INFO[name].label, doc: SAMPLER_INFO[name].doc }));

/** The 1 to MAX_PANELS (6) sampler panels: a sampler per panel, add / duplicate / remove. */
export function PanelList() {
  const panels = useAppStore((s) => s.panels);
  const { addPanel, removePanel, duplicatePanel, setPanelSampler } = useAppStore.getState();
  const headingId = useId();
  const full = panels.length >= MAX_PANELS;
  return (
    <section className="panel-list" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        Samplers <span className="muted">({panels.length} of {MAX_PANELS})</span>
      </h2>
      <ol>
        {panels.map((p, i) => (
          <li key={p.id} className="panel-list-item" style={{ ['--panel-colour' as string]: panelColour(i) }}>
            <span className="panel-swatch" aria-hidden="true" />
            <label className="visually-hidden" htmlFor={`panel-sampler-${p.id}`}>
              Sampler of panel {i + 1}
            </label>
            <select
              id={`panel-sampler-${p.id}`}
              value={p.sampler}
              data-testid={`panel-sampler-${i}`}
              title={SAMPLER_INFO[p.sampler]?.doc}
              onChange={(e) => setPanelSampler(i, e.target.value)}
            >
              {samplerOptions.map((o) => (
                <option key={o.name} value={o.name} title={o.doc}>
                  {o.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="small icon"
              data-testid={`panel-duplicate-${i}`}
              aria-label={`Duplicate panel ${i + 1}`}
              title="Duplicate (same sampler and parameters)"
              disabled={full}
              onClick={() => duplicatePanel(i)}
            >
              <DuplicateIcon />
            </button>
            <button
              type="button"
              className="small icon"
              data-testid={`panel-remove-${i}`}
              aria-label={`Remove panel ${i + 1}`}
              title="Remove this panel"
              disabled={panels.length <= 1}
              onClick={() => removePanel(i)}
            >
              <RemoveIcon />
            </button>
          </li>
        ))}
      </ol>
      <button type="button" data-testid="add-panel" disabled={full} onClick={() => addPanel()} title={full ? `At most ${MAX_PANELS} panels` : 'Add a sampler panel'}>
        + Add panel
      </button>
      <p className="hint">Each panel runs in its own worker at its own pace: adding or removing one leaves the others running; changing a panel's sampler or parameters restarts only that panel.</p>
    </section>
  );
}

const DuplicateIcon = () => (
  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
    <rect x="1.5" y="3.5" width="8" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    <path d="M4.5 1.5h6.5a1.5 1.5 0 0 1 1.5 1.5v7" fill="none" stroke="currentColor" strokeWidth="1.4" />
  </svg>
);

const RemoveIcon = () => (
  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
    <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
  </svg>
);
