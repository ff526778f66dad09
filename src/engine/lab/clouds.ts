/**
 * The lab's preset point clouds, seeded: the same (name, n, seed, side) gives the same points
 * everywhere. Scales follow the usual 2D EOT benchmarks (Swiss roll of sklearn divided by 7.5),
 * so every cloud lives in about [-2, 2]^2 and eps means the same on all of them.
 */
import { Rng } from '../random/rng';
import type { CloudName } from './labParams';

/** Source and target draw from different streams, so gaussian -> gaussian is two samples. */
export const CLOUD_STREAM = { source: 10, target: 11 } as const;

export type Side = keyof typeof CLOUD_STREAM;

/** n points (n, 2) of a preset; 'drawn' has no preset points (the user's points are used). */
export function presetCloud(name: Exclude<CloudName, 'drawn'>, n: number, seed: number, side: Side): Float64Array {
  const rng = new Rng(seed, CLOUD_STREAM[side]);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = POINT[name](rng);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

const POINT: Record<Exclude<CloudName, 'drawn'>, (rng: Rng) => [number, number]> = {
  gaussian: (rng) => [rng.normal(), rng.normal()],
  'swiss-roll': (rng) => {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    return [(t * Math.cos(t)) / 7.5 + 0.1 * rng.normal(), (t * Math.sin(t)) / 7.5 + 0.1 * rng.normal()];
  },
  'two-moons': (rng) => {
    const t = Math.PI * rng.uniform();
    const upper = rng.uniform() < 0.5;
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    // centred on the origin and stretched to about [-2, 2]
    return [1.5 * (x - 0.5) + 0.08 * rng.normal(), 1.5 * (y - 0.25) + 0.08 * rng.normal()];
  },
  '8-gaussians': (rng) => {
    const k = Math.floor(8 * rng.uniform());
    const a = (k * Math.PI) / 4;
    return [1.5 * Math.cos(a) + 0.1 * rng.normal(), 1.5 * Math.sin(a) + 0.1 * rng.normal()];
  },
};

/** The cloud a side of the lab uses: a preset's n points, or the user's drawn points as they are. */
export function labCloud(name: CloudName, n: number, seed: number, side: Side, drawn: Float64Array): Float64Array {
  return name === 'drawn' ? drawn : presetCloud(name, n, seed, side);
}
