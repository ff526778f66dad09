import { useEffect, useState } from 'react';
import type { Recording } from './recorder';

/** "1:05" from seconds. */
export const formatElapsed = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * A red dot, "Recording" and the elapsed time while a recording runs, with its Stop button.
 * Screen readers hear "Recording" once (the ticking time is not announced).
 */
export function RecordingIndicator({ recording, onStop }: { recording: Recording; onStop: () => void }) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setElapsed(recording.elapsed()), 250);
    return () => clearInterval(timer);
  }, [recording]);
  return (
    <span className="recording">
      <span className="recording-indicator" data-testid="recording-indicator" role="status" aria-live="polite">
        <span className="recording-dot" aria-hidden="true" />
        Recording <time aria-hidden="true">{formatElapsed(elapsed)}</time>
      </span>
      <button type="button" className="small" data-testid="recording-stop" title={`Stop recording and save the ${recording.kind === 'gif' ? 'GIF' : 'video'}`} onClick={onStop}>
        Stop
      </button>
    </span>
  );
}
