import { int, num } from '../params/declare';

/** Declarations of the Gaussian VI samplers (the single Gaussian and the mixture). */
const SAMPLES = int(16, 1, 5000, 'Samples z = μ + S ξ of q drawn per step (per component) for the gradient estimate.');

// The Euler step is stable for h below about 1 / (largest curvature of -log pi): 0.01 keeps the
// aniso-gaussian (curvature 100) and the donut (~60) stable, as ULA's 0.01 does.
const STEP = num(0.01, 0, 10, 'Step size h of the gradient step on (μ, S): the forward Euler step of the Bures-Wasserstein gradient flow; stable below about 1 / (largest curvature of −log π).', {
  minExclusive: true,
  log: true,
});

export const GVI_PARAMS = {
  K: SAMPLES,
  h: STEP,
  s0: num(1, 0, 100, "Initial width: q starts at the initial cloud's mean with S = s0 × (the cloud's spread) × I, so s0 = 1 starts where the other panels start.", {
    minExclusive: true,
    log: true,
  }),
} as const;

export const GVI_MIXTURE_PARAMS = {
  C: int(4, 1, 16, 'Gaussian components, with equal weights 1/C; they start at the first C particles of the initial cloud.'),
  K: SAMPLES,
  h: STEP,
  s0: num(0.5, 0, 100, "Initial width of every component: S_c = s0 × (the initial cloud's spread) × I.", { minExclusive: true, log: true }),
} as const;
