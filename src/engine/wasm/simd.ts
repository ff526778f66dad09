import { KERNELS_WASM_BASE64 } from './kernels.generated';

/**
 * The WebAssembly SIMD kernels (assembly/kernels.ts) and one arena in their linear memory.
 * Instantiated synchronously on first use (the module is ~2 KB); null where WebAssembly or its
 * SIMD extension is missing, or a Content-Security-Policy forbids compiling it: callers then
 * take the typed-array path, which stays the reference in the tests.
 */
export interface SimdExports {
  buildKernel(zx: number, zy: number, n: number, yx: number, yy: number, g0: number, p: number, kappa: number, kt: number, shift: number): void;
  rowDots(kt: number, n: number, p: number, v: number, out: number): void;
  rowDots2(kt: number, n: number, p: number, v: number, s1: number, s2: number): void;
  colDots(kt: number, n: number, p: number, u: number, out: number): void;
  mixtureLogSumStrip(mux: number, muy: number, n: number, yx: number, yy: number, d0: number, p: number, inv2s2: number, cut: number, out: number): void;
  sweep(kt: number, n: number, p: number, v: number, shift: number, logA: number, lamA: number, omega: number, F: number, r: number, u: number, colOut: number): number;
  lseOnline(ax: number, ay: number, n: number, bx: number, by: number, bw: number, q: number, kappa: number, out: number, ess: number): void;
  readonly memory: WebAssembly.Memory;
}

/** Lengths are padded to a multiple of this (one f32x4). */
export const LANES = 4;
export const padded = (k: number): number => Math.ceil(k / LANES) * LANES;
/** Pad coordinate: far from everything, so padded entries of a kernel or mixture are ~0. */
export const FAR = 1e18;

/** Bump allocator over the module's memory: reset, alloc every array, then take views. */
/** The kernels keep no data of their own (compile.mjs refuses a data segment): the arena starts here. */
const ARENA_BASE = 1 << 16;

export class Arena {
  private top = ARENA_BASE;

  constructor(readonly k: SimdExports) {}

  reset(): void {
    this.top = ARENA_BASE;
  }

  /** Byte offset of `floats` float32 values, 16-byte aligned; grows memory as needed. */
  alloc(floats: number): number {
    const off = this.top;
    this.top += Math.ceil((floats * 4) / 16) * 16;
    const need = this.top - this.k.memory.buffer.byteLength;
    if (need > 0) this.k.memory.grow(Math.ceil(need / 65536));
    return off;
  }

  /** Byte offset of `doubles` float64 values. */
  alloc64(doubles: number): number {
    return this.alloc(2 * doubles);
  }

  /** A view of `floats` values at `off` (views are detached by a later grow: take them after every alloc). */
  f32(off: number, floats: number): Float32Array {
    return new Float32Array(this.k.memory.buffer, off, floats);
  }

  f64(off: number, doubles: number): Float64Array {
    return new Float64Array(this.k.memory.buffer, off, doubles);
  }
}

let cached: { exports: SimdExports; arena: Arena } | null | undefined;
let enabled = true;

function instantiate(): { exports: SimdExports; arena: Arena } | null {
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bin = atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    if (!WebAssembly.validate(bytes)) return null; // no SIMD here
    const imports = { env: { 'Math.log': Math.log, 'Math.exp': Math.exp } };
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports as unknown as SimdExports;
    return { exports, arena: new Arena(exports) };
  } catch {
    return null; // e.g. a CSP without 'wasm-unsafe-eval'
  }
}

/** The kernels and their arena, or null when SIMD is unavailable or switched off. */
export function simd(): { exports: SimdExports; arena: Arena } | null {
  if (!enabled) return null;
  if (cached === undefined) cached = instantiate();
  return cached;
}

/** Switch the SIMD path off (tests and benchmarks compare it with the typed-array path). */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

export const simdAvailable = (): boolean => (cached === undefined ? (cached = instantiate()) : cached) !== null;

/** How the CPU path runs here, for the backend badge: 'WebAssembly SIMD' or 'typed arrays'. */
export const cpuPathLabel = (): string => (simdAvailable() ? 'WebAssembly SIMD' : 'typed arrays');
