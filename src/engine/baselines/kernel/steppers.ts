import { rowNorm } from '../../mcmc/clip';
import { choice, num } from '../../params/declare';

/** The step-rule parameters shared by every sampler of the SVGD family, declared once. */
export const STEPPER_PARAMS = {
  lr: num(0.1, 0, 100, 'Step size: how far particles move along the update direction each iteration.', { minExclusive: true, log: true }),
  step: choice(
    ['adagrad', 'plain'],
    'adagrad',
    'AdaGrad with momentum divides each coordinate of the move by a running root-mean-square of past moves; plain takes x + lr * phi.',
  ),
} as const;

/** The steppers' parameters in words. */
export const STEPPER_WORDS = {
  lr: 'Step size (learning rate)',
  step: 'How steps are scaled (AdaGrad with momentum, or plain)',
} as const;

export type StepRule = (typeof STEPPER_PARAMS)['step']['options'][number];

/** Guards the AdaGrad division (as in the original SVGD code). */
const FUDGE = 1e-6;
/** AdaGrad-with-momentum decay of the running squared move. */
const DECAY = 0.9;

/**
 * Applies x <- x + lr * phi (plain), or x <- x + lr * phi / (1e-6 + sqrt(G)) with G = phi^2 at
 * the first step and G <- 0.9 G + 0.1 phi^2 afterwards, elementwise (adagrad). Stateful: keeps G.
 */
export class Stepper {
  private g: Float64Array | null = null;

  constructor(
    readonly rule: StepRule,
    readonly lr: number,
  ) {}

  /** Move x: (N, d) in place along phi: (N, d) (elementwise, so any d). */
  apply(x: Float64Array, phi: Float64Array): void {
    const lr = this.lr;
    if (this.rule === 'plain') {
      for (let t = 0; t < x.length; t++) x[t] += lr * phi[t];
      return;
    }
    let g = this.g;
    if (g === null) {
      g = this.g = new Float64Array(phi.length);
      for (let t = 0; t < g.length; t++) g[t] = phi[t] * phi[t];
    } else {
      for (let t = 0; t < g.length; t++) g[t] = DECAY * g[t] + (1 - DECAY) * phi[t] * phi[t];
    }
    for (let t = 0; t < x.length; t++) x[t] += (lr * phi[t]) / (FUDGE + Math.sqrt(g[t]));
  }
}

/** Mean Euclidean norm of the rows of phi: (N, d), d = 2 by default. */
export function meanRowNorm(phi: Float64Array, d = 2): number {
  let s = 0;
  for (let t = 0; t < phi.length; t += d) s += rowNorm(phi, t, d);
  return s / (phi.length / d);
}
