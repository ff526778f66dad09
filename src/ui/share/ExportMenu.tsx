import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { panelTitle } from '../text/panelTitle';
import { ExportError } from './composeFigure';
import {
  exportMetricsCsv,
  exportParticlesCsv,
  exportPng,
  exportRunJson,
  metricsUnavailable,
  saveRecording,
  startGridRecording,
} from './exportActions';
import { RecordingIndicator } from './RecordingIndicator';
import { recordingSupport, type CanvasRecording } from './recorder';
import { useDismiss } from './useDismiss';
import { useKeepInViewport } from './useKeepInViewport';
import { useAutoDismiss } from './useAutoDismiss';
import './export.css';

interface Item {
  readonly id: string;
  readonly label: string;
  readonly run: () => void | Promise<void>;
  /** Why the item cannot be used now (shown under it and as its title), or null. */
  readonly disabled?: string | null;
}

interface Message {
  readonly kind: 'error' | 'done';
  readonly text: string;
}

const describe = (e: unknown): string =>
  e instanceof ExportError ? e.message : `Export failed: ${e instanceof Error ? e.message : String(e)}`;

/**
 * Export: pictures (the whole grid or one panel, PNG at device resolution with titles and
 * legends), data (particles and metric histories as CSV, the run as the runner's JSON) and a
 * WebM recording of the panels, with a recording indicator and a message when something fails.
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [recording, setRecording] = useState<CanvasRecording | null>(null);
  const recordingRef = useRef<CanvasRecording | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useKeepInViewport(menuRef, open);
  useKeepInViewport(messageRef, message !== null);
  // A done message goes after 6 s, an error after 15 s (longer while read); the × closes either at once.
  useAutoDismiss(message, message?.kind === 'error' ? 15_000 : 6_000, () => setMessage(null), messageRef);
  useDismiss(open, ref, useCallback(() => setOpen(false), []));
  const panels = useAppStore((s) => s.panels);

  const attempt = useCallback(async (run: () => void | Promise<void>) => {
    setMessage(null);
    try {
      await run();
    } catch (e) {
      setMessage({ kind: 'error', text: describe(e) });
    }
  }, []);

  const stopRecording = useCallback(() => {
    const r = recordingRef.current;
    if (!r) return;
    recordingRef.current = null;
    setRecording(null);
    const seconds = r.elapsed();
    void attempt(async () => {
      saveRecording(await r.stop());
      setMessage({ kind: 'done', text: `Recording saved (${seconds.toFixed(1)} s, WebM).` });
    });
  }, [attempt]);

  // A recording still running when the menu goes away (embed mode) is saved, not lost.
  useEffect(() => () => {
    const r = recordingRef.current;
    recordingRef.current = null;
    if (r) void r.stop().then(saveRecording, () => undefined);
  }, []);

  const support = recordingSupport();
  const items: Item[] = open
    ? [
        { id: 'png-grid', label: 'Whole grid (PNG)', run: () => exportPng(null) },
        ...panels.map((p, k) => ({ id: `png-panel-${k}`, label: `Panel ${k + 1}: ${panelTitle(p.sampler, p.params)} (PNG)`, run: () => exportPng(k) })),
        { id: 'csv', label: 'Particles of every panel (CSV)', run: exportParticlesCsv },
        { id: 'metrics', label: 'Metric histories of every panel (CSV)', run: exportMetricsCsv, disabled: metricsUnavailable() },
        { id: 'json', label: 'Run (JSON for npm run sample -- --config)', run: exportRunJson },
        recording
          ? { id: 'record', label: 'Stop recording and save (WebM)', run: stopRecording }
          : {
              id: 'record',
              label: 'Record the panels (WebM video)',
              disabled: 'reason' in support ? support.reason : null,
              run: () => {
                if ('reason' in support) throw new ExportError(support.reason);
                const r = startGridRecording(support.mimeType);
                recordingRef.current = r;
                setRecording(r);
              },
            },
      ]
    : [];

  return (
    <div className="presets export" ref={ref}>
      <button type="button" className="small" data-testid="export-button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        Export
      </button>
      {recording && <RecordingIndicator recording={recording} onStop={stopRecording} />}
      {open && (
        <ul ref={menuRef} className="presets-menu export-menu" data-testid="export-menu" aria-label="Export">
          {items.map((it) => (
            <li key={it.id}>
              <button
                type="button"
                data-testid={`export-${it.id}`}
                disabled={!!it.disabled}
                title={it.disabled ?? undefined}
                onClick={() => {
                  setOpen(false);
                  void attempt(it.run);
                }}
              >
                <span className="preset-title">{it.label}</span>
                {it.disabled && <span className="preset-note">{it.disabled}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <div ref={messageRef} className={`export-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="export-message">
          <span>{message.text}</span>
          <button type="button" className="small icon" aria-label="Dismiss" title="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
