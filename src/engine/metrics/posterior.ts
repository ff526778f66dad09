/**
 * Metrics of particles on a BLR posterior (or any target known only through reference draws),
 * as the ETD authors report them, plus held-out prediction:
 * - against the reference (when there is one): energy distance and sliced W2 to its draws,
 *   the mean error in posterior standard deviations, the Euclidean mean error, and the
 *   variance ratio per coordinate (mean, min, and median as the authors' variance_ratio_ref);
 * - always: accuracy and log predictive density of the particles' posterior predictive on the
 *   test split (targets/blr/predictive.ts).
 */
import type { BlrData } from '../targets/blr/dataSets';
import { predictive } from '../targets/blr/predictive';
import type { BlrReference } from '../targets/blr/reference';
import type { MetricInfo } from './compute';
import { finiteRows } from './nd/compute';
import { energyDistanceNd, meanSelfDistanceNd } from './nd/energy';
import { momentErrorsNd } from './nd/moments';
import { sliceDirections, slicedW2NdSorted, sortedProjectionsNd } from './nd/slicedW2';

/** Every name posteriorMetrics can report; the first six need a reference. */
export const POSTERIOR_METRIC_NAMES = [
  'energy',
  'slicedW2',
  'meanErrorSd',
  'meanError',
  'varRatioMean',
  'varRatioMin',
  'varRatioMedian',
  'testAccuracy',
  'testLogPredictive',
  'finiteFraction',
] as const;

export type PosteriorMetricName = (typeof POSTERIOR_METRIC_NAMES)[number];

/** The metrics that need a reference posterior. */
export const REFERENCE_METRIC_NAMES: readonly PosteriorMetricName[] = ['energy', 'slicedW2', 'meanErrorSd', 'meanError', 'varRatioMean', 'varRatioMin', 'varRatioMedian'];

/** Labels and one-sentence docs of the metrics that are new with the posteriors. */
export const POSTERIOR_METRIC_INFO: Readonly<Record<'meanErrorSd' | 'varRatioMedian' | 'testAccuracy' | 'testLogPredictive', MetricInfo>> = {
  meanErrorSd: {
    label: 'Mean error (sd)',
    doc: 'Root mean square over the weights of (particle mean - reference mean) / reference sd: the mean error in posterior standard deviations.',
    lowerIsBetter: true,
    ideal: 0,
  },
  varRatioMedian: {
    label: 'Median var ratio',
    doc: 'Median over the weights of the particle variance divided by the reference variance (the ETD authors\' variance_ratio_ref).',
    lowerIsBetter: false,
    ideal: 1,
  },
  testAccuracy: {
    label: 'Test accuracy',
    doc: 'Fraction of the held-out 20% of rows classified right by the particles\' posterior predictive (mean of sigmoid(w . x) over particles, > 1/2 predicts 1).',
    lowerIsBetter: false,
    ideal: 1,
  },
  testLogPredictive: {
    label: 'Test log predictive',
    doc: 'Mean over the held-out rows of log p(y | x) under the particles\' posterior predictive (nats per row; higher is better, log 1/2 = -0.69 is a coin).',
    lowerIsBetter: false,
    ideal: 0,
  },
};

/**
 * What each charted metric measures on a logistic-regression posterior, in display order: the
 * distances and moments against the reference posterior's draws (over all d weights), then the
 * predictive metrics on the held-out rows (the only ones without a reference).
 */
