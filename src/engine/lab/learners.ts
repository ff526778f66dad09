/**
 * The lab's learned conditionals behind one interface, so the page's worker and the runner
 * (npm run lab) train and sample them the same way: VarEOT (a neural potential, Langevin
 * samples; src/engine/lab/varEot.ts) and LightSB (a Gaussian-mixture potential, exact samples;
 * src/engine/lab/lightSb.ts). Sinkhorn is the reference they are measured against. Their names
 * and stopping rule are in labMethods.ts, which the page imports without TensorFlow.js.
 */
import { Rng } from '../random/rng';
import { DEFAULT_LIGHTSB, LightSb, type LightSbSettings } from './lightSb';
import { DEFAULT_VAREOT, VarEot, type VarEotSettings } from './varEot';
import type { LearnedMethod } from './labMethods';

export interface Learner {
  readonly method: LearnedMethod;
  /** Steps trained so far. */
  readonly iteration: number;
  /** count optimiser steps; the minibatch loss of each. */
  train(count: number): Promise<number[]>;
  /** count samples (count, 2) of the learned pi(. | x0), all randomness from rng. */
  sample(x0: readonly [number, number], count: number, rng: Rng): Promise<Float64Array>;
  /** How samples are drawn, for captions and exports. */
  readonly sampling: string;
  /** The model's settings, for exports. */
  readonly settings: Readonly<Record<string, unknown>>;
  dispose(): void;
}

/** Settings a learner can be given beyond the defaults (the runner's and the tests' knobs). */
export interface LearnerOverrides {
  readonly vareot?: Partial<Omit<VarEotSettings, 'eps' | 'seed'>>;
  readonly lightsb?: Partial<Omit<LightSbSettings, 'eps' | 'seed'>>;
}

class VarEotLearner implements Learner {
  readonly method = 'vareot';
  constructor(private readonly model: VarEot) {}
  get iteration(): number {
    return this.model.iteration;
  }
  get sampling(): string {
    return `${VarEot.LANGEVIN_STEPS} Langevin steps of h = ${VarEot.stepSize(this.model.settings.eps).toPrecision(2)} from an importance-resampled start`;
  }
  get settings(): Readonly<Record<string, unknown>> {
    return this.model.settings as unknown as Record<string, unknown>;
  }
  train(count: number): Promise<number[]> {
    return this.model.train(count);
  }
  sample(x0: readonly [number, number], count: number, rng: Rng): Promise<Float64Array> {
    return this.model.sample(x0, count, rng);
  }
  dispose(): void {
    this.model.dispose();
  }
}

class LightSbLearner implements Learner {
  readonly method = 'lightsb';
  readonly sampling = 'exact draws of the mixture conditional';
  constructor(private readonly model: LightSb) {}
  get iteration(): number {
    return this.model.iteration;
  }
  get settings(): Readonly<Record<string, unknown>> {
    return this.model.settings as unknown as Record<string, unknown>;
  }
  async train(count: number): Promise<number[]> {
    return Array.from({ length: count }, () => this.model.step());
  }
  async sample(x0: readonly [number, number], count: number, rng: Rng): Promise<Float64Array> {
    return this.model.sample(x0, count, rng);
  }
  dispose(): void {}
}

/**
 * A fresh learner on the clouds (n, 2) and (m, 2). VarEOT needs a tfjs backend ready first
 * (initTensorBackend or the worker's choice).
 */
export function createLearner(method: LearnedMethod, source: Float64Array, target: Float64Array, eps: number, seed: number, over: LearnerOverrides = {}): Learner {
  if (method === 'vareot') return new VarEotLearner(new VarEot(source, target, { ...DEFAULT_VAREOT, ...over.vareot, eps, seed }));
  return new LightSbLearner(new LightSb(source, target, { ...DEFAULT_LIGHTSB, ...over.lightsb, eps, seed }));
}

/** Samples of a picked source point are drawn from their own stream: Rng(seed, SAMPLE_STREAM + i) for source point i. */
export const SAMPLE_STREAM = 100;

/** The generator of the samples of source point i (the same in the page and the runner). */
export const sampleRng = (seed: number, i: number): Rng => new Rng(seed, SAMPLE_STREAM + i);

export { LAB_METHODS, LEARNED_METHODS, METHOD_LABEL, plateauSettings, type LabMethod, type LearnedMethod } from './labMethods';
