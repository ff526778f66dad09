import { num } from '../../params/declare';

/** Declarations shared by the Langevin baselines (ULA, MALA, SGLD). */
export const LANGEVIN_STEP = num(0.01, 0, 10, 'Step size h: drift h s(x) plus noise of standard deviation sqrt(2h).', {
  minExclusive: true,
  log: true,
});

export const SCORE_CLIP = num(5, 0, 1e6, 'Scores longer than this are scaled down to this norm.', { minExclusive: true, log: true });
