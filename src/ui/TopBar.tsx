import { reset, stepOnce, togglePlay } from '../run/controller';
import { useAppStore } from '../store';

/** Title, run controls and the iteration counter. */
export function TopBar() {
  const playing = useAppStore((s) => s.playing);
  const status = useAppStore((s) => s.status);
  const iteration = useAppStore((s) => s.iteration);
  const ready = status === 'ready';
  return (
    <header className="topbar">
      <h1>ETD Playground</h1>
      <div className="controls" role="toolbar" aria-label="Run controls">
        <button type="button" data-testid="play" className="primary" aria-pressed={playing} disabled={!ready} onClick={togglePlay}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" data-testid="step" disabled={!ready} onClick={stepOnce}>
          Step
        </button>
        <button type="button" data-testid="reset" disabled={status === 'loading'} onClick={() => void reset()}>
          Reset
        </button>
      </div>
      <div className="iteration">
        iteration <output data-testid="iteration">{iteration}</output>
      </div>
    </header>
  );
}
