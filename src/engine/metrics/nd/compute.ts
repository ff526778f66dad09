import { Rng, STREAM } from '../../random/rng';
import type { TargetNd } from '../../targets/nd/types';
import { energyDistanceNd, meanSelfDistanceNd } from './energy';
import { modeBalanceNd, modeCoverageNd } from './modes';
import { momentErrorsNd } from './moments';

/** The names computeMetricsNd can report. */
export const ND_METRIC_NAMES = [
  'energy',
  'meanError',
  'varRatioMean',
  'varRatioMin',
  'modeCoverage',
  'modeBalance',
  'finiteFraction',
] as const;

export type NdMetricName = (typeof ND_METRIC_NAMES)[number];

/** Exact draws of a d-dimensional target, with the part of the energy distance that depends on them alone. */
export interface NdReference {
  readonly dim: number;
  /** (R, d) */
  readonly samples: Float64Array;
  /** meanSelfDistanceNd(samples) */
  readonly selfDistance: number;
}

export interface NdReferenceOptions {
  /** Number of exact draws (default 1000). */
  readonly samples?: number;
  /** Seed (default 0: fixed, so every run is compared with the same draws). */
  readonly seed?: number;
}

export const ND_REFERENCE_DEFAULTS = { samples: 1000, seed: 0 } as const;

const cache = new WeakMap<TargetNd, Map<string, NdReference>>();

/** Exact reference draws of a target from its own sampler; cached per (target object, options). */
export function ndReference(target: TargetNd, opts: NdReferenceOptions = {}): NdReference {
  const r = opts.samples ?? ND_REFERENCE_DEFAULTS.samples;
  if (!Number.isInteger(r) || r < 1) throw new Error(`invalid reference samples: ${r} (must be an integer >= 1)`);
  const seed = opts.seed ?? ND_REFERENCE_DEFAULTS.seed;
  const key = `${r}|${seed}`;
  let perTarget = cache.get(target);
  const hit = perTarget?.get(key);
  if (hit) return hit;
  const samples = target.sample(r, new Rng(seed, STREAM.reference));
  const ref: NdReference = { dim: target.dim, samples, selfDistance: meanSelfDistanceNd(samples, target.dim) };
  if (!perTarget) cache.set(target, (perTarget = new Map()));
  perTarget.set(key, ref);
  return ref;
}

export interface NdMetricOptions {
  /** Cap on particles used by the energy distance (default 1000). */
  readonly maxParticles?: number;
}

/**
 * All metrics of particles x: (N, d) against `target`, as a flat record. Rows with a non-finite
 * coordinate are dropped first (finiteFraction); with none left every metric is NaN. Moments and
 * modes use every finite row; the O(N R d) energy distance uses at most maxParticles of them, a
 * fixed subsample at an even stride (no randomness, so a run's chart does not jitter).
 */
export function computeMetricsNd(target: TargetNd, x: Float64Array, ref: NdReference, opts: NdMetricOptions = {}): Record<string, number> {
  const d = target.dim;
  if (ref.dim !== d) throw new Error(`reference has dimension ${ref.dim}, target '${target.name}' has ${d}`);
  const maxParticles = opts.maxParticles ?? 1000;
  if (!Number.isInteger(maxParticles) || maxParticles < 1) throw new Error(`invalid maxParticles: ${maxParticles} (must be an integer >= 1)`);

  const n = Math.floor(x.length / d);
  const { finite, kept } = finiteRows(x, d);
  const out: Record<string, number> = { finiteFraction: n > 0 ? kept / n : 0 };
  const hasModes = (target.modes?.length ?? 0) > 0;
  const names = ND_METRIC_NAMES.filter(
    (name) => name !== 'finiteFraction' && (hasModes || (name !== 'modeCoverage' && name !== 'modeBalance')),
  );
  if (kept === 0) {
    for (const name of names) out[name] = NaN;
    return out;
  }
  const all = finite.subarray(0, kept * d);

  let sub = all;
  if (kept > maxParticles) {
    sub = new Float64Array(maxParticles * d);
    for (let j = 0; j < maxParticles; j++) {
      const i = Math.floor((j * kept) / maxParticles);
      sub.set(all.subarray(i * d, (i + 1) * d), j * d);
    }
  }
  out.energy = energyDistanceNd(sub, ref.samples, d, ref.selfDistance);

  const mom = momentErrorsNd(all, d, target.mean, target.variance);
  out.meanError = mom.meanError;
  out.varRatioMean = mom.meanVarRatio;
  out.varRatioMin = mom.minVarRatio;

  if (target.modes && hasModes) {
    out.modeCoverage = modeCoverageNd(all, d, target.modes);
    out.modeBalance = modeBalanceNd(all, d, target.modes);
  }
  return out;
}

/** The rows of x (n, d) whose every coordinate is finite, packed at the front of `finite` (kept of them). */
export function finiteRows(x: Float64Array, d: number): { finite: Float64Array; kept: number } {
  const n = Math.floor(x.length / d);
  const finite = new Float64Array(n * d);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let k = 0; k < d && ok; k++) ok = Number.isFinite(x[i * d + k]);
    if (ok) finite.set(x.subarray(i * d, (i + 1) * d), d * kept++);
  }
  return { finite, kept };
}
