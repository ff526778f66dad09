import { useEffect, useRef, useState } from 'react';
import { currentLink } from '../../url/sync';

type Shown = { kind: 'idle' } | { kind: 'copied' } | { kind: 'manual'; link: string };

/** "Copy link": the clipboard when the browser allows it, else a small popover with the link selected. */
export function ShareButton() {
  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (shown.kind === 'manual') inputRef.current?.select();
    if (shown.kind !== 'copied') return;
    const t = setTimeout(() => setShown({ kind: 'idle' }), 2500);
    return () => clearTimeout(t);
  }, [shown]);
  const copy = async () => {
    const link = currentLink();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setShown({ kind: 'copied' });
    } catch {
      setShown({ kind: 'manual', link });
    }
  };
  return (
    <div className="share">
      <button type="button" className="small" data-testid="share" title="Copy a link that opens this exact experiment" onClick={() => void copy()}>
        Copy link
      </button>
      <span className="share-status" role="status" data-testid="share-status">
        {shown.kind === 'copied' ? 'Link copied' : ''}
      </span>
      {shown.kind === 'manual' && (
        <div className="share-popover" role="dialog" aria-label="Copy this link" data-testid="share-popover">
          <label>
            Copy this link (Ctrl+C):
            <input ref={inputRef} readOnly value={shown.link} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" className="small" onClick={() => setShown({ kind: 'idle' })}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
