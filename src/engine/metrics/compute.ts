import type { Target } from '../targets/types';
import { energyDistance, meanSelfDistance } from './energy';
import { ksd } from './ksd';
import { modeBalance, modeCoverage } from './modes';
import { momentErrors } from './moments';
import type { ExactReference } from './reference';
import { DEFAULT_DIRECTIONS, slicedW2Sorted, sortedProjections } from './slicedW2';

/** The names computeMetrics can report. */
export const METRIC_NAMES = [
  'energy',
  'slicedW2',
  'ksd',
  'meanError',
  'varRatioX',
  'varRatioY',
  'modeCoverage',
  'modeBalance',
  'finiteFraction',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricInfo {
  readonly label: string;
  readonly doc: string;
  /** True when smaller is better (the ideal is 0); false for metrics with another ideal value. */
  readonly lowerIsBetter: boolean;
  /** The value a perfect sampler would get. */
  readonly ideal: number;
}

/** One-sentence docs and chart hints for every metric. */
export const METRIC_INFO: Record<MetricName, MetricInfo> = {
  energy: { label: 'Energy distance', doc: 'Energy distance (V-statistic) between the particles and the exact reference samples.', lowerIsBetter: true, ideal: 0 },
  slicedW2: { label: 'Sliced W2', doc: 'Sliced 2-Wasserstein distance to the reference samples, averaged over evenly spaced directions.', lowerIsBetter: true, ideal: 0 },
  ksd: { label: 'KSD (IMQ)', doc: 'Kernel Stein discrepancy with the IMQ kernel, from the particles and the target score alone.', lowerIsBetter: true, ideal: 0 },
  meanError: { label: 'Mean error', doc: 'Euclidean distance between the particle mean and the exact target mean.', lowerIsBetter: true, ideal: 0 },
  varRatioX: { label: 'Var ratio x', doc: 'Particle variance along x divided by the exact target variance (1 is right, < 1 is collapse).', lowerIsBetter: false, ideal: 1 },
  varRatioY: { label: 'Var ratio y', doc: 'Particle variance along y divided by the exact target variance (1 is right, < 1 is collapse).', lowerIsBetter: false, ideal: 1 },
  modeCoverage: { label: 'Mode coverage', doc: 'Fraction of mixture modes with at least one particle within 2 standard deviations.', lowerIsBetter: false, ideal: 1 },
  modeBalance: { label: 'Mode balance (JS)', doc: 'Jensen-Shannon divergence between the particles\' nearest-mode shares and the mixture weights.', lowerIsBetter: true, ideal: 0 },
  finiteFraction: { label: 'Finite fraction', doc: 'Fraction of particles with finite coordinates; the other metrics use only those.', lowerIsBetter: false, ideal: 1 },
};

export interface MetricOptions {
  /** Cap on particles used by the pairwise and sorting metrics (default 1000). */
  readonly maxParticles?: number;
  /** Sliced-W2 directions (default 64). */
  readonly directions?: number;
  /** Use only the first this-many reference samples (default: all of them, 2000 by default). */
  readonly referenceSamples?: number;
}

/** Reference-side work that does not depend on the particles: done once per (reference, size, L). */
interface RefPrecomputed {
  readonly samples: Float64Array; // (M, 2)
  readonly selfDistance: number;
  readonly sorted: Map<number, Float64Array>; // L -> (L, M)
}
const refCache = new WeakMap<ExactReference, Map<number, RefPrecomputed>>();

function precomputed(ref: ExactReference, m: number): RefPrecomputed {
  let perRef = refCache.get(ref);
  if (!perRef) refCache.set(ref, (perRef = new Map()));
  let hit = perRef.get(m);
  if (!hit) {
    const samples = ref.samples.subarray(0, 2 * m);
    hit = { samples, selfDistance: meanSelfDistance(samples), sorted: new Map() };
    perRef.set(m, hit);
  }
  return hit;
}

function positiveInt(what: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`invalid ${what}: ${v} (must be an integer >= 1)`);
  return v;
}

/**
 * All metrics of particles x: (N, 2) against the exact reference of `target`, as a flat record.
 * Non-finite particles are dropped first (finiteFraction); with none left every metric is NaN.
 * The O(N) metrics (moments, modes) use every finite particle. The pairwise/sorting metrics
 * (energy, slicedW2, ksd) use at most maxParticles of them: when there are more, a fixed
 * deterministic subsample taken at an even stride through the finite particles (no randomness,
 * so a chart of one run does not jitter from subsampling).
 */
export function computeMetrics(
  target: Target,
  x: Float64Array,
  ref: ExactReference,
  opts: MetricOptions = {},
): Record<string, number> {
  const maxParticles = positiveInt('maxParticles', opts.maxParticles ?? 1000);
  const directions = positiveInt('directions', opts.directions ?? DEFAULT_DIRECTIONS);
  const totalRef = ref.samples.length >> 1;
  const m = Math.min(totalRef, positiveInt('referenceSamples', opts.referenceSamples ?? totalRef));

  const n = x.length >> 1;
  const finite = new Float64Array(2 * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const a = x[2 * i], b = x[2 * i + 1];
    if (Number.isFinite(a) && Number.isFinite(b)) {
      finite[2 * k] = a;
      finite[2 * k + 1] = b;
      k++;
    }
  }
  const out: Record<string, number> = { finiteFraction: n > 0 ? k / n : 0 };
  const names = METRIC_NAMES.filter(
    (name) => name !== 'finiteFraction' && (target.modes?.length || (name !== 'modeCoverage' && name !== 'modeBalance')),
  );
  if (k === 0 || m === 0) {
    for (const name of names) out[name] = NaN;
    return out;
  }
  const all = finite.subarray(0, 2 * k);

  // Strided subsample for the O(N^2) / O(N log N * L) metrics.
  let sub = all;
  if (k > maxParticles) {
    sub = new Float64Array(2 * maxParticles);
    for (let j = 0; j < maxParticles; j++) {
      const i = Math.floor((j * k) / maxParticles);
      sub[2 * j] = all[2 * i];
      sub[2 * j + 1] = all[2 * i + 1];
    }
  }

  const pre = precomputed(ref, m);
  let sorted = pre.sorted.get(directions);
  if (!sorted) pre.sorted.set(directions, (sorted = sortedProjections(pre.samples, directions)));

  out.energy = energyDistance(sub, pre.samples, pre.selfDistance);
  out.slicedW2 = slicedW2Sorted(sub, sorted, directions);
  out.ksd = ksd(sub, target.score(sub));

  const mom = momentErrors(all, ref.mean, [ref.cov[0][0], ref.cov[1][1]]);
  out.meanError = mom.meanError;
  out.varRatioX = mom.varRatioX;
  out.varRatioY = mom.varRatioY;

  if (target.modes?.length) {
    out.modeCoverage = modeCoverage(all, target.modes);
    out.modeBalance = modeBalance(all, target.modes);
  }
  return out;
}
