import { useCallback, useRef, useState } from 'react';
import { useDismiss } from './useDismiss';
import { latestFrame } from '../../run/latestFrame';
import { useAppStore } from '../../store';
import { experimentOf, sharedParts } from '../../url/storeBridge';
import { download, particlesCsv, runConfigJson } from './exportFiles';

/**
 * Export: the run as JSON in the runner's format, the particles as CSV, each panel's plot as PNG.
 * (A recording, a whole-grid picture with legend and the stage-by-stage view are not built yet.)
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(open, ref, useCallback(() => setOpen(false), []));
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const items: { id: string; label: string; run: () => void }[] = [
    {
      id: 'json',
      label: 'Run (JSON for npm run sample -- --config)',
      run: () => {
        const s = useAppStore.getState();
        const steps = Math.max(0, ...s.panelRuns.map((r) => r.iteration));
        download(`etd-run-${stamp()}.json`, new Blob([runConfigJson(experimentOf(sharedParts(s)), steps)], { type: 'application/json' }));
      },
    },
    {
      id: 'csv',
      label: 'Particles of every panel (CSV)',
      run: () => {
        const frame = latestFrame.current;
        if (!frame) return;
        const samplers = useAppStore.getState().panels.map((p) => p.sampler);
        download(`etd-particles-${stamp()}.csv`, new Blob([particlesCsv(frame, samplers)], { type: 'text/csv' }));
      },
    },
    {
      id: 'png',
      label: 'Each panel’s plot (PNG)',
      run: () => {
        document.querySelectorAll<HTMLCanvasElement>('canvas[data-testid="panel-canvas"]').forEach((c, k) =>
          c.toBlob((b) => b && download(`etd-panel-${k + 1}-${stamp()}.png`, b), 'image/png'),
        );
      },
    },
  ];
  return (
    <div className="presets" ref={ref}>
      <button type="button" className="small" data-testid="export-button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        Export
      </button>
      {open && (
        <ul className="presets-menu export-menu" data-testid="export-menu" aria-label="Export">
          {items.map((it) => (
            <li key={it.id}>
              <button
                type="button"
                data-testid={`export-${it.id}`}
                onClick={() => {
                  it.run();
                  setOpen(false);
                }}
              >
                <span className="preset-title">{it.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