export const POSTERIOR_CHART_INFO: Readonly<Partial<Record<PosteriorMetricName, MetricInfo>>> = {
  meanErrorSd: POSTERIOR_METRIC_INFO.meanErrorSd,
  varRatioMean: {
    label: 'Mean var ratio',
    doc: 'Particle variance of each weight divided by the reference posterior variance, averaged over the d weights (1 is right, < 1 is variance collapse).',
    lowerIsBetter: false,
    ideal: 1,
  },
  varRatioMin: {
    label: 'Min var ratio',
    doc: 'The smallest variance ratio over the d weights (exact draws give about 0.7 at N = 100: the smallest of d sample variances).',
    lowerIsBetter: false,
    ideal: 1,
  },
  slicedW2: {
    label: 'Sliced W2',
    doc: 'Sliced 2-Wasserstein distance between the particles and the reference posterior draws, over 100 fixed random directions in weight space.',
    lowerIsBetter: true,
    ideal: 0,
  },
  energy: {
    label: 'Energy distance',
    doc: 'Energy distance (V-statistic) between the particles and the 2000 reference posterior draws, in all d weights.',
    lowerIsBetter: true,
    ideal: 0,
  },
  testAccuracy: POSTERIOR_METRIC_INFO.testAccuracy,
  testLogPredictive: POSTERIOR_METRIC_INFO.testLogPredictive,
};

interface RefPrecomputed {
  readonly selfDistance: number;
  readonly dirs: Float64Array;
  readonly sorted: Float64Array;
  readonly sd: Float64Array;
}
const refCache = new WeakMap<BlrReference, RefPrecomputed>();

function precompute(ref: BlrReference): RefPrecomputed {
  let hit = refCache.get(ref);
  if (!hit) {
    const d = ref.dim;
    const dirs = sliceDirections(d);
    hit = {
      selfDistance: meanSelfDistanceNd(ref.draws, d),
      dirs,
      sorted: sortedProjectionsNd(ref.draws, d, dirs),
      sd: Float64Array.from(ref.variance, Math.sqrt),
    };
    refCache.set(ref, hit);
  }
  return hit;
}

function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

/** The moment and distance metrics of finite particles x: (N, d) against a reference. */
export function referenceMetrics(x: Float64Array, ref: BlrReference, maxParticles = 1000): Record<string, number> {
  const d = ref.dim;
  const pre = precompute(ref);
  const n = Math.floor(x.length / d);
  let sub = x;
  if (n > maxParticles) {
    sub = new Float64Array(maxParticles * d);
    for (let j = 0; j < maxParticles; j++) {
      const i = Math.floor((j * n) / maxParticles);
      sub.set(x.subarray(i * d, (i + 1) * d), j * d);
    }
  }
  const mom = momentErrorsNd(x, d, ref.mean, ref.variance);
  let s2 = 0;
  for (let k = 0; k < d; k++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * d + k];
    const e = (m / n - ref.mean[k]) / pre.sd[k];
    s2 += e * e;
  }
  return {
    energy: energyDistanceNd(sub, ref.draws, d, pre.selfDistance),
    slicedW2: slicedW2NdSorted(sub, d, pre.sorted, pre.dirs),
    meanErrorSd: Math.sqrt(s2 / d),
    meanError: mom.meanError,
    varRatioMean: mom.meanVarRatio,
    varRatioMin: mom.minVarRatio,
    varRatioMedian: median(mom.varRatio),
  };
}

/**
 * All metrics of particles x: (N, d) on a BLR data set: the reference metrics when the data set
 * has a reference (else those names are absent: there is nothing to compare with), and the test
 * split's predictive metrics always. Rows with a non-finite coordinate are dropped first
 * (finiteFraction); with none left every metric is NaN.
 */
export function posteriorMetrics(data: BlrData, x: Float64Array, opts: { maxParticles?: number } = {}): Record<string, number> {
  const { problem, reference } = data;
  const d = problem.dim;
  const n = Math.floor(x.length / d);
  const { finite, kept } = finiteRows(x, d);
  const names = POSTERIOR_METRIC_NAMES.filter((m) => m !== 'finiteFraction' && (reference || !REFERENCE_METRIC_NAMES.includes(m)));
  const out: Record<string, number> = { finiteFraction: n > 0 ? kept / n : 0 };
  if (kept === 0) {
    for (const m of names) out[m] = NaN;
    return out;
  }
  const all = finite.subarray(0, kept * d);
  if (reference) Object.assign(out, referenceMetrics(all, reference, opts.maxParticles ?? 1000));
  const pred = predictive(all, d, problem.xTest, problem.yTest);
  out.testAccuracy = pred.accuracy;
  out.testLogPredictive = pred.logPredictive;
  return out;
}
