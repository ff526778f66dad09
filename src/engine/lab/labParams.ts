/**
 * The entropic-transport lab's settings, declared once: the URL codec, the lab's controls and
 * the worker all read these. eps is absolute, on the cost c(x, y) = 0.5 ||x - y||^2 (no
 * normalisation, unlike ETD's relative eps), so the lab's plans are POT's for reg = eps.
 */
import { bool, choice, defaults, int, num, type ParamValues } from '../params/declare';

export const CLOUD_NAMES = ['gaussian', 'swiss-roll', 'two-moons', '8-gaussians', 'drawn'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Most points of one cloud. */
export const MAX_CLOUD = 2000;

export const LAB_PARAMS = {
  src: choice(CLOUD_NAMES, 'gaussian', 'Source cloud of the lab.'),
  tgt: choice(CLOUD_NAMES, 'swiss-roll', 'Target cloud of the lab.'),
  eps: num(0.1, 0.001, 10, 'Entropic regularisation on c = 0.5 ||x - y||^2 (absolute).', { log: true, label: 'ε' }),
  ns: int(500, 2, MAX_CLOUD, 'Points in the source cloud (presets).', { label: 'source points' }),
  nt: int(500, 2, MAX_CLOUD, 'Points in the target cloud (presets).', { label: 'target points' }),
  lseed: int(1, 0, 2 ** 31 - 1, 'Seed of the lab clouds.', { label: 'seed' }),
  anneal: bool(false, 'Solve from eps = 10 down to the chosen eps, warm-starting the potentials.'),
  lsteps: int(3000, 10, 20000, 'Most training steps of a learned model (VarEOT, LightSB); training stops earlier when its smoothed loss levels off.', { label: 'step cap' }),
} as const;

/** The lab's settings, one value per declaration. */
export type LabConfig = ParamValues<typeof LAB_PARAMS>;

/** Every lab key, in declaration order (the order links write them). */
export const LAB_KEYS = Object.keys(LAB_PARAMS) as (keyof typeof LAB_PARAMS)[];

export const defaultLabConfig = (): LabConfig => defaults(LAB_PARAMS);
