import { useAppStore } from '../store';

/** "A new version is available": shown once a new build has installed in the background; Reload switches to it. */
export function UpdateBanner() {
  const reload = useAppStore((s) => s.reloadToUpdate);
  const dismiss = useAppStore((s) => s.setReloadToUpdate);
  if (!reload) return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>A new version of the playground is available.</span>
      <button type="button" className="small" onClick={reload}>
        Reload
      </button>
      <button type="button" className="small ghost" aria-label="Dismiss" onClick={() => dismiss(null)}>
        Later
      </button>
    </div>
  );
}
