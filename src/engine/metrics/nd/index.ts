/** Metrics of d-dimensional particles (N, d) against an exact d-dimensional target. */
export { chiCdf, chiQuantile } from './chi';
export { energyDistanceNd, meanCrossDistanceNd, meanSelfDistanceNd } from './energy';
export { momentErrorsNd, type NdMomentErrors } from './moments';
export { COVERAGE_PROBABILITY, coverageRadius, modeBalanceNd, modeCoverageNd, nearestModeSharesNd } from './modes';
export {
  computeMetricsNd,
  ndReference,
  ND_METRIC_NAMES,
  ND_REFERENCE_DEFAULTS,
  type NdMetricName,
  type NdMetricOptions,
  type NdReference,
  type NdReferenceOptions,
} from './compute';
export { ND_SLICED_DIRECTIONS, sliceDirections, slicedW2Nd, slicedW2NdSorted, sortedProjectionsNd } from './slicedW2';
