import type { Target } from '../types';
import type { TargetNd } from './types';

/**
 * A d-dimensional target as the samplers' Target: logDensity and score in d dimensions, and
 * the box, modes and logDensityAt of the exact 2D marginal of coordinates (i, j) for drawing.
 */
export function ndAsTarget(nd: TargetNd, i = 0, j = 1): Target {
  const view = nd.marginal2d(i, j);
  return {
    name: nd.name,
    dim: nd.dim,
    box: view.box,
    ...(view.modes ? { modes: view.modes } : {}),
    logDensity: (points, out) => nd.logDensity(points, out),
    score: (points, out) => nd.score(points, out),
    logDensityAt: (x, y) => view.logDensityAt(x, y),
  };
}
