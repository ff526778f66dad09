import { Rng, STREAM } from '../random/rng';

export interface CloudSpec {
  readonly n: number;
  readonly center: readonly [number, number];
  /** Standard deviation per axis. */
  readonly spread: number;
  /** Dimension d (default 2); coordinates past the first two are centred at 0. */
  readonly dim?: number;
}

/** The shared initial cloud N(center, spread^2 I) for a seed. Returns (n, d), d = 2 by default. */
export function initialCloud(seed: number, spec: CloudSpec): Float64Array {
  if (!Number.isInteger(spec.n) || spec.n < 1) throw new Error(`invalid n: ${spec.n} (must be an integer >= 1)`);
  if (!(spec.spread > 0)) throw new Error(`invalid spread: ${spec.spread} (must be > 0)`);
  const d = spec.dim ?? 2;
  if (!Number.isInteger(d) || d < 2) throw new Error(`invalid dim: ${d} (must be an integer >= 2)`);
  const rng = new Rng(seed, STREAM.initialCloud);
  const out = new Float64Array(d * spec.n);
  // Draw order (particle by particle, coordinate by coordinate) keeps 2D clouds as they were.
  for (let i = 0; i < spec.n; i++) {
    for (let k = 0; k < d; k++) out[d * i + k] = (k < 2 ? spec.center[k] : 0) + spec.spread * rng.normal();
  }
  return out;
}
