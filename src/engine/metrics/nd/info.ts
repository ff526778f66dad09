import type { MetricInfo } from '../compute';
import type { NdMetricName } from './compute';

/**
 * Chart hints of the metrics only the d-dimensional targets report (the others share their name,
 * and their doc, with METRIC_INFO).
 */
export const ND_METRIC_INFO: Readonly<Record<Extract<NdMetricName, 'varRatioMean' | 'varRatioMin'>, MetricInfo>> = {
  varRatioMean: {
    label: 'Mean var ratio',
    doc: 'Particle variance divided by the exact target variance, averaged over the d coordinates (1 is right, < 1 is variance collapse).',
    lowerIsBetter: false,
    ideal: 1,
  },
  varRatioMin: {
    label: 'Min var ratio',
    doc: 'The smallest per-coordinate variance ratio over the d coordinates (1 is right, < 1 is collapse along some axis).',
    lowerIsBetter: false,
    ideal: 1,
  },
};
