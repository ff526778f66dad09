/**
 * Energy distance (V-statistic, docs/algorithms.md §3) of 2D samples: the d-dimensional
 * functions at d = 2 (their per-pair sum 0 + dx^2 + dy^2 is the 2D code's doubles).
 */
import { energyDistanceNd, meanCrossDistanceNd, meanSelfDistanceNd } from './nd/energy';

/** Mean of ||x_i - y_j|| over all N * M pairs. x: (N, 2), y: (M, 2) */
export const meanCrossDistance = (x: Float64Array, y: Float64Array): number => meanCrossDistanceNd(x, y, 2);

/** Mean of ||x_i - x_j|| over all N^2 ordered pairs, diagonal included. x: (N, 2) */
export const meanSelfDistance = (x: Float64Array): number => meanSelfDistanceNd(x, 2);

/**
 * Energy distance between samples x: (N, 2) and y: (M, 2). Pass `selfY` = meanSelfDistance(y)
 * when y is a fixed reference set, to skip its M^2 / 2 pairs. Tiny negative rounding is clamped to 0.
 */
export const energyDistance = (x: Float64Array, y: Float64Array, selfY?: number): number => energyDistanceNd(x, y, 2, selfY);
