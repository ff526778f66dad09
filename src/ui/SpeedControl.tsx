import { useId, type KeyboardEvent } from 'react';
import { MAX_SPEED, MIN_SPEED, sliderFromSpeed, speedFromSlider } from '../run/speed';
import { useAppStore } from '../store';

/** Factor one arrow key press changes the speed by (at least one step per second), and Page Up / Down. */
const ARROW_FACTOR = 1.15;
const PAGE_FACTOR = 2;

/**
 * The speed after a key press on the slider, or null for other keys. The slider's own step
 * (a thousandth of the log range) would leave the rounded speed unchanged on most presses.
 */
export function speedAfterKey(speed: number, key: string): number | null {
  const clamp = (v: number) => Math.min(MAX_SPEED, Math.max(MIN_SPEED, v));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(Math.max(speed + 1, Math.round(speed * ARROW_FACTOR)));
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(Math.min(speed - 1, Math.round(speed / ARROW_FACTOR)));
    case 'PageUp':
      return clamp(Math.round(speed * PAGE_FACTOR));
    case 'PageDown':
      return clamp(Math.round(speed / PAGE_FACTOR));
    case 'Home':
      return MIN_SPEED;
    case 'End':
      return MAX_SPEED;
    default:
      return null;
  }
}

/** Steps per second of Play, 1-240 on a log slider; arrow keys move it by about 15 %. */
export function SpeedControl() {
  const id = useId();
  const speed = useAppStore((s) => s.stepsPerSecond);
  const setSpeed = useAppStore((s) => s.setStepsPerSecond);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const next = speedAfterKey(speed, e.key);
    if (next === null) return;
    e.preventDefault();
    setSpeed(next);
  };
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
        title={`Steps per second while playing (${MIN_SPEED}-${MAX_SPEED}, log scale; arrow keys change it)`}
        onChange={(e) => setSpeed(speedFromSlider(Number(e.target.value)))}
        onKeyDown={onKeyDown}
      />
      <output htmlFor={id} className="speed-value" data-testid="speed-value">
        {speed}/s
      </output>
    </div>
  );
}
