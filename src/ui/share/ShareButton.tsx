import { useCallback, useEffect, useRef, useState } from 'react';
import { currentLink, embedCode } from '../../url/sync';
import { isUserCsvKey, userCsvName } from '../../engine/targets/blr/dataSets';
import { useAppStore } from '../../store';
import { useDismiss } from '../hooks/useDismiss';
import { useKeepInViewport } from '../hooks/useKeepInViewport';

type What = 'link' | 'embed';
type Shown = { kind: 'idle' } | { kind: 'copied'; what: What } | { kind: 'manual'; what: What; text: string };

const WORDS: Record<What, { copied: string; manual: string }> = {
  link: { copied: 'Link copied', manual: 'Copy this link (Ctrl+C):' },
  embed: { copied: 'Embed code copied', manual: 'Paste this into a course page or slides (Ctrl+C):' },
};

/**
 * Share ▾: "Copy link" (the link that opens this exact experiment) and "Copy embed code" (an
 * <iframe> that shows it with only the panels and play / pause). The clipboard when the browser
 * allows it, else a small popover with the text selected.
 */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const ref = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useDismiss(open, ref, useCallback(() => setOpen(false), []));
  // A run on the user's CSV: the link names the file but cannot hold its data.
  const csvName = useAppStore((s) => (s.targetSpec.kind === 'blr' && isUserCsvKey(s.targetSpec.data) ? userCsvName(s.targetSpec.data) : null));
  const csvNote = csvName ? ` It names your file ${csvName} but does not hold its data: whoever opens it is asked for the file.` : '';
  useKeepInViewport(menuRef, open);
  useEffect(() => {
    if (shown.kind === 'manual') inputRef.current?.select();
    if (shown.kind !== 'copied') return;
    const t = setTimeout(() => setShown({ kind: 'idle' }), 2500);
    return () => clearTimeout(t);
  }, [shown]);
  const copy = async (what: What) => {
    setOpen(false);
    const text = what === 'link' ? currentLink() : embedCode();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setShown({ kind: 'copied', what });
    } catch {
      setShown({ kind: 'manual', what, text });
    }
  };
  return (
    <div className="share" ref={ref}>
      <button type="button" className="small" data-testid="share-menu" aria-expanded={open} aria-haspopup="true" title="Copy a link or an embed code for this experiment" onClick={() => setOpen(!open)}>
        Share ▾
      </button>
      {open && (
        <ul ref={menuRef} className="presets-menu share-menu" data-testid="share-menu-items" aria-label="Share this experiment">
          <li>
            <button type="button" data-testid="share" onClick={() => void copy('link')}>
              <span className="preset-title">Copy link</span>
              <span className="preset-note" data-testid="share-link-note">
                A link that opens this exact experiment (target, samplers, parameters, layout).{csvNote}
              </span>
            </button>
          </li>
          <li>
            <button type="button" data-testid="share-embed" onClick={() => void copy('embed')}>
              <span className="preset-title">Copy embed code</span>
              <span className="preset-note">An &lt;iframe&gt; for a course page or slides: the panels, play / pause and a link to the full playground.{csvNote}</span>
            </button>
          </li>
        </ul>
      )}
      <span className="share-status" role="status" data-testid="share-status">
        {shown.kind === 'copied' ? `${WORDS[shown.what].copied}${csvName ? ` (without the data of ${csvName})` : ''}` : ''}
      </span>
      {shown.kind === 'manual' && (
        <div className="share-popover" role="dialog" aria-label={shown.what === 'link' ? 'Copy this link' : 'Copy the embed code'} data-testid="share-popover">
          <label>
            {WORDS[shown.what].manual}
            <textarea ref={inputRef} readOnly rows={shown.what === 'link' ? 2 : 4} value={shown.text} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" className="small" onClick={() => setShown({ kind: 'idle' })}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
