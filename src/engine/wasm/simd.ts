import { KERNELS_WASM_BASE64 } from './kernels.generated';

/**
 * The WebAssembly SIMD kernels (assembly/kernels.ts) and one arena in their linear memory.
 * Instantiated synchronously on first use (the module is ~5 KB); null where WebAssembly or its
 * SIMD extension is missing, or a Content-Security-Policy forbids compiling it: callers then
 * take the typed-array path, which stays the reference in the tests. Every kernel takes a range
 * [lo, hi) last; callers go through a KernelRunner, which runs the whole range on this thread or
 * splits it across a team of threads on a shared memory (src/engine/parallel/team.ts).
 */
export interface SimdExports {
  /** Writes the kernels' constants (below the arena); once per memory, before any kernel. */
  initKernels(): number;
  expArray(x: number, out: number, lo: number, hi: number): void;
  buildKernel(zx: number, zy: number, yx: number, yy: number, g0: number, p: number, kappa: number, kt: number, shift: number, lo: number, hi: number): void;
  rowDots(kt: number, p: number, v: number, out: number, lo: number, hi: number): void;
  rowDots2(kt: number, p: number, v: number, s1: number, s2: number, lo: number, hi: number): void;
  colPartials(kt: number, n: number, p: number, u: number, rowsPerBlock: number, partial: number, lo: number, hi: number): void;
  sumPartials(partial: number, blocks: number, p: number, out: number, lo: number, hi: number): void;
  sweep(kt: number, n: number, p: number, v: number, shift: number, logA: number, lamA: number, omega: number, F: number, r: number, u: number, rowsPerBlock: number, partial: number, lo: number, hi: number): number;
  buildSweep(zx: number, zy: number, yx: number, yy: number, g0: number, kappa: number, kt: number, n: number, p: number, v: number, shift: number, logA: number, lamA: number, omega: number, F: number, r: number, u: number, rowsPerBlock: number, partial: number, lo: number, hi: number): number;
  pickRows(kt: number, p: number, v: number, goal: number, pick: number, lo: number, hi: number): void;
  rowMeans(kt: number, p: number, v: number, yx: number, yy: number, total: number, bx: number, by: number, lo: number, hi: number): void;
  mixtureLogSumBands(mux: number, muy: number, start: number, bands: number, ymin: number, invH: number, yx: number, yy: number, d0: number, inv2s2: number, cut: number, out: number, lo: number, hi: number): void;
  lseOnline(ax: number, ay: number, bx: number, by: number, bw: number, q: number, kappa: number, out: number, ess: number, lo: number, hi: number): void;
  readonly memory: WebAssembly.Memory;
}

/** The kernels a runner can split: every export but the memory. */
export type KernelName = Exclude<keyof SimdExports, 'memory' | 'initKernels'>;

/** Every kernel by index, the same order in every thread (the team's jobs name kernels by index). */
export const KERNEL_NAMES: readonly KernelName[] = ['expArray', 'buildKernel', 'rowDots', 'rowDots2', 'colPartials', 'sumPartials', 'sweep', 'buildSweep', 'pickRows', 'rowMeans', 'mixtureLogSumBands', 'lseOnline'];

/**
 * Runs a kernel over a range: fn(...args, lo, hi) over [0, count), in one call here or in pieces
 * across threads. work: the cost of one item of the range in N x P entries (a row of P entries:
 * P), so small jobs stay on one thread; align: piece boundaries are multiples of it. Returns the
 * sum of the calls' results (the kernels that return counts). Pieces never change the result:
 * every kernel writes only its range's outputs.
 */
export interface KernelRunner {
  readonly threads: number;
  run(fn: KernelName, args: readonly number[], count: number, work: number, align?: number): number;
}

/** The kernels, their arena, and how to run them (one thread, or a team). */
export interface Simd {
  readonly exports: SimdExports;
  readonly arena: Arena;
  readonly runner: KernelRunner;
}

/** Lengths are padded to a multiple of this (one f32x4). */
export const LANES = 4;
export const padded = (k: number): number => Math.ceil(k / LANES) * LANES;
/** Pad coordinate: far from everything, so padded entries of a kernel or mixture are ~0. */
export const FAR = 1e18;

/** The kernels keep no data of their own (compile.mjs refuses a data segment): the arena starts here. */
export const ARENA_BASE = 1 << 16;

/** Bump allocator over the module's memory: reset, alloc every array, then take views. */
export class Arena {
  private top = ARENA_BASE;

  constructor(readonly memory: WebAssembly.Memory) {}

  reset(): void {
    this.top = ARENA_BASE;
  }

  /** Byte offset of `floats` float32 values, 16-byte aligned; grows memory as needed. */
  alloc(floats: number): number {
    const off = this.top;
    this.top += Math.ceil((floats * 4) / 16) * 16;
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    return off;
  }

  /** Byte offset of `doubles` float64 values. */
  alloc64(doubles: number): number {
    return this.alloc(2 * doubles);
  }

  /** A view of `floats` values at `off` (views are detached by a later grow: take them after every alloc). */
  f32(off: number, floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, off, floats);
  }

  f64(off: number, doubles: number): Float64Array {
    return new Float64Array(this.memory.buffer, off, doubles);
  }

  i32(off: number, ints: number): Int32Array {
    return new Int32Array(this.memory.buffer, off, ints);
  }
}

/** Every range in one call on this thread. */
export function singleThread(k: SimdExports): KernelRunner {
  return {
    threads: 1,
    run: (fn, args, count) => (k[fn] as (...a: number[]) => number | undefined)(...args, 0, count) ?? 0,
  };
}

/** The imports every instance of the kernels needs besides a shared memory. */
export const KERNEL_IMPORTS = { 'Math.log': Math.log, 'Math.exp': Math.exp };

/** Base64 to bytes without Buffer (the worker and the browser have atob). */
export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
  return bytes;
}

let single: Simd | null | undefined;
let team: Simd | null = null;
let enabled = true;

function instantiate(): Simd | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    if (!WebAssembly.validate(bytes)) return null; // no SIMD here
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: KERNEL_IMPORTS }).exports as unknown as SimdExports;
    exports.initKernels();
    return { exports, arena: new Arena(exports.memory), runner: singleThread(exports) };
  } catch {
    return null; // e.g. a CSP without 'wasm-unsafe-eval'
  }
}

/** The kernels, their arena and runner (a team's when one is in use), or null when SIMD is unavailable or switched off. */
export function simd(): Simd | null {
  if (!enabled) return null;
  if (team) return team;
  if (single === undefined) single = instantiate();
  return single;
}

/**
 * Run the kernels on a team's shared memory and threads from now on (null: back to this thread).
 * The engine is single-threaded JavaScript: only the kernels' ranges are split, and every result
 * is the same bit for bit whichever runner computed it.
 */
export function useKernels(kernels: Simd | null): void {
  team = kernels;
}

/** Switch the SIMD path off (tests and benchmarks compare it with the typed-array path). */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

export const simdAvailable = (): boolean => (single === undefined ? (single = instantiate()) : single) !== null;

/** How many threads run the kernels now (1 without a team). */
export const kernelThreads = (): number => (enabled && team ? team.runner.threads : 1);

/** How the CPU path runs here, for the backend badge: 'WebAssembly SIMD', 'WebAssembly SIMD, 2 threads' or 'typed arrays'. */
export const cpuPathLabel = (): string => (!simdAvailable() ? 'typed arrays' : kernelThreads() > 1 ? `WebAssembly SIMD, ${kernelThreads()} threads` : 'WebAssembly SIMD');
