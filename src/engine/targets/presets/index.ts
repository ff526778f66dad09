import { lookup } from '../../lookup';
import type { Target } from '../types';
import { createBanana } from './banana';
import { createDonut } from './donut';
import { createFunnel } from './funnel';
import { createGaussian } from './gaussian';
import { createGmmGrid4, createGmmRing8 } from './gmm';
import { createMullerBrown } from './mullerBrown';
import { createU1, createU2, createU3, createU4, type ConfineOption } from './rezende';
import { createSquiggle } from './squiggle';
import { createTwoMoons } from './twoMoons';

/** The preset target library (docs/algorithms.md §4). */
export const PRESET_NAMES = [
  'u1',
  'u2',
  'u3',
  'u4',
  'banana',
  'donut',
  'funnel',
  'squiggle',
  'gmm-grid-4',
  'gmm-ring-8',
  'two-moons',
  'gaussian',
  'muller-brown',
] as const;

export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetOptions {
  /** Soft box confinement for the improper presets (u2-u4); default true, ignored by the others. */
  readonly confine?: boolean;
}

const FACTORIES: Record<PresetName, (opts?: ConfineOption) => Target> = {
  u1: createU1,
  u2: createU2,
  u3: createU3,
  u4: createU4,
  banana: createBanana,
  donut: createDonut,
  funnel: createFunnel,
  squiggle: createSquiggle,
  'gmm-grid-4': createGmmGrid4,
  'gmm-ring-8': createGmmRing8,
  'two-moons': createTwoMoons,
  gaussian: createGaussian,
  'muller-brown': () => createMullerBrown(),
};

/** Label, one-sentence description and propriety of each preset (for the gallery). */
export const PRESET_INFO: Record<PresetName, { label: string; doc: string; improper: boolean }> = {
  u1: { label: 'U1', doc: 'Rezende & Mohamed ring of radius 2 split into two arcs at z1 = +-2.', improper: false },
  u2: { label: 'U2', doc: 'A sine-shaped ridge z2 = sin(pi z1 / 2), unbounded in z1 without confinement.', improper: true },
  u3: { label: 'U3', doc: 'Two sine ridges that split apart around z1 = 1, unbounded in z1 without confinement.', improper: true },
  u4: { label: 'U4', doc: 'Two sine ridges, the second shifted by a sigmoid step past z1 = 1, unbounded in z1 without confinement.', improper: true },
  banana: { label: 'Banana', doc: 'A correlated Gaussian bent into a banana by a quadratic shift of z2.', improper: false },
  donut: { label: 'Donut', doc: 'A thin ring of radius 2.6 with no preferred direction.', improper: false },
  funnel: { label: 'Funnel', doc: "Neal's funnel: the spread of z1 is exp(z2 / 2), a narrow neck and a wide mouth.", improper: false },
  squiggle: { label: 'Squiggle', doc: 'A correlated Gaussian wiggled by sin(5 z1) along z2.', improper: false },
  'gmm-grid-4': { label: 'GMM grid (4)', doc: 'Four equal, well-separated Gaussian modes at (+-3, +-3) with std 1.', improper: false },
  'gmm-ring-8': { label: 'GMM ring (8)', doc: 'Eight equal narrow Gaussian modes (std 0.4) on a circle of radius 4.', improper: false },
  'two-moons': { label: 'Two moons', doc: 'Two crescent-shaped arcs of a radius-2 ring, centred near (+-2, 0).', improper: false },
  gaussian: { label: 'Gaussian', doc: 'A normalised Gaussian with correlation 0.9, the easiest reference case.', improper: false },
  'muller-brown': {
    label: 'Müller-Brown',
    doc: 'The Müller-Brown potential of molecular sampling at temperature 15: three basins (90%, 7%, 3% of the mass) separated by barriers.',
    improper: false,
  },
};

/** Builds a preset target by name; unknown names throw with the list of valid names. */
export function createPresetTarget(name: string, opts?: PresetOptions): Target {
  return lookup('preset target', FACTORIES, name)(opts);
}

/** True for the presets that need confinement to be proper (u2, u3, u4). */
export function isImproper(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PRESET_INFO, name) && PRESET_INFO[name as PresetName].improper;
}
