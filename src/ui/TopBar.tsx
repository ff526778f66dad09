import { reset, stepOnce, toggleFastForward, togglePlay } from '../run/controller';
import { useAppStore } from '../store';
import { isHidden } from '../store/shareSlice';
import { PresetsMenu } from './presets/PresetsMenu';
import { ExportMenu } from './export/ExportMenu';
import { ShareButton } from './share/ShareButton';
import { LeaveViewMode } from './layout/ViewModeBar';
import { SpeedControl } from './SpeedControl';
import { RunToControl } from './RunToControl';
import { runToStep } from '../run/runToStep';
import { useLabStore } from '../store/labStore';
import { useState } from 'react';

/**
 * Every panel's iteration: one number when they agree, else the range (each panel steps at its
 * own pace); the title lists them. data-max holds the furthest one for scripts.
 */
function IterationRange({ iterations }: { iterations: string }) {
  const its = iterations ? iterations.split(',').map(Number) : [0];
  const lo = Math.min(...its);
  const hi = Math.max(...its);
  const same = lo === hi;
  const title = same
    ? `Every panel is at iteration ${hi}`
    : `Each panel runs at its own pace: ${its.map((it, k) => `panel ${k + 1} at ${it}`).join(', ')} (every panel's header shows its own)`;
  return (
    <div className="iteration" aria-live="off" title={title}>
      <span className="iteration-word">{same ? 'iteration' : 'iterations'}</span>{' '}
      <output data-testid="iteration" data-min={lo} data-max={hi}>
        {same ? hi : `${lo}–${hi}`}
      </output>
    </div>
  );
}

/** Title, run controls, speed, the iteration counter, the backend in use, sharing and the ways into classroom and projector mode. */
export function TopBar() {
  const playing = useAppStore((s) => s.playing);
  const fastForward = useAppStore((s) => s.fastForward);
  const status = useAppStore((s) => s.status);
  const iterations = useAppStore((s) => s.panelRuns.map((r) => r.iteration).join(','));
  const backend = useAppStore((s) => s.backend);
  const setShortcutsOpen = useAppStore((s) => s.setShortcutsOpen);
  const viewMode = useAppStore((s) => s.viewMode);
  const setView = useAppStore((s) => s.setView);
  const embed = viewMode === 'embed';
  // between classroom and projector the hidden parts stay; from the full page, the defaults
  const keptHidden = () => (viewMode === 'full' ? undefined : useAppStore.getState().hidden);
  const hideSpeed = useAppStore((s) => isHidden(s, 'speed'));
  const ready = status === 'ready';
  const backendName = backend?.name ?? 'CPU';
  const sideHidden = useAppStore((s) => isHidden(s, 'side'));
  const setupOpen = useAppStore((s) => s.setupOpen);
  const setSetupOpen = useAppStore((s) => s.setSetupOpen);
  const [toolsOpen, setToolsOpen] = useState(false);
  return (
    <header className="topbar" data-tools-open={toolsOpen}>
      {!sideHidden && (
        <button
          type="button"
          className="small icon setup-toggle"
          data-testid="setup-toggle"
          aria-expanded={setupOpen}
          aria-label="Target and samplers"
          title="Target, particles and samplers"
          onClick={() => setSetupOpen(!setupOpen)}
        >
          ☰
        </button>
      )}
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
          onClick={() => {
            runToStep.cancel();
            togglePlay();
          }}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        {!embed && <button type="button" data-testid="step" aria-keyshortcuts="S" title="One step of every panel (s)" disabled={!ready} onClick={() => (runToStep.cancel(), stepOnce())}>
          Step
        </button>}
        {!embed && <button
          type="button"
          data-testid="reset"
          aria-keyshortcuts="R"
          title="Every panel back to iteration 0 (r)"
          disabled={status === 'loading'}
          onClick={() => {
            runToStep.cancel();
            void reset();
          }}
        >
          Reset
        </button>}
      </div>
      <div className="topbar-tools" id="topbar-tools">
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
        {!hideSpeed && <SpeedControl />}
      </div>
      <IterationRange iterations={iterations} />
      <button
        type="button"
        className="small icon tools-toggle"
        data-testid="tools-toggle"
        aria-expanded={toolsOpen}
        aria-controls="topbar-tools topbar-tools-2"
        aria-label="More controls"
        title="Speed, presets, link, export, lab, classroom"
        onClick={() => setToolsOpen(!toolsOpen)}
      >
        ⋯
      </button>
      <div className="topbar-tools" id="topbar-tools-2">
      {!embed && <RunToControl />}
      {!embed && <span className="badge" data-testid="backend" title={backend?.reason ?? 'Samplers run on the CPU path in Web Workers, one per panel.'}>
        {backendName}
      </span>}
      {!embed && <PresetsMenu />}
      {!embed && <ShareButton />}
      {!embed && <ExportMenu />}
      {!embed && (
        <button
          type="button"
          className="small"
          data-testid="lab-button"
          title="Entropic-transport lab: Sinkhorn and a learned VarEOT map between two point clouds (the panels pause)"
          onClick={() => {
            if (useAppStore.getState().playing) togglePlay();
            useLabStore.getState().setView('lab');
          }}
        >
          Lab
        </button>
      )}
      {!embed && viewMode !== 'classroom' && (
        <button
          type="button"
          className="small"
          data-testid="classroom-button"
          title={viewMode === 'full' ? 'Classroom mode: hide the settings, keep the panels and charts (the link keeps it)' : 'Back to classroom mode (normal text size)'}
          onClick={() => setView('classroom', keptHidden())}
        >
          Classroom
        </button>
      )}
      {viewMode === 'classroom' && (
        <button
          type="button"
          className="small"
          data-testid="projector-button"
          title="Projector mode: classroom mode with large text and thick lines, for a room"
          onClick={() => setView('projector', keptHidden())}
        >
          Projector
        </button>
      )}
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
      </div>
    </header>
  );
}
