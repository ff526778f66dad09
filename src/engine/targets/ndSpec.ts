import { createNdTarget, ndAsTarget, type TargetNd } from './nd/index';
import type { Target } from './types';

/** A d-dimensional target by family name and dimension (targets/nd). */
export interface NdSpec {
  readonly kind: 'nd';
  readonly name: string;
  readonly dim: number;
}

/** The pair of coordinates (0-based, distinct) drawn of a d-dimensional target. */
export type Axes = readonly [number, number];

export const DEFAULT_AXES: Axes = [0, 1];

/** The d-dimensional target of a spec; an unknown family or a bad dim throws the registry's message. */
export const ndTargetOf = (spec: NdSpec): TargetNd => createNdTarget(spec.name, spec.dim);

/** The samplers' view of a d-dimensional target, drawn on coordinates `axes`. */
export const ndViewOf = (nd: TargetNd, axes: Axes = DEFAULT_AXES): Target => ndAsTarget(nd, axes[0], axes[1]);

/** Dimension of the points of a spec's target: its dim for d-dimensional targets, else 2. */
export const specDim = (spec: { readonly kind: string; readonly dim?: number }): number => (spec.kind === 'nd' ? spec.dim ?? 2 : 2);

/** `axes` when both are distinct coordinates of a d-dimensional point, else the default pair (0, 1). */
export function axesFor(axes: Axes, dim: number): Axes {
  const [i, j] = axes;
  const ok = Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < dim && j < dim && i !== j;
  return ok ? axes : DEFAULT_AXES;
}
