// The fused WGSL Sinkhorn kernels in Node, on Dawn (npm package `webgpu`) with the SwiftShader
// Vulkan driver that Debian's chromium ships. No adapter is a failure, not a skip, unless
// ETD_SKIP_GPU=1. SwiftShader is a CPU: sizes stay small.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouplingProblem } from '../../src/engine/etd/coupling';
import { syntheticProblem } from '../engine/syntheticProblem';
import { decodeLogPlan, fixtures, lambdas, logPlan, toProblem, worstRelative } from '../engine/potFixtures';
import { onlineLse } from '../../src/engine/etd/coupling/onlineLse';
import { completeCoupling, marginalResidual, sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import { etdProblem } from '../../src/bench/problems';
import { halfStepKey, halfStepProgram, halfStepWorkgroupSize } from '../../src/engine/gpu/halfStep';
import { createGpuSinkhorn, type GpuSinkhorn } from '../../src/engine/gpu/sinkhornGpu';
import { deviceAdapterInfo, softwareAdapterName } from '../../src/engine/gpu/software';
import { chooseBackend, onDeviceLost } from '../../src/engine/tensor/backendChain';
import type { EtdSampler } from '../../src/engine/samplers/etdSampler';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { createNdTarget, ndAsTarget } from '../../src/engine/targets/nd';
import { Rng } from '../../src/engine/random/rng';

/** The 20 x 100 problem of these tests (seed 12345). */
const smallProblem = (n = 20, p = 100): CouplingProblem => syntheticProblem(n, p, 12345);

/** The same problem at another relative eps. */
const atEps = (pb: CouplingProblem, eps: number): CouplingProblem => ({ ...pb, kappa: (pb.kappa * pb.eps) / eps, eps });

const iterative = fixtures.filter((f) => f.coupling !== 'semi-relaxed');
const RELAX = ['off', 'adaptive'] as const;

/** sum |exp(a) - exp(b)| over two log-plans: their L1 distance. */
function l1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += Math.abs(Math.exp(a[k]) - Math.exp(b[k]));
  return s;
}

/** One over-relaxed half-step in float64 without the CPU's pull-back: X* and X + w (X* - X). */
function relaxedStep(X: Float64Array, c: Float64Array, logT: Float64Array, lam: number, w: number) {
  const star = Float64Array.from(X, (_, k) => lam * (logT[k] - c[k]));
  const next = Float64Array.from(X, (x, k) => x + w * (star[k] - x));
  const rho = lam === 1 ? Infinity : lam / (1 - lam);
  const psi = (x: number, k: number) =>
    (rho === Infinity ? Math.exp(logT[k]) * x : -rho * Math.exp(logT[k] - x / rho)) - Math.exp(x + c[k]);
  let gain = 0, after = 0;
  for (let k = 0; k < X.length; k++) {
    gain += psi(next[k], k) - psi(X[k], k);
    after += Math.abs(Math.exp(next[k] + c[k]) - Math.exp(star[k] + c[k]));
  }
  return { next, before: marginalResidual(X, c, logT, lam), after, gain };
}

const LIBVULKAN = '/usr/lib/chromium/libvulkan.so.1';
const RTLD_NOW = 2, RTLD_GLOBAL = 0x100, RTLD_NODELETE = 0x1000; // glibc values
const SYSTEM_LIB_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'];

/**
 * dawn.node objects must stay reachable while in use: a collected GPU or GPUAdapter takes its
 * device down with it (seen as a futex/system_error abort), so every one made is kept here.
 */
const keepAlive: unknown[] = [];

/**
 * Dawn finds Vulkan by dlopen('libvulkan.so.1'). Without Debian's libvulkan1, preload the loader
 * chromium ships (RTLD_NODELETE keeps it after process.dlopen rejects it as a non-addon), so the
 * soname resolves; VK_DRIVER_FILES points it at chromium's SwiftShader driver.
 */
