import { Rng, STREAM } from '../random/rng';

export interface CloudSpec {
  readonly n: number;
  readonly center: readonly [number, number];
  /** Standard deviation per axis. */
  readonly spread: number;
}

export const DEFAULT_CLOUD = { center: [0, 0] as const, spread: 2 };

/** The shared initial cloud N(center, spread^2 I) for a seed. Returns (n, 2). */
export function initialCloud(seed: number, spec: CloudSpec): Float64Array {
  if (!Number.isInteger(spec.n) || spec.n < 1) throw new Error(`invalid n: ${spec.n} (must be an integer >= 1)`);
  if (!(spec.spread > 0)) throw new Error(`invalid spread: ${spec.spread} (must be > 0)`);
  const rng = new Rng(seed, STREAM.initialCloud);
  const out = new Float64Array(2 * spec.n);
  for (let i = 0; i < spec.n; i++) {
    out[2 * i] = spec.center[0] + spec.spread * rng.normal();
    out[2 * i + 1] = spec.center[1] + spec.spread * rng.normal();
  }
  return out;
}
