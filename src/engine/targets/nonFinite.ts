import type { NonFiniteExplanation, Target } from './types';

const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v));

/**
 * A log density or score that came back NaN or infinite at a particle: names the target, the
 * point and, when the target can tell (formulas can), the cause and its column.
 */
export class NonFiniteTargetError extends Error {
  readonly target: string;
  readonly point: readonly [number, number];
  readonly what: 'log pi' | 'score';
  readonly explanation: NonFiniteExplanation | null;

  constructor(target: Target, x: number, y: number, what: 'log pi' | 'score', cause: NonFiniteExplanation | null) {
    super(`${target.name}: ${what} is not finite at (x, y) = (${fmt(x)}, ${fmt(y)})${cause ? `: ${cause.message}` : ''}`);
    this.name = 'NonFiniteTargetError';
    this.target = target.name;
    this.point = [x, y];
    this.what = what;
    this.explanation = cause;
  }
}

/** The error for point (x, y) of `target`, with the target's explanation when it has one. */
export function nonFiniteError(target: Target, x: number, y: number, what: 'log pi' | 'score'): NonFiniteTargetError {
  let cause: NonFiniteExplanation | null = null;
  try {
    cause = target.explainNonFinite?.(x, y) ?? null;
  } catch {
    cause = null; // an explanation must never hide the error it explains
  }
  return new NonFiniteTargetError(target, x, y, what, cause);
}

/**
 * The first particle at which log pi (logPi, shape (n)) or the score (score, shape (n, 2)) is not
 * finite, as an error to throw or report; null when every given value is finite.
 * points: (n, 2) where they were evaluated. A sampler calls it after evaluating the target, e.g.
 * `const bad = firstNonFinite(target, x, logPi, score); if (bad) throw bad;`.
 */
export function firstNonFinite(
  target: Target,
  points: Float64Array,
  logPi?: Float64Array,
  score?: Float64Array,
): NonFiniteTargetError | null {
  const n = points.length >> 1;
  for (let i = 0; i < n; i++) {
    if (logPi && !Number.isFinite(logPi[i])) return nonFiniteError(target, points[2 * i], points[2 * i + 1], 'log pi');
    if (score && !(Number.isFinite(score[2 * i]) && Number.isFinite(score[2 * i + 1])))
      return nonFiniteError(target, points[2 * i], points[2 * i + 1], 'score');
  }
  return null;
}