async function dawnGpu(): Promise<{ gpu: GPU; adapter: GPUAdapter | null; notes: string[] }> {
  const notes: string[] = [];
  process.env.VK_DRIVER_FILES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
  notes.push(`VK_DRIVER_FILES=${process.env.VK_DRIVER_FILES}`);
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...SYSTEM_LIB_DIRS];
  if (!dirs.some((d) => existsSync(`${d}/libvulkan.so.1`))) {
    if (existsSync(LIBVULKAN)) {
      try {
        process.dlopen({ exports: {} }, LIBVULKAN, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
      } catch {
        // expected: "did not self-register"; the library stays loaded
      }
      notes.push(`no system libvulkan.so.1, preloaded ${LIBVULKAN}`);
    } else {
      notes.push(`no libvulkan.so.1 (neither the system's nor ${LIBVULKAN})`);
    }
  }
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const adapter = await gpu.requestAdapter();
  keepAlive.push(gpu, adapter);
  return { gpu, adapter, notes };
}

const skip = process.env.ETD_SKIP_GPU === '1';

describe.skipIf(skip)('fused WGSL Sinkhorn on Dawn (Node)', () => {
  let gpu: GPU;
  let device: GPUDevice;
  let sinkhorn: GpuSinkhorn;
  const uncaptured: string[] = [];

  beforeAll(async () => {
    const found = await dawnGpu();
    if (!found.adapter) {
      throw new Error(
        `no WebGPU adapter from Dawn (npm package 'webgpu'; ${found.notes.join(', ')}). ` +
          `Install Debian's chromium (it ships SwiftShader and libvulkan) or set ETD_SKIP_GPU=1 to skip these tests.`,
      );
    }
    gpu = found.gpu;
    device = await found.adapter.requestDevice();
    keepAlive.push(device);
    device.addEventListener('uncapturederror', (e) => uncaptured.push((e as GPUUncapturedErrorEvent).error.message));
    sinkhorn = createGpuSinkhorn(device);
  });

  afterAll(() => {
    sinkhorn?.dispose();
    device?.destroy();
  });

  for (const fx of iterative) {
    it(`${fx.name} 50 x 500: plan agrees with POT and the CPU path (float32 tolerance), relax off and adaptive`, async () => {
      const pb = toProblem(fx);
      const [lamA, lamB] = lambdas(fx);
      const cpu = sinkhornScaling(pb, null, { maxIter: 100000, tol: 1e-12 }, lamA, lamB);
      for (const relax of RELAX) {
        // 1e-6: the float32 potentials put the residual's floor at ~1e-6 (sinkhornGpu.ts).
        const r = await sinkhorn.solve(pb, null, { maxIter: 3000, tol: 1e-6, lamA, lamB, relax });
        expect(r.converged, relax).toBe(true);
        expect(r.residual).toBeLessThanOrEqual(1e-6);
        // Checked every checkEvery = 10 iterations; adaptive checks first after 4 (the Relaxer's probe).
        expect(r.iterations % 10).toBe(relax === 'off' ? 0 : 4);
        expect(r.pullBacks).toBe(0);
        expect(r.omega).toBeGreaterThanOrEqual(1);
        expect(r.omega).toBeLessThan(2);
        if (relax === 'off') expect(r.omega).toBe(1);
        const ours = logPlan(pb, r.F, r.G);
        expect(worstRelative(ours, decodeLogPlan(fx)), relax).toBeLessThan(1e-4);
        expect(worstRelative(ours, logPlan(pb, cpu.F, cpu.G)), relax).toBeLessThan(1e-4);
        // The CPU's float64 verdict on the float32 potentials: within the float32 floor of tol.
        expect(completeCoupling(pb, r.F, r.G, r.iterations, { lamA, lamB }, 1e-5, r.omega).converged).toBe(true);
      }
      expect(uncaptured).toEqual([]);
    });
  }

  it('relax adaptive takes fewer iterations than off on every fixture; checked every iteration, both follow the CPU', async () => {
    const counts: string[] = [];
    for (const fx of iterative) {
      const pb = toProblem(fx);
      const [lamA, lamB] = lambdas(fx);
      const it: Record<string, number> = {};
      for (const relax of RELAX) {
        const opts = { maxIter: 3000, tol: 1e-6, relax };
        const r = await sinkhorn.solve(pb, null, { ...opts, lamA, lamB, checkEvery: 1 });
        const cpu = sinkhornScaling(pb, null, opts, lamA, lamB);
        expect(r.converged).toBe(true);
        // The same rule on the same iterates: float32 may cross tol a few iterations apart.
        expect(Math.abs(r.iterations - cpu.iterations), `${fx.name} ${relax}: gpu ${r.iterations}, cpu ${cpu.iterations}`).toBeLessThanOrEqual(3);
        it[relax] = r.iterations;
      }
      expect(it.adaptive, fx.name).toBeLessThan(it.off);
      counts.push(`${fx.name} ${it.off} -> ${it.adaptive}`);
    }
    console.log(`GPU iterations to tol 1e-6, relax off -> adaptive: ${counts.join(', ')}`);
  });

  it('20 x 100: plan agrees with the CPU path; iterations and convergence as the CPU reports them', async () => {
    const pb = smallProblem();
    for (const relax of RELAX) {
      const opts = { maxIter: 2000, tol: 1e-6, relax };
      const cpu = sinkhornScaling(pb, null, opts, 1, 0.8);
      const r = await sinkhorn.solve(pb, null, { ...opts, lamA: 1, lamB: 0.8, checkEvery: 1 });
      expect(cpu.converged && r.converged).toBe(true);
      // Checking every iteration, float32 stops within a few iterations of float64.
      expect(Math.abs(r.iterations - cpu.iterations), relax).toBeLessThanOrEqual(3);
      expect(Math.abs(r.omega - cpu.omega), relax).toBeLessThan(1e-6); // the same Relaxer on float32 residuals
      expect(worstRelative(logPlan(pb, r.F, r.G), logPlan(pb, cpu.F, cpu.G))).toBeLessThan(1e-4);
    }
  });

  it('one iteration equals the CPU half-steps (row and column LSE kernels) at every workgroup size', async () => {
    const pb = smallProblem(37, 301); // not multiples of any workgroup size
    const warm = { F: Float64Array.from({ length: 37 }, (_, i) => Math.sin(i)), G: Float64Array.from({ length: 301 }, (_, j) => Math.cos(j)) };
    const cpu = sinkhornScaling(pb, warm, { maxIter: 1, tol: 0 }, 0.9, 0.7, onlineLse);
    // The iteration's residual: the column residual before its step (rowAfter = 0 for a plain step).
    const lse = onlineLse(pb, warm.F, warm.G);
    const colLse = new Float64Array(301);
    lse.cols(cpu.F, colLse);
    const colBefore = marginalResidual(warm.G, colLse, pb.logB, 0.7);
    // The default (4 on SwiftShader), the hardware sizes, a workgroup larger than the line, one thread.
    for (const workgroupSize of [undefined, { rows: 256, cols: 32 }, { rows: 128, cols: 64 }, { rows: 1, cols: 1 }]) {
      const s = workgroupSize ? createGpuSinkhorn(device, { workgroupSize }) : sinkhorn;
      const r = await s.solve(pb, warm, { maxIter: 1, tol: 0, lamA: 0.9, lamB: 0.7 });
      if (s !== sinkhorn) s.dispose();
      expect(r.iterations).toBe(1);
      expect(r.converged).toBe(false);
      expect(Math.abs(r.residual / colBefore - 1), JSON.stringify(workgroupSize)).toBeLessThan(1e-4);
      let dF = 0, dG = 0;
      for (let i = 0; i < 37; i++) dF = Math.max(dF, Math.abs(r.F[i] - cpu.F[i]));
      for (let j = 0; j < 301; j++) dG = Math.max(dG, Math.abs(r.G[j] - cpu.G[j]));
      expect(dF, JSON.stringify(workgroupSize)).toBeLessThan(1e-5);
      expect(dG, JSON.stringify(workgroupSize)).toBeLessThan(1e-5);
    }
  });

  it('one over-relaxed iteration: the step, its residual rowAfter + colBefore and the dual-gain check equal float64', async () => {
    const pb = smallProblem(37, 301);
    const cases: string[] = [];
    for (const [lamA, lamB, omega, amp] of [[1, 1, 1.5, 0.3], [0.9, 0.7, 1.8, 0.3], [1, 1, 1.05, 0.3], [1, 1, 1.95, 3], [0.9, 0.7, 1.9, 3]]) {
      const warm = { F: Float64Array.from({ length: 37 }, (_, i) => amp * Math.sin(i)), G: Float64Array.from({ length: 301 }, (_, j) => amp * Math.cos(j)) };
      const lse = onlineLse(pb, warm.F, warm.G);
      const r0 = new Float64Array(37), c0 = new Float64Array(301);
      lse.rows(warm.G, r0);
      const row = relaxedStep(warm.F, r0, pb.logA, lamA, omega);
      lse.cols(row.next, c0);
      const col = relaxedStep(warm.G, c0, pb.logB, lamB, omega);
      const ascends = row.gain >= 0 && col.gain >= 0;
      for (const workgroupSize of [undefined, { rows: 64, cols: 16 }]) {
        const s = workgroupSize ? createGpuSinkhorn(device, { workgroupSize }) : sinkhorn;
        const r = await s.solve(pb, warm, { maxIter: 1, tol: 0, lamA, lamB, relax: 'adaptive', omega });
        if (s !== sinkhorn) s.dispose();
        const what = `lam ${lamA}, ${lamB}, omega ${omega}, wg ${JSON.stringify(workgroupSize)}`;
        let dF = 0, dG = 0;
        for (let i = 0; i < 37; i++) dF = Math.max(dF, Math.abs(r.F[i] - row.next[i]));
        for (let j = 0; j < 301; j++) dG = Math.max(dG, Math.abs(r.G[j] - col.next[j]));
        expect(dF, what).toBeLessThan(1e-5 * Math.max(1, amp));
        expect(dG, what).toBeLessThan(1e-5 * Math.max(1, amp));
        expect(Math.abs(r.residual / (row.after + col.before) - 1), what).toBeLessThan(1e-4);
        // A descending step pulls omega back (for the next batch, had there been one).
        expect(r.pullBacks, what).toBe(ascends ? 0 : 1);
        expect(r.omega, what).toBe(ascends ? omega : (1 + omega) / 2);
      }
      cases.push(`${ascends}`);
    }
    expect(cases).toContain('true');
    expect(cases).toContain('false'); // both outcomes of the check were exercised
  });

  it('workgroup size: 4 on a software adapter, else the line length rounded up to a power of two in 32..256', () => {
    expect(softwareAdapterName(deviceAdapterInfo(device))).toBe('SwiftShader');
    expect(halfStepWorkgroupSize(device, 5000)).toBe(4);
    const hw = { limits: { maxComputeWorkgroupSizeX: 256, maxComputeInvocationsPerWorkgroup: 256 } } as unknown as GPUDevice;
    expect([10, 33, 100, 256, 5000].map((k) => halfStepWorkgroupSize(hw, k))).toEqual([32, 64, 128, 256, 256]);
  });

  it('warm start from the solution stops at the first check; maxIter stops unconverged', async () => {
    const pb = toProblem(fixtures.find((f) => f.name === 'balanced')!);
    const cold = await sinkhorn.solve(pb, null, { maxIter: 3000, tol: 1e-5, lamA: 1, lamB: 1 });
    for (const relax of RELAX) {
      const warm = await sinkhorn.solve(pb, cold, { maxIter: 3000, tol: 1e-5, lamA: 1, lamB: 1, checkEvery: 2, relax });
      expect(warm.converged).toBe(true);
      expect(warm.iterations).toBe(2);
      const capped = await sinkhorn.solve(pb, null, { maxIter: 7, tol: 1e-12, lamA: 1, lamB: 1, checkEvery: 5, relax });
      expect(capped.iterations).toBe(7);
      expect(capped.converged).toBe(false);
    }
  });

  it('eps = 1e-6 (met trivially by the old max|dF| rule): runs to maxIter, and completeCoupling says not converged', async () => {
    const pb = atEps(etdProblem(80, 2), 1e-6);
    for (const relax of RELAX) {
      const r = await sinkhorn.solve(pb, null, { maxIter: 50, tol: 1e-2, lamA: 1, lamB: 1, relax, checkEvery: 5 });
      expect(r.iterations).toBe(50);
      expect(r.converged).toBe(false);
      expect(r.F.every(Number.isFinite) && r.G.every(Number.isFinite)).toBe(true);
      const c = completeCoupling(pb, r.F, r.G, r.iterations, { lamA: 1, lamB: 1 }, 1e-2, r.omega);
      expect(c.converged).toBe(false);
      expect(c.residual).toBeGreaterThan(0.1);
    }
  });

  it('no divergence for eps in {0.01, 0.05, 0.1, 0.5, 1} on an ETD problem; adaptive takes fewer iterations in total', async () => {
    const base = etdProblem(40, 3);
    const tol = 1e-3;
    const total = { off: 0, adaptive: 0 };
    const rows: string[] = [];
    for (const eps of [0.01, 0.05, 0.1, 0.5, 1]) {
      const pb = atEps(base, eps);
      for (const lamB of [1, 0.5]) {
        const cpu = sinkhornScaling(pb, null, { maxIter: 5000, tol: 1e-7 }, 1, lamB);
        const it: string[] = [];
        for (const relax of RELAX) {
          const what = `eps ${eps}, lamB ${lamB}, ${relax}`;
          const r = await sinkhorn.solve(pb, null, { maxIter: 5000, tol, lamA: 1, lamB, relax, checkEvery: 5 });
          expect(r.converged, what).toBe(true);
          expect(r.F.every(Number.isFinite) && r.G.every(Number.isFinite), what).toBe(true);
          expect(r.omega, what).toBeLessThan(2);
          const c = completeCoupling(pb, r.F, r.G, r.iterations, { lamA: 1, lamB }, tol, r.omega);
          expect(c.residual, what).toBeLessThanOrEqual(1.1 * tol); // float64 recount of float32 potentials
          // The same fixed point: within a few tol of the (tighter) CPU plan in L1.
          expect(l1(logPlan(pb, r.F, r.G), logPlan(pb, cpu.F, cpu.G)), what).toBeLessThan(5 * tol);
          total[relax] += r.iterations;
          it.push(`${r.iterations}${relax === 'adaptive' ? ` (omega ${r.omega.toFixed(2)}, ${r.pullBacks} pull-backs)` : ''}`);
        }
        rows.push(`eps ${eps} lamB ${lamB}: ${it.join(' -> ')}`);
      }
    }
    console.log(`GPU iterations, etdProblem(40), tol ${tol}, off -> adaptive: ${rows.join('; ')}; total ${total.off} -> ${total.adaptive}`);
    expect(total.adaptive).toBeLessThan(0.8 * total.off);
  });

  it('safeguard: descending relaxed steps pull omega back, passing checks restore it; the solve reaches the plan', async () => {
    // A fixed omega of 1.9 from zero potentials descends at first (checked every iteration),
    // then ascends: pulled back, then restored. tol 1e-4: at omega 1.9 float32 stalls at ~2e-5.
    const fx = fixtures.find((f) => f.name === 'balanced')!;
    const pb = toProblem(fx);
    const cpu = sinkhornScaling(pb, null, { maxIter: 100000, tol: 1e-9 }, 1, 1);
    const r = await sinkhorn.solve(pb, null, { maxIter: 500, tol: 1e-4, lamA: 1, lamB: 1, relax: 'adaptive', omega: 1.9, checkEvery: 1 });
    expect(r.pullBacks).toBeGreaterThanOrEqual(1);
    expect(r.pullBacks).toBeLessThan(4); // MAX_PULLBACKS: the solve would have gone plain
    expect(r.omega).toBe(1.9);
    expect(r.converged).toBe(true);
    expect(l1(logPlan(pb, r.F, r.G), logPlan(pb, cpu.F, cpu.G))).toBeLessThan(5e-4);
  });

  it('buffers are made once per problem size; pipelines are cached by every compile-time choice', async () => {
    const pb = smallProblem();
    await sinkhorn.solve(pb, null, { maxIter: 3, tol: 0, lamA: 1, lamB: 1 });
    await sinkhorn.solve(pb, null, { maxIter: 6, tol: 0, lamA: 1, lamB: 1, relax: 'adaptive' });
    const create = device.createBuffer.bind(device);
    let made = 0;
    device.createBuffer = (d: GPUBufferDescriptor) => (made++, create(d));
    try {
      await sinkhorn.solve(pb, null, { maxIter: 3, tol: 0, lamA: 1, lamB: 1 });
      await sinkhorn.solve(pb, null, { maxIter: 3, tol: 0, lamA: 1, lamB: 0.5 });
      await sinkhorn.solve(pb, null, { maxIter: 9, tol: 0, lamA: 1, lamB: 0.5, relax: 'adaptive' });
    } finally {
      device.createBuffer = create;
    }
    expect(made).toBe(0);
    expect(halfStepProgram(device, 'rows', 4)).toBe(halfStepProgram(device, 'rows', 4, 'off'));
    expect(halfStepProgram(device, 'cols', 4)).not.toBe(halfStepProgram(device, 'rows', 4));
    expect(halfStepProgram(device, 'rows', 4, 'adaptive')).not.toBe(halfStepProgram(device, 'rows', 4));
    expect(halfStepKey('rows', 64)).toBe('sinkhorn-half-step|axis=rows|wg=64|residual=none|relax=false|dim=2');
    expect(halfStepKey('rows', 64, 'adaptive')).toBe('sinkhorn-half-step|axis=rows|wg=64|residual=after|relax=true|dim=2');
    expect(halfStepKey('cols', 8)).toBe('sinkhorn-half-step|axis=cols|wg=8|residual=before|relax=false|dim=2');
  });

  it('planImage equals a CPU log-sum-exp aggregation of the same bins', async () => {
    const pb = smallProblem();
    const r = await sinkhorn.solve(pb, null, { maxIter: 500, tol: 1e-6, lamA: 1, lamB: 1 });
    const n = 20, p = 100;
    const rowOrder = Array.from({ length: n }, (_, i) => i).sort((a, b) => pb.z[2 * a] - pb.z[2 * b]);
    const colOrder = Array.from({ length: p }, (_, j) => j).sort((a, b) => pb.y[2 * a + 1] - pb.y[2 * b + 1]);
    const lp = logPlan(pb, r.F, r.G);
    for (const [w, h] of [[7, 5], [100, 20], [128, 32]]) {
      const img = await sinkhorn.planImage(pb, r.F, r.G, w, h, rowOrder, colOrder);
      expect(img.length).toBe(w * h);
      let worst = 0, empty = 0, total = 0;
      for (let v = 0; v < h; v++)
        for (let u = 0; u < w; u++) {
          let m = -Infinity;
          const vals: number[] = [];
          for (let rr = Math.floor((v * n) / h); rr < Math.floor(((v + 1) * n) / h); rr++)
            for (let cc = Math.floor((u * p) / w); cc < Math.floor(((u + 1) * p) / w); cc++) {
              const x = lp[rowOrder[rr] * p + colOrder[cc]];
              vals.push(x);
              m = Math.max(m, x);
            }
          const want = vals.length ? m + Math.log(vals.reduce((s, x) => s + Math.exp(x - m), 0)) : -Infinity;
          const got = img[v * w + u];
          if (want === -Infinity) {
            expect(got).toBe(-Infinity);
            empty++;
          } else {
            worst = Math.max(worst, Math.abs(got - want));
            total += Math.exp(got);
          }
        }
      expect(worst).toBeLessThan(1e-4); // log-domain absolute = relative on the mass
      expect(empty > 0).toBe(w > p || h > n);
      expect(Math.abs(total - 1)).toBeLessThan(1e-3); // balanced plan: total mass 1
    }
    await expect(sinkhorn.planImage(pb, r.F, r.G, 257, 4, rowOrder, colOrder)).rejects.toThrow(/invalid width: 257/);
    await expect(sinkhorn.planImage(pb, r.F, r.G, 4, 4, [0, 0, ...rowOrder.slice(2)], colOrder)).rejects.toThrow(/invalid rowOrder/);
  });

  it('rejects bad options with the name and value', async () => {
    const pb = smallProblem();
    await expect(sinkhorn.solve(pb, null, { maxIter: 5, tol: 0, lamA: 0, lamB: 1 })).rejects.toThrow(/invalid lamA: 0/);
    await expect(sinkhorn.solve(pb, null, { maxIter: 5, tol: 0, lamA: 1, lamB: 1, checkEvery: 0 })).rejects.toThrow(/invalid checkEvery: 0/);
    const relax = 'fast' as 'off';
    await expect(sinkhorn.solve(pb, null, { maxIter: 5, tol: 0, lamA: 1, lamB: 1, relax })).rejects.toThrow(/invalid relax: fast/);
    await expect(sinkhorn.solve(pb, null, { maxIter: 5, tol: 0, lamA: 1, lamB: 1, relax: 'adaptive', omega: 2 })).rejects.toThrow(/invalid omega: 2 \(must be in \[1, 2\)\)/);
  });

  it('chooseBackend skips the SwiftShader adapter unless allowed', async () => {
    const adapter = (await gpu.requestAdapter())!;
    keepAlive.push(adapter);
    const info = adapter.info;
    expect(softwareAdapterName(info)).toBe('SwiftShader');
    const choice = await chooseBackend({ gpu });
    expect(choice.name).toBe('wasm'); // Node: no WebGL, WebAssembly present
    expect(choice.reason).toMatch(/^WebGPU adapter is SwiftShader \(software\): skipped; .*using wasm$/);
    const forced = await chooseBackend({ gpu, allowSoftwareWebGPU: true });
    expect(forced.name).toBe('webgpu');
    expect(forced.reason).toMatch(/allowed by allowSoftwareWebGPU/);
    expect((await chooseBackend({ gpu: null })).reason).toMatch(/no navigator.gpu.*using wasm/);
  });

  it('ETD steps with the fused kernel follow the CPU path (same seed, float32 plan), relax off and adaptive', async () => {
    // Solved to 1e-5, so that the GPU's check every 5 iterations (the CPU checks every one)
    // changes the plan by less than float32 does; at ETD's tol 1e-2 the plans differ by ~1e-2
    // and so can the categorical draws.
    const run = async (useGpu: boolean, label: string, relax: 'off' | 'adaptive') => {
      const target = createPresetTarget('gmm-grid-4');
      const params = { M: 5, relax, tol: 1e-5, maxIter: 2000 };
      const s = createSampler(label, { target, seed: 3, initial: initialCloud(3, { n: 20, center: [0, 0], spread: 2 }), params }) as EtdSampler;
      let d: Record<string, number> = {};
      for (let k = 0; k < 4; k++) d = await s.stepAsync(useGpu ? sinkhorn : null);
      return { x: Array.from(s.positions()), d };
    };
    for (const label of ['etd-b', 'etd-ub-sg']) {
      for (const relax of RELAX) {
        const cpu = await run(false, label, relax);
        const gpuRun = await run(true, label, relax);
        expect(gpuRun.d.gpu).toBe(1);
        expect(gpuRun.d.ess, `${label} ${relax}`).toBeCloseTo(cpu.d.ess, 1);
        // Categorical draws use the same uniforms; a float32 plan can flip a rare boundary draw.
        let same = 0;
        for (let i = 0; i < cpu.x.length; i += 2) if (Math.abs(cpu.x[i] - gpuRun.x[i]) < 1e-4 && Math.abs(cpu.x[i + 1] - gpuRun.x[i + 1]) < 1e-4) same++;
        expect(same, `${label} ${relax}`).toBeGreaterThanOrEqual(18);
      }
    }
  });

  it('d = 5: plan agrees with the CPU path (relax off and adaptive); d is its own program; the plan image refuses it', async () => {
    const d = 5, n = 20, p = 100;
    const rng = new Rng(8);
    const z = Float64Array.from({ length: n * d }, () => rng.normal());
    const y = Float64Array.from({ length: p * d }, () => 1.2 * rng.normal());
    const w = Array.from({ length: p }, () => rng.uniform() + 0.2);
    const total = w.reduce((a, b) => a + b, 0);
    const pb: CouplingProblem = {
      z, y, dim: d, kappa: 0.25, eps: 0.1,
      logA: new Float64Array(n).fill(-Math.log(n)),
      logB: Float64Array.from(w, (v) => Math.log(v / total)),
    };
    const cpu = sinkhornScaling(pb, null, { maxIter: 100000, tol: 1e-12 }, 1, 1, onlineLse);
    for (const relax of RELAX) {
      const r = await sinkhorn.solve(pb, null, { maxIter: 3000, tol: 1e-6, lamA: 1, lamB: 1, relax });
      expect(r.converged, relax).toBe(true);
      expect(worstRelative(logPlan(pb, r.F, r.G), logPlan(pb, cpu.F, cpu.G)), relax).toBeLessThan(1e-4);
    }
    // The 2D problem of the same sizes still solves after the d = 5 buffers (they are remade).
    const flat = smallProblem(n, p);
    const r2 = await sinkhorn.solve(flat, null, { maxIter: 3000, tol: 1e-6, lamA: 1, lamB: 1 });
    const cpu2 = sinkhornScaling(flat, null, { maxIter: 100000, tol: 1e-12 }, 1, 1, onlineLse);
    expect(worstRelative(logPlan(flat, r2.F, r2.G), logPlan(flat, cpu2.F, cpu2.G))).toBeLessThan(1e-4);
    expect(halfStepKey('rows', 64, 'off', 5)).toBe('sinkhorn-half-step|axis=rows|wg=64|residual=none|relax=false|dim=5');
    expect(halfStepProgram(device, 'rows', 4, 'off', 5)).not.toBe(halfStepProgram(device, 'rows', 4));
    await expect(sinkhorn.planImage(pb, cpu.F, cpu.G, 4, 4, [...Array(n).keys()], [...Array(p).keys()])).rejects.toThrow(/2D/);
  });

  it('ETD-B at d = 4 with the fused kernel follows the CPU path (same seed, float32 plan)', async () => {
    const target = ndAsTarget(createNdTarget('gmm-d', 4));
    const run = async (useGpu: boolean) => {
      const params = { M: 5, tol: 1e-5, maxIter: 2000 };
      const s = createSampler('etd-b', { target, seed: 3, initial: initialCloud(3, { n: 20, center: [0, 0], spread: 2, dim: 4 }), params }) as EtdSampler;
      let diag: Record<string, number> = {};
      for (let k = 0; k < 4; k++) diag = await s.stepAsync(useGpu ? sinkhorn : null);
      return { x: Array.from(s.positions()), diag };
    };
    const cpu = await run(false);
    const gpuRun = await run(true);
    expect(gpuRun.diag.gpu).toBe(1);
    expect(gpuRun.diag.ess).toBeCloseTo(cpu.diag.ess, 1);
    // Categorical draws use the same uniforms; a float32 plan can flip a rare boundary draw.
    let same = 0;
    for (let i = 0; i < 20; i++) if (cpu.x.slice(4 * i, 4 * i + 4).every((v, k) => Math.abs(v - gpuRun.x[4 * i + k]) < 1e-4)) same++;
    expect(same).toBeGreaterThanOrEqual(18);
  });

  it('onDeviceLost fires when a device is destroyed, and a lost device rejects solves', async () => {
    const adapter = (await gpu.requestAdapter())!;
    const other = await adapter.requestDevice();
    keepAlive.push(adapter, other);
    const s = createGpuSinkhorn(other);
    const lost = new Promise<string>((resolve) => onDeviceLost(other, (i) => resolve(i.reason)));
    other.destroy();
    expect(await lost).toBe('destroyed');
    await expect(s.solve(smallProblem(), null, { maxIter: 1, tol: 0, lamA: 1, lamB: 1 })).rejects.toThrow(/device lost/);
  });
});
