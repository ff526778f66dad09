/**
 * VarEOT's settings and defaults, apart from the model (varEot.ts) so the page can show them
 * without loading TensorFlow.js on the main thread (the training runs in its worker).
 */
import type { AdamWSettings } from './adamW';

export interface VarEotSettings {
  readonly eps: number;
  /** Hidden layer widths of both networks. */
  readonly hidden: readonly number[];
  readonly batch: number;
  /** Proposals per source point in the log-partition estimate (half Gaussian, half kernel density). */
  readonly proposals: number;
  /** Bandwidth s of the kernel density part of the proposal (clouds live in about [-2, 2]^2). */
  readonly kernelWidth: number;
  readonly optimiser: AdamWSettings;
  readonly seed: number;
  /**
   * eps-annealing while training: the first annealSteps steps run at eps_t = eps * annealFrom^(1 - t / annealSteps)
   * (geometric, from annealFrom * eps down to eps), holding the potential f = eps_t phi_t fixed
   * across the change (phi_t = (eps / eps_t) * network), as Sinkhorn's annealing carries f over.
   * annealFrom = 1: no annealing.
   */
  readonly annealFrom: number;
  readonly annealSteps: number;
  /**
   * What the networks output: 'phi' (phi = f / eps and xi directly, order f / eps) or 'f' (the
   * potential f and eps xi, order one at every eps; phi = output / eps_t, xi = output / eps_t).
   */
  readonly output: 'phi' | 'f';
  /**
   * The kernel part of the proposal: 'target', kernels on the target points with equal weights;
   * 'model', the same kernels weighted by the current model's conditional on them,
   * softmax_m(phi(y_m) - ||y_m - x||^2 / (2 eps_t)) (no gradient through the weights: they are
   * part of the proposal density, which the importance weights divide by exactly).
   */
  readonly proposal: 'target' | 'model';
}

export const DEFAULT_VAREOT: Omit<VarEotSettings, 'eps'> = {
  hidden: [64, 64],
  batch: 256,
  proposals: 8,
  kernelWidth: 0.1,
  optimiser: { lr: 1e-2, weightDecay: 1e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, clipNorm: 1 },
  seed: 1,
  annealFrom: 1,
  annealSteps: 0,
  output: 'phi',
  proposal: 'target',
};
