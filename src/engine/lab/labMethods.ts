/**
 * The lab's methods by name and the learners' stopping rule: what the page's main thread needs
 * without loading the models (learners.ts imports VarEOT, hence TensorFlow.js).
 */
import type { PlateauSettings } from './plateau';

export const LAB_METHODS = ['sinkhorn', 'vareot', 'lightsb'] as const;
export type LabMethod = (typeof LAB_METHODS)[number];
export type LearnedMethod = Exclude<LabMethod, 'sinkhorn'>;
export const LEARNED_METHODS = ['vareot', 'lightsb'] as const satisfies readonly LearnedMethod[];

export const METHOD_LABEL: Record<LabMethod, string> = { sinkhorn: 'Sinkhorn', vareot: 'VarEOT', lightsb: 'LightSB' };

/**
 * The stopping rule (src/engine/lab/plateau.ts), the same for both methods; cap is the step cap.
 * Chosen on the loss curves of Gaussian -> Swiss roll at 1000 + 1000 points and of LightSB on two
 * Gaussians (docs/lab.md): the conditionals keep improving for a while after a noisy loss looks
 * level over a short window, hence the long window and minimum.
 */
export function plateauSettings(_method: LearnedMethod, cap: number): PlateauSettings {
  return { tau: 100, window: 200, z: Math.SQRT2, patience: 2, minSteps: 1000, cap };
}
