import type { TargetNd } from '../targets/nd/types';
import type { Target } from '../targets/types';
import { computeMetrics } from './compute';
import { computeMetricsNd, ndReference } from './nd/compute';
import { exactReference } from './reference';
import { posteriorMetrics } from './posterior';
import type { BlrData } from '../targets/blr/dataSets';

/** Metrics of particles x: (N, d) against the exact target, as a flat record. */
export type Measure = (x: Float64Array) => Record<string, number>;

/**
 * How a run is measured: a d-dimensional target against its own exact draws (computeMetricsNd),
 * a 2D target against its grid-normalised reference (computeMetrics), a logistic-regression
 * posterior against its reference draws (if it has one) and its test split (posteriorMetrics).
 * The reference is built once.
 */
export function measureFor(target: Target, nd: TargetNd | null, blr?: BlrData): Measure {
  if (blr) return (x) => posteriorMetrics(blr, x);
  if (nd) {
    const ref = ndReference(nd);
    return (x) => computeMetricsNd(nd, x, ref);
  }
  const ref = exactReference(target);
  return (x) => computeMetrics(target, x, ref);
}
