import { useAppStore } from '../../store';

/** What had to change to open the link (clamped numbers, removed panels, a refused drawing), dismissible. */
export function NoticesBanner() {
  const notices = useAppStore((s) => s.urlNotices);
  const setUrlNotices = useAppStore((s) => s.setUrlNotices);
  if (notices.length === 0) return null;
  return (
    <div className="url-notices" role="status" data-testid="url-notices">
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
