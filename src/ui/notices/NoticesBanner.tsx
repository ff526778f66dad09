import { useRef } from 'react';
import { useAppStore } from '../../store';
import { useAutoDismiss } from '../hooks/useAutoDismiss';

/** Seconds a link's notices stay (longer while the pointer is over them or the focus in them). */
export const URL_NOTICE_SECONDS = 20;

/** What had to change to open the link (clamped numbers, removed panels, a refused drawing); goes by itself after a while, or with Dismiss. */
export function NoticesBanner() {
  const notices = useAppStore((s) => s.urlNotices);
  const setUrlNotices = useAppStore((s) => s.setUrlNotices);
  const ref = useRef<HTMLDivElement>(null);
  useAutoDismiss(notices.length ? notices : null, URL_NOTICE_SECONDS * 1000, () => setUrlNotices([]), ref);
  if (notices.length === 0) return null;
  return (
    <div ref={ref} className="url-notices" role="status" data-testid="url-notices">
      <div>
        <strong>This link was adjusted to open:</strong>
        <ul>
          {notices.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="small" data-testid="dismiss-notices" aria-label="Dismiss these notices" onClick={() => setUrlNotices([])}>
        Dismiss
      </button>
    </div>
  );
}
