// Entry of tests/browser/pages/gpu.html: exposes the fused GPU Sinkhorn, the CPU path and the
// backend chain to tests/browser/gpu.spec.mjs as window.gpuPage. Sizes are the caller's: in
// headless Chromium WebGPU runs on SwiftShader (a CPU), so keep them small.
import type { CouplingProblem } from '../../../src/engine/etd/coupling';
import type { Relaxation } from '../../../src/engine/etd/coupling/problem';
import { syntheticProblem } from '../../engine/syntheticProblem';
import { completeCoupling, sinkhornScaling } from '../../../src/engine/etd/coupling/sinkhorn';
import { tfjsSinkhorn } from '../../support/tfjsSinkhorn';
import { createGpuSinkhorn } from '../../../src/engine/gpu/sinkhornGpu';
import { wrap } from 'comlink';
import type { SamplerApi } from '../../../workers/samplerApi';
import { applyBackend, chooseBackend, tfjsGpuDevice, type ChooseBackendOptions } from '../../../src/engine/tensor/backendChain';

const problem = (n: number, p: number, seed = 7): CouplingProblem => syntheticProblem(n, p, seed);

/** max_ij |gamma_ij / gamma'_ij - 1| for two sets of duals of the same problem. */
function worstRelative(pb: CouplingProblem, F1: ArrayLike<number>, G1: ArrayLike<number>, F2: ArrayLike<number>, G2: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < F1.length; i++)
    for (let j = 0; j < G1.length; j++) w = Math.max(w, Math.abs(Math.expm1(F1[i] + G1[j] - F2[i] - G2[j])));
  return w;
}

async function requestDevice(): Promise<{ device: GPUDevice; adapter: string }> {
  if (!navigator.gpu) throw new Error('navigator.gpu is missing (launch Chromium with --enable-unsafe-webgpu)');
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned null');
  const info = adapter.info;
  return { device: await adapter.requestDevice(), adapter: [info.vendor, info.architecture, info.description].join(' ') };
}

/** The fused kernels and the CPU path on one problem, solved to the same marginal residual. */
async function compare(n: number, p: number, lamB = 1, relax: Relaxation = 'off') {
  const { device, adapter } = await requestDevice();
  const gpu = createGpuSinkhorn(device);
  try {
    const pb = problem(n, p);
    const opts = { maxIter: 2000, tol: 1e-6, relax };
    const t0 = performance.now();
    const r = await gpu.solve(pb, null, { ...opts, lamA: 1, lamB });
    const gpuMs = performance.now() - t0;
    const cpu = sinkhornScaling(pb, null, opts, 1, lamB);
    const order = (len: number) => Array.from({ length: len }, (_, k) => k);
    const image = await gpu.planImage(pb, r.F, r.G, 16, 8, order(n), order(p));
    let mass = 0;
    for (const v of image) mass += Math.exp(v);
    return {
      adapter,
      iterations: r.iterations,
      converged: r.converged,
      omega: r.omega,
      pullBacks: r.pullBacks,
      cpuIterations: cpu.iterations,
      cpuConverged: cpu.converged,
      worstRelative: worstRelative(pb, r.F, r.G, cpu.F, cpu.G),
      imageMass: mass,
      gpuMs,
    };
  } finally {
    gpu.dispose();
    device.destroy();
  }
}

/**
 * The stopping rule at a tiny eps (1e-6), which the old max|dF| rule passed as converged after 2
 * iterations: the solve must run to maxIter and the CPU's float64 verdict must be "not converged".
 */
async function tinyEps(n: number, p: number, relax: Relaxation) {
  const { device } = await requestDevice();
  const gpu = createGpuSinkhorn(device);
  try {
    const base = problem(n, p);
    const pb = { ...base, kappa: (base.kappa * base.eps) / 1e-6, eps: 1e-6 };
    const r = await gpu.solve(pb, null, { maxIter: 30, tol: 1e-2, lamA: 1, lamB: 1, relax, checkEvery: 5 });
    const c = completeCoupling(pb, r.F, r.G, r.iterations, { lamA: 1, lamB: 1 }, 1e-2, r.omega);
    const finite = r.F.every(Number.isFinite) && r.G.every(Number.isFinite);
    return { iterations: r.iterations, converged: r.converged, cpuConverged: c.converged, residual: c.residual, finite };
  } finally {
    gpu.dispose();
    device.destroy();
  }
}

/** ms per iteration of the fused kernel and of generic tfjs ops, both on tfjs's WebGPU device. */
async function bench(n: number, p: number, iters: number, tfjsIters = iters) {
  const backend = await applyBackend({ name: 'webgpu', reason: 'benchmark' });
  const device = tfjsGpuDevice();
  if (!device) throw new Error(`no tfjs WebGPU device (backend ${backend})`);
  const gpu = createGpuSinkhorn(device);
  const pb = problem(n, p);
  const fixed = (maxIter: number) => ({ maxIter, tol: 0, lamA: 1, lamB: 1, checkEvery: maxIter });
  await gpu.solve(pb, null, fixed(2)); // compile
  let t = performance.now();
  await gpu.solve(pb, null, fixed(iters));
  const fused = (performance.now() - t) / iters;
  gpu.dispose();
  await tfjsSinkhorn(pb, null, { maxIter: 2, tol: 0, checkEvery: 2 }, 1, 1); // compile
  t = performance.now();
  await tfjsSinkhorn(pb, null, { maxIter: tfjsIters, tol: 0, checkEvery: tfjsIters }, 1, 1);
  const generic = (performance.now() - t) / tfjsIters;
  return { n, p, fusedMsPerIter: fused, tfjsWebgpuMsPerIter: generic };
}

/**
 * The real sampler worker, asked to accept the software adapter: ETD panels must then step on
 * the fused kernels (diagnostics.gpu = 1) and the session must report webgpu with its reason.
 */
async function workerSession(steps: number) {
  const worker = new Worker(new URL('../../../workers/sampler.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<SamplerApi>(worker);
  try {
    const info = await api.createSession({
      target: { kind: 'preset', name: 'gmm-grid-4' },
      seed: 1,
      n: 20,
      panel: { sampler: 'etd-b', params: { M: 5 } },
      metricsEvery: 0,
      allowSoftwareWebGPU: true,
    });
    await api.step(steps);
    const frame = await api.frame({ trails: false, plan: false, history: false });
    return {
      backend: info.backend,
      panels: [frame.panel].map((p) => ({ iteration: p.iteration, status: p.status, gpu: p.diagnostics.gpu ?? 0, finite: Array.from(p.positions).every(Number.isFinite) })),
    };
  } finally {
    worker.terminate();
  }
}

declare global {
  interface Window {
    gpuPage: {
      compare: typeof compare;
      tinyEps: typeof tinyEps;
      bench: typeof bench;
      workerSession: typeof workerSession;
      choose: (opts?: Omit<ChooseBackendOptions, 'gpu'>) => ReturnType<typeof chooseBackend>;
    };
  }
}

window.gpuPage = { compare, tinyEps, bench, workerSession, choose: (opts) => chooseBackend(opts) };
document.body.dataset.ready = 'true';
