/**
 * The sampler worker: owns all sampler state and exposes SamplerApi with comlink.
 * Frames go back as transferred Float32Arrays; engine errors go back as plain Errors.
 */
import { expose, transfer } from 'comlink';
import { createPresetTarget } from '../src/engine/targets/presets/index';
import { createSampler } from '../src/engine/samplers/registry';
import { DEFAULT_CLOUD, initialCloud } from '../src/engine/samplers/initialCloud';
import type { Sampler } from '../src/engine/samplers/types';
import type { Target } from '../src/engine/targets/types';
import { densityGrid } from './densityGrid';
import { guarded } from './plainError';
import type { Frame, InitRequest, InitResult, SamplerApi } from './samplerApi';

/** Upper bound on steps per call, so one message never blocks the worker for long. */
const MAX_STEPS_PER_CALL = 10_000;

interface Run {
  readonly req: InitRequest;
  readonly target: Target;
  /** (n, 2) shared initial cloud; reused by reset. */
  readonly initial: Float64Array;
  sampler: Sampler;
  diagnostics: Record<string, number>;
}

let run: Run | null = null;

function buildSampler(req: InitRequest, target: Target, initial: Float64Array): Sampler {
  return createSampler(req.sampler, { target, seed: req.seed, initial, params: req.params });
}

function current(): Run {
  if (!run) throw new Error('no sampler running: call init first');
  return run;
}

const api: SamplerApi = {
  async init(req) {
    run = null; // a failed init must not leave the previous run steppable
    return guarded(undefined, (): InitResult => {
      const target = createPresetTarget(req.target);
      const initial = initialCloud(req.seed, { n: req.n, ...DEFAULT_CLOUD });
      const sampler = buildSampler(req, target, initial);
      const heatmap = densityGrid(target, target.box);
      run = { req, target, initial, sampler, diagnostics: {} };
      return transfer({ box: { ...target.box }, heatmap }, [heatmap.values.buffer]);
    });
  },

  async step(k) {
    return guarded(undefined, (): Frame => {
      if (!Number.isInteger(k) || k < 0 || k > MAX_STEPS_PER_CALL) {
        throw new Error(`invalid step count: ${k} (must be an integer >= 0 and <= ${MAX_STEPS_PER_CALL})`);
      }
      const r = current();
      for (let s = 0; s < k; s++) r.diagnostics = r.sampler.step();
      const positions = Float32Array.from(r.sampler.positions()); // (n, 2)
      return transfer({ iteration: r.sampler.iteration, positions, diagnostics: { ...r.diagnostics } }, [
        positions.buffer,
      ]);
    });
  },

  async reset() {
    guarded(undefined, () => {
      const r = current();
      r.sampler = buildSampler(r.req, r.target, r.initial);
      r.diagnostics = {};
    });
  },
};

expose(api);
