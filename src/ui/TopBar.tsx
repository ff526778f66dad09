import { reset, stepOnce, toggleFastForward, togglePlay } from '../run/controller';
import { useAppStore } from '../store';
import { isHidden } from '../store/shareSlice';
import { PresetsMenu } from './share/PresetsMenu';
import { ExportMenu } from './share/ExportMenu';
import { ShareButton } from './share/ShareButton';
import { LeaveViewMode } from './share/ViewModeBar';
import { SpeedControl } from './SpeedControl';

/** Title, run controls, speed, the iteration counter, the backend in use and sharing. */
export function TopBar() {
  const playing = useAppStore((s) => s.playing);
  const fastForward = useAppStore((s) => s.fastForward);
  const status = useAppStore((s) => s.status);
  const iteration = useAppStore((s) => s.iteration);
  const backend = useAppStore((s) => s.backend);
  const setShortcutsOpen = useAppStore((s) => s.setShortcutsOpen);
  const embed = useAppStore((s) => s.viewMode === 'embed');
  const hideSpeed = useAppStore((s) => isHidden(s, 'speed'));
  const ready = status === 'ready';
  const backendName = backend?.name ?? 'CPU';
  return (
    <header className="topbar">
      <h1>ETD Playground</h1>
      <div className="controls" role="toolbar" aria-label="Run controls">
        <button
          type="button"
          data-testid="play"
          className="primary"
          aria-pressed={playing}
          aria-keyshortcuts="Space"
          title="Play / pause (space)"
          disabled={!ready}
          onClick={togglePlay}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        {!embed && <button type="button" data-testid="step" aria-keyshortcuts="S" title="One step of every panel (s)" disabled={!ready} onClick={stepOnce}>
          Step
        </button>}
        {!embed && <button
          type="button"
          data-testid="reset"
          aria-keyshortcuts="R"
          title="Every panel back to iteration 0 (r)"
          disabled={status === 'loading'}
          onClick={() => void reset()}
        >
          Reset
        </button>}
        {!hideSpeed && <button
          type="button"
          data-testid="fast-forward"
          aria-pressed={fastForward}
          aria-keyshortcuts="F"
          title="Fast-forward: compute at full speed without drawing (f)"
          disabled={!ready}
          onClick={toggleFastForward}
        >
          {fastForward ? 'Fast ▸▸ on' : 'Fast ▸▸'}
        </button>}
      </div>
      {!hideSpeed && <SpeedControl />}
      <div className="iteration" aria-live="off">
        iteration <output data-testid="iteration">{iteration}</output>
      </div>
      {!embed && <span className="badge" data-testid="backend" title={backend?.reason ?? 'Samplers run on the CPU path in Web Workers, one per panel.'}>
        {backendName}
      </span>}
      {!embed && <PresetsMenu />}
      {!embed && <ShareButton />}
      {!embed && <ExportMenu />}
      <LeaveViewMode />
      <button
        type="button"
        className="small icon"
        data-testid="shortcuts-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        onClick={() => setShortcutsOpen(true)}
      >
        ?
      </button>
    </header>
  );
}
