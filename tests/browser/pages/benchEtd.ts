// The in-browser half of `npm run bench` (src/bench/browserBench.ts drives it): Sinkhorn
// ms/iteration on the problems ETD actually solves, per backend and kernel, and ETD steps/s.
import * as tf from '@tensorflow/tfjs';
import { etdProblem } from '../../../src/bench/problems';
import { sinkhornScaling } from '../../../src/engine/etd/coupling/sinkhorn';
import { tfjsSinkhorn } from '../../support/tfjsSinkhorn';
import { createGpuSinkhorn } from '../../../src/engine/gpu/sinkhornGpu';
import { initialCloud } from '../../../src/engine/samplers/initialCloud';
import { createSampler } from '../../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../../src/engine/targets/presets';
import { applyBackend, tfjsGpuDevice } from '../../../src/engine/tensor/backendChain';
import { setSimdEnabled } from '../../../src/engine/wasm/simd';
import type { StepReply, StepRequest } from './benchStep.worker';

export interface BrowserRow {
  backend: string;
  kernel: string;
  n: number;
  p: number;
  msPerIteration?: number;
  stepsPerSecond?: number;
  skipped?: string;
}

const fixed = (maxIter: number) => ({ maxIter, tol: 0 });

/** iters: iterations to time per kernel (0 = skip, with the reason in skip). */
export async function benchSize(n: number, iters: { fused: number; webgpuOps: number; wasmOps: number; cpu: number; steps: number }, skip: Record<string, string>): Promise<BrowserRow[]> {
  const pb = etdProblem(n);
  const p = pb.y.length / 2;
  const rows: BrowserRow[] = [];
  const time = async (fn: () => unknown, k: number) => {
    const t = performance.now();
    await fn();
    return (performance.now() - t) / k;
  };
  await applyBackend({ name: 'webgpu', reason: 'benchmark (software adapter forced)' });
  const device = tfjsGpuDevice();
  if (device && iters.fused) {
    const gpu = createGpuSinkhorn(device);
    await gpu.solve(pb, null, { ...fixed(1), lamA: 1, lamB: 1, checkEvery: 1 }); // compile, allocate
    const ms = await time(() => gpu.solve(pb, null, { ...fixed(iters.fused), lamA: 1, lamB: 1, checkEvery: iters.fused }), iters.fused);
    rows.push({ backend: 'webgpu (SwiftShader)', kernel: 'fused WGSL', n, p, msPerIteration: ms });
    gpu.dispose();
  } else rows.push({ backend: 'webgpu (SwiftShader)', kernel: 'fused WGSL', n, p, skipped: device ? skip.fused : 'no WebGPU device' });
  if (device && iters.webgpuOps) {
    await tfjsSinkhorn(pb, null, { ...fixed(1), checkEvery: 1 }, 1, 1);
    const ms = await time(() => tfjsSinkhorn(pb, null, { ...fixed(iters.webgpuOps), checkEvery: iters.webgpuOps }, 1, 1), iters.webgpuOps);
    rows.push({ backend: 'webgpu (SwiftShader)', kernel: 'generic tfjs ops', n, p, msPerIteration: ms });
  } else rows.push({ backend: 'webgpu (SwiftShader)', kernel: 'generic tfjs ops', n, p, skipped: skip.webgpuOps });
  if (iters.wasmOps) {
    await applyBackend({ name: 'wasm', reason: 'benchmark' });
    await tfjsSinkhorn(pb, null, { ...fixed(1), checkEvery: 1 }, 1, 1);
    const ms = await time(() => tfjsSinkhorn(pb, null, { ...fixed(iters.wasmOps), checkEvery: iters.wasmOps }, 1, 1), iters.wasmOps);
    rows.push({ backend: `wasm (${tf.getBackend()})`, kernel: 'generic tfjs ops', n, p, msPerIteration: ms });
  } else rows.push({ backend: 'wasm', kernel: 'generic tfjs ops', n, p, skipped: skip.wasmOps });
  // The CPU path on the WebAssembly SIMD kernels (what the app uses) and on plain typed arrays.
  for (const [backend, on] of [['cpu (wasm SIMD)', true], ['cpu (typed arrays)', false]] as const) {
    setSimdEnabled(on);
    try {
      sinkhornScaling(pb, null, fixed(1), 1, 1);
      const cpuMs = await time(() => sinkhornScaling(pb, null, fixed(iters.cpu), 1, 1), iters.cpu);
      rows.push({ backend, kernel: 'CPU path', n, p, msPerIteration: cpuMs });
      const target = createPresetTarget('gmm-grid-4');
      const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) });
      for (let k = 0; k < 5; k++) s.step();
      const steps = on ? iters.steps * 4 : iters.steps;
      const stepMs = await time(() => { for (let k = 0; k < steps; k++) s.step(); }, steps);
      rows.push({ backend, kernel: 'ETD-B step', n, p, stepsPerSecond: 1000 / stepMs });
    } finally {
      setSimdEnabled(true);
    }
  }
  return rows;
}

let stepWorker: Worker | null = null;

/**
 * ETD-B steps/s in a worker (as the app's sampler worker takes them) with the kernels on
 * `threads` threads: on a team of nested kernel threads where the page is cross-origin isolated,
 * else on one (the team cannot start without shared memory; the row says which ran).
 */
export async function benchWorkerSteps(n: number, steps: number, threads: number): Promise<BrowserRow & { note: string; threads: number; jobsPerStep: number; waitMsPerStep: number }> {
  stepWorker ??= new Worker(new URL('./benchStep.worker.ts', import.meta.url), { type: 'module', name: 'bench steps' });
  const w = stepWorker;
  const reply = await new Promise<StepReply>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<{ ok: boolean; reply?: StepReply; error?: string }>) => (e.data.ok ? resolve(e.data.reply!) : reject(new Error(e.data.error)));
    w.onerror = (e) => reject(new Error(e.message || 'the benchmark worker failed'));
    w.postMessage({ n, steps, threads } satisfies StepRequest);
  });
  const backend = reply.threads > 1 ? `cpu (wasm SIMD, ${reply.threads} threads, worker)` : 'cpu (wasm SIMD, 1 thread, worker)';
  return { backend, kernel: 'ETD-B step', n, p: 25 * n, stepsPerSecond: reply.stepsPerSecond, note: reply.note, threads: reply.threads, jobsPerStep: reply.jobsPerStep, waitMsPerStep: reply.waitMsPerStep };
}

/** What the page can use: cross-origin isolation and the cores the browser reports. */
export const pageInfo = () => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency });

declare global {
  interface Window {
    benchPage: { benchSize: typeof benchSize; benchWorkerSteps: typeof benchWorkerSteps; pageInfo: typeof pageInfo };
  }
}
window.benchPage = { benchSize, benchWorkerSteps, pageInfo };
document.body.dataset.ready = 'true';
