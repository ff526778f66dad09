import { useEffect, useRef, useState } from 'react';
import { currentLink, embedCode } from '../../url/sync';

type What = 'link' | 'embed';
type Shown = { kind: 'idle' } | { kind: 'copied'; what: What } | { kind: 'manual'; what: What; text: string };

const WORDS: Record<What, { copied: string; manual: string }> = {
  link: { copied: 'Link copied', manual: 'Copy this link (Ctrl+C):' },
  embed: { copied: 'Embed code copied', manual: 'Paste this into a course page or slides (Ctrl+C):' },
};

/**
 * "Copy link" and "Embed": the link that opens this exact experiment, or an <iframe> that shows it
 * with only the panels and play / pause. The clipboard when the browser allows it, else a small
 * popover with the text selected.
 */
export function ShareButton() {
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (shown.kind === 'manual') inputRef.current?.select();
    if (shown.kind !== 'copied') return;
    const t = setTimeout(() => setShown({ kind: 'idle' }), 2500);
    return () => clearTimeout(t);
  }, [shown]);
  const copy = async (what: What) => {
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
    <div className="share">
      <button type="button" className="small" data-testid="share" title="Copy a link that opens this exact experiment" onClick={() => void copy('link')}>
        Copy link
      </button>
      <button
        type="button"
        className="small"
        data-testid="share-embed"
        title="Copy an <iframe> that shows this experiment in a course page or slides: the panels, play / pause and a link to the full playground"
        onClick={() => void copy('embed')}
      >
        Embed
      </button>
      <span className="share-status" role="status" data-testid="share-status">
        {shown.kind === 'copied' ? WORDS[shown.what].copied : ''}
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
