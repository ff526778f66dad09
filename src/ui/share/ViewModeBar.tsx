import { useAppStore } from '../../store';

/** In classroom or embed mode: which mode, and the way back to the full playground. */
export function LeaveViewMode() {
  const mode = useAppStore((s) => s.viewMode);
  const setView = useAppStore((s) => s.setView);
  if (mode === 'full') return null;
  return (
    <button
      type="button"
      className="small view-mode-exit"
      data-testid="leave-view-mode"
      title={`This page is in ${mode} mode; show every control again`}
      onClick={() => setView('full')}
    >
      {mode === 'embed' ? 'Open full playground' : `Leave ${mode} mode`}
    </button>
  );
}
