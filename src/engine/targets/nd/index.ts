import { keysOf, lookup } from '../../lookup';
import { checkDim } from './dims';
import { createAnisoGaussian, createIsoGaussian } from './gaussian';
import { createFunnelD } from './funnelD';
import { createGmmD } from './gmm';
import { createGmmRingD } from './gmmRing';
import type { TargetNd } from './types';

export { ND_DIM_MAX, ND_DIM_MIN, checkDim } from './dims';
export { createAnisoGaussian, createDiagonalGaussian, createIsoGaussian } from './gaussian';
export { createGmmD, GMM_D_MAX_MODES, GMM_D_SEPARATION } from './gmm';
export { createGmmRingD } from './gmmRing';
export { createFunnelD } from './funnelD';
export type { NdMode, TargetNd } from './types';
export { ndAsTarget } from './asTarget';

/** The d-dimensional target library: each factory builds the target for a given d. */
export const ND_TARGETS = {
  'iso-gaussian': createIsoGaussian,
  'aniso-gaussian': createAnisoGaussian,
  'gmm-d': createGmmD,
  'gmm-ring-d': createGmmRingD,
  'funnel-d': createFunnelD,
} as const satisfies Record<string, (d: number) => TargetNd>;

export type NdTargetName = keyof typeof ND_TARGETS;

export const ND_TARGET_NAMES: readonly NdTargetName[] = keysOf(ND_TARGETS);

/** Label and one-sentence description of each d-dimensional target (for menus). */
export const ND_TARGET_INFO: Record<NdTargetName, { label: string; doc: string }> = {
  'iso-gaussian': { label: 'Isotropic Gaussian', doc: 'The standard normal N(0, I) in d dimensions.' },
  'aniso-gaussian': {
    label: 'Anisotropic Gaussian',
    doc: 'An axis-aligned Gaussian whose standard deviations are log-spaced from 0.1 to 1 (condition number 100).',
  },
  'gmm-d': {
    label: 'GMM (d-dim)',
    doc: 'min(d, 10) equal Gaussian modes with identity covariance at distance 5 along the first axes.',
  },
  'gmm-ring-d': {
    label: "GMM ring (d-dim, the ETD authors')",
    doc: "The ETD authors' high-dimensional mixture: 5 equal Gaussian modes with identity covariance on a circle of radius 3 in the first two coordinates.",
  },
  'funnel-d': {
    label: "Neal's funnel (d-dim)",
    doc: 'Coordinate 1 is the scale v ~ N(0, 3^2); every other coordinate is N(0, e^v) given v: a narrow neck and a wide mouth.',
  },
};

/** Builds a d-dimensional target by name; an unknown name or an invalid d throws a clear error. */
export function createNdTarget(name: string, d: number): TargetNd {
  const factory = lookup('nd target', ND_TARGETS, name);
  return factory(checkDim(d));
}
