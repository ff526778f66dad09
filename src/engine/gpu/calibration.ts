import type { CouplingProblem } from '../etd/coupling/problem';
import { sinkhornScaling } from '../etd/coupling/sinkhorn';
import { Rng } from '../random/rng';
import type { GpuSinkhorn } from './sinkhornGpu';

/**
 * GPU only when it wins. On a hardware WebGPU adapter the first ETD step of every problem size
 * (N particles, P pooled proposals) is preceded by one calibration: the same Sinkhorn problem of
 * that size, solved for CALIBRATION_ITERATIONS iterations on the fused WGSL kernels and on the CPU
 * path (the SIMD kernels on this worker's threads, kernel build included), best of two after a
 * warm-up. Steps of that size then run on whichever was faster. A software adapter is never
 * calibrated into use: the backend chain skips it unless a session forces it (tests, demos), and a
 * forced one runs the GPU path without calibration.
 */
export const CALIBRATION_ITERATIONS = 10;

/** What one calibration measured: ms per solve of CALIBRATION_ITERATIONS iterations on each path. */
export interface CalibrationTiming {
  readonly gpuMs: number;
  readonly cpuMs: number;
}

export interface SizeChoice extends CalibrationTiming {
  readonly n: number;
  readonly p: number;
  readonly path: 'gpu' | 'cpu';
}

/** The rule: the fused WGSL path only when it measured faster; a failed or non-finite GPU time means the CPU. */
export function pickPath(t: CalibrationTiming): 'gpu' | 'cpu' {
  return Number.isFinite(t.gpuMs) && t.gpuMs >= 0 && (!(Number.isFinite(t.cpuMs) && t.cpuMs >= 0) || t.gpuMs < t.cpuMs) ? 'gpu' : 'cpu';
}

/** Measures one size: ms on each path for the same problem (faked in tests). */
export type MeasureSize = (n: number, p: number) => Promise<CalibrationTiming>;

/**
 * Calibrates each size once (concurrent asks of one size share the measurement) and remembers
 * the choice; `latest` is the last size decided, for the backend badge.
 */
export class GpuCalibration {
  private readonly sizes = new Map<string, Promise<SizeChoice>>();
  latest: SizeChoice | null = null;

  constructor(private readonly measure: MeasureSize) {}

  choose(n: number, p: number): Promise<SizeChoice> {
    const key = `${n}x${p}`;
    let c = this.sizes.get(key);
    if (!c) {
      c = this.measure(n, p).then(
        (t) => ({ n, p, ...t, path: pickPath(t) }),
        () => ({ n, p, gpuMs: NaN, cpuMs: NaN, path: 'cpu' as const }),
      );
      this.sizes.set(key, c);
    }
    return c.then((choice) => (this.latest = choice));
  }

  /** How many sizes were calibrated (or are being). */
  get size(): number {
    return this.sizes.size;
  }
}

/**
 * A problem of ETD's shape at size (n, p): n particles N(0, 2^2 I), p proposals scattered around
 * them (slot j near particle j mod n), uniform weights, and the cost scaled as ETD scales it
 * (median normalisation, eps = 0.1). Deterministic (seeded).
 */
export function calibrationProblem(n: number, p: number): CouplingProblem {
  const rng = new Rng(20240917);
  const z = Float64Array.from({ length: 2 * n }, () => 2 * rng.normal());
  const y = new Float64Array(2 * p);
  for (let j = 0; j < p; j++) {
    const i = j % n;
    y[2 * j] = z[2 * i] + 0.3 * rng.normal();
    y[2 * j + 1] = z[2 * i + 1] + 0.3 * rng.normal();
  }
  const sample: number[] = [];
  for (let k = 0; k < 2048; k++) {
    const i = Math.floor(rng.uniform() * n), j = Math.floor(rng.uniform() * p);
    sample.push((z[2 * i] - y[2 * j]) ** 2 + (z[2 * i + 1] - y[2 * j + 1]) ** 2);
  }
  sample.sort((a, b) => a - b);
  const eps = 0.1;
  return {
    z,
    y,
    dim: 2,
    kappa: 1 / (Math.max(sample[sample.length >> 1], 1e-8) * eps),
    logA: new Float64Array(n).fill(-Math.log(n)),
    logB: new Float64Array(p).fill(-Math.log(p)),
    eps,
  };
}

/** The real measurement: calibrationProblem(n, p) on the fused kernels and on the CPU path, best of two after a warm-up. */
export function measureSinkhorn(gpu: GpuSinkhorn): MeasureSize {
  return async (n, p) => {
    const pb = calibrationProblem(n, p);
    const k = CALIBRATION_ITERATIONS;
    const gpuOnce = async () => {
      const t = performance.now();
      await gpu.solve(pb, null, { maxIter: k, tol: 0, lamA: 1, lamB: 1, checkEvery: k });
      return performance.now() - t;
    };
    const cpuOnce = () => {
      const t = performance.now();
      sinkhornScaling(pb, null, { maxIter: k, tol: 0 }, 1, 1);
      return performance.now() - t;
    };
    await gpu.solve(pb, null, { maxIter: 1, tol: 0, lamA: 1, lamB: 1, checkEvery: 1 }); // compile, allocate
    const gpuMs = Math.min(await gpuOnce(), await gpuOnce());
    const cpuMs = Math.min(cpuOnce(), cpuOnce());
    return { gpuMs, cpuMs };
  };
}

const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** The choice in words, for the backend's reason. */
export function describeChoice(c: SizeChoice): string {
  const timed = Number.isFinite(c.gpuMs) ? `fused WGSL ${ms(c.gpuMs)} ms, CPU path ${ms(c.cpuMs)} ms for ${CALIBRATION_ITERATIONS} Sinkhorn iterations` : 'the GPU measurement failed';
  return `calibrated at N = ${c.n}, P = ${c.p}: ${timed}, so ${c.path === 'gpu' ? 'WebGPU' : 'the CPU path'}`;
}
