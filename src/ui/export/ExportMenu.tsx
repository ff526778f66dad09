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
  PNG_SCALES,
  pngSize,
  saveRecording,
  startGridRecording,
} from './exportActions';
import { exportViParameters, viUnavailable } from './viExport';
import { RecordingIndicator } from './RecordingIndicator';
import { GIF_LIMITS, recordingSupport, type Recording, type RecordingKind } from './recorder';
import { useDismiss } from '../hooks/useDismiss';
import { useKeepInViewport } from '../hooks/useKeepInViewport';
import { useAutoDismiss } from '../hooks/useAutoDismiss';
import './export.css';

interface Item {
  readonly id: string;
  readonly label: string;
  readonly run: () => void | Promise<void>;
  /** Why the item cannot be used now (shown under it and as its title), or null. */
  readonly disabled?: string | null;
  /** A line under the label (what the file holds). */
  readonly note?: string;
}

interface Message {
  readonly kind: 'error' | 'done';
  readonly text: string;
}

const describe = (e: unknown): string =>
  e instanceof ExportError ? e.message : `Export failed: ${e instanceof Error ? e.message : String(e)}`;

/** "1892 × 1114 px", or '' when the plots are not on the page. */
function sizeNote(panel: number | null, scale: number): string {
  try {
    const s = pngSize(panel, scale);
    return `${s.width} × ${s.height} px`;
  } catch {
    return '';
  }
}

/**
 * Export: pictures (the whole grid or one panel as PNG at 1x, 2x or 3x the page's size, drawn
 * afresh at that resolution, with titles, legends and every panel's iteration), data (particles
 * and metric histories as CSV, the run as the runner's JSON, a variational panel's q as JSON), a
 * video recording (MP4 or WebM with a duration and a seek index) or a short GIF loop, with a
 * recording indicator and messages that go by themselves.
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [scale, setScale] = useState<number>(2);
  const [message, setMessage] = useState<Message | null>(null);
  const [recording, setRecording] = useState<Recording | null>(null);
  const recordingRef = useRef<Recording | null>(null);
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
    void attempt(async () => {
      const file = await r.stop();
      saveRecording(file);
      setMessage({ kind: 'done', text: `Recording saved: ${file.seconds.toFixed(1)} s, ${file.frames} frames, ${file.format}${file.note ? ` (${file.note})` : ''}.` });
    });
  }, [attempt]);

  const startRecording = (kind: RecordingKind) =>
    attempt(async () => {
      const r = await startGridRecording(kind, () => stopRecording());
      recordingRef.current = r;
      setRecording(r);
    });

  // A recording still running when the menu goes away (embed mode) is saved, not lost.
  useEffect(() => () => {
    const r = recordingRef.current;
    recordingRef.current = null;
    if (r) void r.stop().then(saveRecording, () => undefined);
  }, []);

  const video = recordingSupport('video');
  const gif = recordingSupport('gif');
  const items: Item[] = open
    ? [
        { id: 'png-grid', label: `Whole grid (PNG ${scale}x)`, note: sizeNote(null, scale), run: () => exportPng(null, scale) },
        ...panels.map((p, k) => ({ id: `png-panel-${k}`, label: `Panel ${k + 1}: ${panelTitle(p.sampler, p.params)} (PNG ${scale}x)`, note: sizeNote(k, scale), run: () => exportPng(k, scale) })),
        { id: 'csv', label: 'Particles of every panel (CSV)', note: 'header first: panel, sampler, iteration, particle, coordinates', run: exportParticlesCsv },
        { id: 'metrics', label: 'Metric histories of every panel (CSV)', note: 'header first; VI panels add ELBO and gradient norm', run: exportMetricsCsv, disabled: metricsUnavailable() },
        { id: 'json', label: 'Run (JSON for npm run sample -- --config)', run: exportRunJson },
        { id: 'vi', label: 'Variational q of every VI panel (JSON)', note: 'means, covariances and weights of the components', run: exportViParameters, disabled: viUnavailable() },
        ...(recording
          ? [{ id: 'record', label: `Stop recording and save (${recording.kind === 'gif' ? 'GIF' : 'video'})`, run: stopRecording }]
          : [
              {
                id: 'record',
                label: 'Record the panels (video, MP4 or WebM)',
                note: 'with its duration and a seek index, for slides',
                disabled: 'reason' in video ? video.reason : null,
                run: () => startRecording('video'),
              },
              {
                id: 'record-gif',
                label: `Record a short loop (GIF, up to ${GIF_LIMITS.maxSeconds} s)`,
                note: `${GIF_LIMITS.fps} frames a second, at most ${GIF_LIMITS.maxWidth} px wide`,
                disabled: 'reason' in gif ? gif.reason : null,
                run: () => startRecording('gif'),
              },
            ]),
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
          <li className="export-scale" role="group" aria-label="Picture size">
            <span>PNG size</span>
            {PNG_SCALES.map((s) => (
              <label key={s} title={`${s} output pixels per pixel of the page${s === 2 ? ' (sharp on slides and high-density screens)' : ''}`}>
                <input type="radio" name="png-scale" value={s} checked={scale === s} data-testid={`export-scale-${s}`} onChange={() => setScale(s)} /> {s}x
              </label>
            ))}
          </li>
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
                {(it.disabled ?? it.note) && <span className="preset-note">{it.disabled ?? it.note}</span>}
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
