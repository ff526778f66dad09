import { useAppStore } from '../../store';
import { linkInLayout } from '../../url/sync';

/**
 * The way out of a reduced layout. Classroom and projector: back to every control in place.
 * Embed (an iframe in a course page or slides): a link that opens this experiment in the full
 * playground in a new tab, taken at the moment of the click so it holds the current settings.
 */
export function LeaveViewMode() {
  const mode = useAppStore((s) => s.viewMode);
  const setView = useAppStore((s) => s.setView);
  if (mode === 'full') return null;
  if (mode === 'embed')
    return (
      <a
        className="small view-mode-exit embed-open"
        data-testid="leave-view-mode"
        href={linkInLayout('full')}
        target="_blank"
        rel="noopener"
        title="Open this experiment in the full playground (new tab)"
        onPointerDown={(e) => (e.currentTarget.href = linkInLayout('full'))}
        onFocus={(e) => (e.currentTarget.href = linkInLayout('full'))}
      >
        Open in the playground ↗
      </a>
    );
  return (
    <button type="button" className="small view-mode-exit" data-testid="leave-view-mode" title={`This page is in ${mode} mode; show every control again`} onClick={() => setView('full')}>
      {`Leave ${mode} mode`}
    </button>
  );
}
