import { useEffect, useRef, useState } from 'react';
import { PRESETS } from '../../url/presets';
import { openQuery } from '../../url/sync';

/** The gallery of named experiments: each opens like a link, with one line on what to watch. */
export function PresetsMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="presets" ref={ref}>
      <button type="button" className="small" data-testid="presets-button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        Presets
      </button>
      {open && (
        <ul className="presets-menu" data-testid="presets-menu" aria-label="Named experiments">
          {PRESETS.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                data-testid={`named-preset-${p.id}`}
                onClick={() => {
                  openQuery(p.query);
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
