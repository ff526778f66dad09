/**
 * The lab's VarEOT worker: one model (src/engine/lab/varEot.ts) on TensorFlow.js, trained in
 * chunks the page asks for (so training can pause and a new setting can replace the worker).
 */
import { expose, transfer } from 'comlink';
import { DEFAULT_VAREOT, VarEot } from '../src/engine/lab/varEot';
import { initTensorBackend } from '../src/engine/tensor/backend';
import type { VarEotApi, VarEotSamples, VarEotStart } from './labApi';
import { plainError } from './plainError';

/** Langevin steps per conditional sample. */
const LANGEVIN_STEPS = VarEot.LANGEVIN_STEPS;

let model: VarEot | null = null;

const need = (): VarEot => {
  if (!model) throw new Error('VarEOT not started');
  return model;
};

const api: VarEotApi = {
  async start(req: VarEotStart): Promise<string> {
    try {
      const backend = await initTensorBackend('wasm');
      model?.dispose();
      model = new VarEot(req.source, req.target, { ...DEFAULT_VAREOT, eps: req.eps, seed: req.seed });
      return backend;
    } catch (e) {
      throw plainError(e, 'VarEOT start');
    }
  },
  train(steps: number): number[] {
    const m = need();
    try {
      return Array.from({ length: steps }, () => m.step());
    } catch (e) {
      throw plainError(e, 'VarEOT training');
    }
  },
  sample(x0: [number, number], count: number): VarEotSamples {
    const m = need();
    const stepSize = VarEot.stepSize(m.settings.eps);
    const samples = m.sample(x0, count, LANGEVIN_STEPS, stepSize);
    return transfer({ samples, stepSize, steps: LANGEVIN_STEPS }, [samples.buffer]);
  },
};

expose(api);
