/**
 * The lab's learner worker: VarEOT and LightSB models on the same clouds (src/engine/lab/learners.ts),
 * trained one chunk per call by the stopping rule of src/engine/lab/plateau.ts (so the page can
 * pause between chunks and a stale model's worker can be replaced), sampled for a picked point
 * with the energy distance to Sinkhorn's row computed here.
 *
 * VarEOT's tensors run on tfjs's WebGPU backend only when the WebGPU adapter is hardware (the
 * backend chain of src/engine/tensor/backendChain.ts, software adapters refused), on wasm otherwise;
 * LightSB is plain float64 JavaScript.
 */
import { expose, transfer } from 'comlink';
import { createLearner, plateauSettings, sampleRng, type LearnedMethod, type Learner } from '../src/engine/lab/learners';
import { trainChunk } from '../src/engine/lab/labPipeline';
import { Plateau } from '../src/engine/lab/plateau';
import { weightedEnergyDistance } from '../src/engine/lab/weightedEnergy';
import { initTensorBackend } from '../src/engine/tensor/backend';
import type { LearnerApi, LearnerInfo, LearnerSample, LearnerStart, TrainReport } from './labApi';
import { debugFault } from './debugFault';
import { plainError } from './plainError';
import type { DebugFault } from './samplerApi';

let models = new Map<LearnedMethod, { learner: Learner; rule: Plateau }>();
let target: Float64Array = new Float64Array(0);
let seed = 1;
let backend: Promise<LearnerInfo> | null = null;

/** WebGPU on a hardware adapter, else wasm; chosen once per worker. */
async function chooseTfjsBackend(): Promise<LearnerInfo> {
  const chain = await import('../src/engine/tensor/backendChain');
  const choice = await chain.chooseBackend({ allowSoftwareWebGPU: false });
  const gpuNote = choice.reason.split('; ')[0];
  if (choice.name === 'webgpu') {
    try {
      const name = await chain.applyBackend(choice);
      if (name === 'webgpu') return { backend: 'webgpu', backendReason: gpuNote };
    } catch (e) {
      const wasm = await initTensorBackend('wasm');
      return { backend: wasm, backendReason: `${gpuNote}, but WebGPU failed to start (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  return { backend: await initTensorBackend('wasm'), backendReason: gpuNote };
}

const need = (method: LearnedMethod) => {
  const m = models.get(method);
  if (!m) throw new Error(`${method}: no model started`);
  return m;
};

const api: LearnerApi = {
  async start(req: LearnerStart): Promise<LearnerInfo> {
    try {
      for (const m of models.values()) m.learner.dispose();
      models = new Map();
      let info: LearnerInfo = { backend: '', backendReason: '' };
      if (req.methods.includes('vareot')) info = await (backend ??= chooseTfjsBackend());
      target = req.target;
      seed = req.seed;
      for (const method of req.methods)
        models.set(method, { learner: createLearner(method, req.source, req.target, req.eps, req.seed), rule: new Plateau(plateauSettings(method, req.cap)) });
      return info;
    } catch (e) {
      throw plainError(e, 'lab learner start');
    }
  },
  async train(method: LearnedMethod): Promise<TrainReport> {
    const m = need(method);
    const t0 = performance.now();
    try {
      if (m.rule.state.stopped) return { method, losses: [], state: m.rule.state, ms: 0 };
      const r = await trainChunk(m.learner, m.rule);
      return { method, losses: r.losses, state: r.state, ms: performance.now() - t0 };
    } catch (e) {
      throw plainError(e, `${method} training`);
    }
  },
  async sample(method: LearnedMethod, x0: [number, number], i: number, count: number, row: Float64Array | null): Promise<LearnerSample> {
    const m = need(method);
    try {
      const samples = await m.learner.sample(x0, count, sampleRng(seed, i));
      const energyDistance = row ? weightedEnergyDistance(samples, target, row) : null;
      const out: LearnerSample = { method, i, x0, samples, sampling: m.learner.sampling, energyDistance, steps: m.rule.state.steps, stopped: m.rule.state.stopped };
      return transfer(out, [samples.buffer]);
    } catch (e) {
      throw plainError(e, `${method} sampling`);
    }
  },
  debugFault(kind: DebugFault): void {
    debugFault(kind, self);
  },
};

expose(api);
