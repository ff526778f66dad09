/**
 * The entropic-transport lab's settings, declared once: the URL codec, the lab's controls and
 * the worker all read these. eps is absolute, on the cost c(x, y) = 0.5 ||x - y||^2 (no
 * normalisation, unlike ETD's relative eps), so the lab's plans are POT's for reg = eps.
 */
import { bool, choice, int, num } from '../params/declare';

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

export interface LabConfig {
  src: CloudName;
  tgt: CloudName;
  eps: number;
  ns: number;
  nt: number;
  lseed: number;
  anneal: boolean;
  lsteps: number;
}

export const defaultLabConfig = (): LabConfig => ({
  src: LAB_PARAMS.src.default,
  tgt: LAB_PARAMS.tgt.default,
  eps: LAB_PARAMS.eps.default,
  ns: LAB_PARAMS.ns.default,
  nt: LAB_PARAMS.nt.default,
  lseed: LAB_PARAMS.lseed.default,
  anneal: LAB_PARAMS.anneal.default,
  lsteps: LAB_PARAMS.lsteps.default,
});
