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
}

export const DEFAULT_VAREOT: Omit<VarEotSettings, 'eps'> = {
  hidden: [64, 64],
  batch: 256,
  proposals: 8,
  kernelWidth: 0.1,
  optimiser: { lr: 1e-2, weightDecay: 1e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, clipNorm: 1 },
  seed: 1,
};

