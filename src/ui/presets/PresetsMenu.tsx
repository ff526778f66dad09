import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../hooks/useDismiss';
import { useKeepInViewport } from '../hooks/useKeepInViewport';
import { PRESETS } from '../../url/presets';
import { openQuery } from '../../url/sync';
import { useAppStore } from '../../store';

/** The gallery of named experiments: each opens like a link, with one line on what to watch. */
export function PresetsMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  useDismiss(open, ref, useCallback(() => setOpen(false), []));
  useKeepInViewport(menuRef, open);
  return (
    <div className="presets" ref={ref}>
      <button type="button" className="small" data-testid="presets-button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        Presets
      </button>
      {open && (
        <ul ref={menuRef} className="presets-menu" data-testid="presets-menu" aria-label="Named experiments">
          {PRESETS.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                data-testid={`named-preset-${p.id}`}
                onClick={() => {
                  openQuery(p.query);
                  useAppStore.getState().setOpenedPreset({ title: p.title, note: p.note });
                  setOpen(false);
                }}
              >
                <span className="preset-title">{p.title}</span>
                <span className="preset-note">{p.note}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
