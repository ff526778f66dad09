import { useId } from 'react';
import { MAX_SPEED, MIN_SPEED, sliderFromSpeed, speedFromSlider } from '../run/speed';
import { useAppStore } from '../store';

/** Steps per second of Play, 1-240 on a log slider. */
export function SpeedControl() {
  const id = useId();
  const speed = useAppStore((s) => s.stepsPerSecond);
  const setSpeed = useAppStore((s) => s.setStepsPerSecond);
  return (
    <div className="speed">
      <label htmlFor={id}>Speed</label>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.001}
        value={sliderFromSpeed(speed)}
        data-testid="speed"
        aria-valuetext={`${speed} steps per second`}
        title={`Steps per second while playing (${MIN_SPEED}-${MAX_SPEED}, log scale)`}
        onChange={(e) => setSpeed(speedFromSlider(Number(e.target.value)))}
      />
      <output htmlFor={id} className="speed-value" data-testid="speed-value">
        {speed}/s
      </output>
    </div>
  );
}
