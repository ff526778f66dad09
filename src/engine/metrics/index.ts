/** Metrics against the exact (grid-normalised) target: docs/algorithms.md §3. */
export { exactReference, REFERENCE_DEFAULTS, type ExactReference, type ReferenceOptions } from './reference';
export { energyDistance, meanCrossDistance, meanSelfDistance } from './energy';
export { slicedW2, slicedW2Sorted, sortedProjections, w2SquaredSorted, DEFAULT_DIRECTIONS } from './slicedW2';
export { ksd } from './ksd';
export { modeCoverage, modeBalance, nearestModeShares, jensenShannon } from './modes';
export { momentErrors, type MomentErrors } from './moments';
export {
  computeMetrics,
  METRIC_INFO,
  METRIC_NAMES,
  type MetricInfo,
  type MetricName,
  type MetricOptions,
} from './compute';
export {
  POSTERIOR_METRIC_INFO,
  POSTERIOR_METRIC_NAMES,
  posteriorMetrics,
  REFERENCE_METRIC_NAMES,
  referenceMetrics,
  type PosteriorMetricName,
} from './posterior';
