import { useCallback, useRef, useState } from 'react';
import { checkParam } from '../engine/params/declare';
import { RUN_TO_PARAM, runToStep } from '../run/runToStep';
import { useAppStore } from '../store';
import { useDismiss } from './hooks/useDismiss';
import { useKeepInViewport } from './hooks/useKeepInViewport';

/**
 * "Run all to step K": a top-bar button opening a small form (K, Go, what it does); while the
 * panels get there the button reads "to K…" and cancels; if a panel could not reach K, why.
 * Comparable snapshots for the exports (every panel at K).
 */
export function RunToControl() {
  const ready = useAppStore((s) => s.status === 'ready');
  const runTo = useAppStore((s) => s.runTo);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(String(RUN_TO_PARAM.default));
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useDismiss(open, ref, useCallback(() => setOpen(false), []));
  useKeepInViewport(formRef, open);
  const running = runTo?.status === 'running';
  const go = () => {
    try {
      const k = checkParam('K', RUN_TO_PARAM, text.trim() === '' ? NaN : Number(text)) as number;
      setError(null);
      setOpen(false);
      void runToStep.start(k);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const problem = runTo?.status === 'error' ? runTo.message : null;
  return (
    <div className="presets run-to" ref={ref}>
      {running ? (
        <button type="button" className="small" data-testid="run-to-cancel" title={`Every panel is running to step ${runTo.target}: Cancel stops them where they are`} onClick={() => runToStep.cancel()}>
          to {runTo.target}… Cancel
        </button>
      ) : (
        <button type="button" className="small" data-testid="run-to-open" aria-expanded={open} aria-haspopup="true" disabled={!ready} title={RUN_TO_PARAM.doc} onClick={() => setOpen(!open)}>
          To step…
        </button>
      )}
      {problem && !open && (
        <span className="run-to-status problem" role="alert" data-testid="run-to-problem">
          {problem}
        </span>
      )}
      {open && (
        <form
          ref={formRef}
          className="share-popover run-to-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            go();
          }}
        >
          <label>
            Run every panel to step K
            <input type="number" inputMode="numeric" min={RUN_TO_PARAM.min} max={RUN_TO_PARAM.max} step={1} value={text} aria-invalid={error !== null} data-testid="run-to-k" autoFocus onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" className="small primary" data-testid="run-to">
            Go
          </button>
          {error && (
            <p className="run-to-status problem" role="alert" data-testid="run-to-problem">
              {error}
            </p>
          )}
          <p className="preset-note">{RUN_TO_PARAM.doc}</p>
        </form>
      )}
    </div>
  );
}
