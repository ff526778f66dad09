import { KERNELS_SHARED_WASM_BASE64, SHARED_MAX_PAGES } from '../wasm/kernels.generated';
import { Arena, decodeBase64, KERNEL_IMPORTS, KERNEL_NAMES, type KernelName, type KernelRunner, type Simd, type SimdExports } from '../wasm/simd';
import {
  ARGS_BYTE,
  CLOSED,
  CONTROL_BYTES,
  COUNT,
  DONE,
  ERROR,
  FN,
  GEN,
  GRAIN,
  MAX_ARGS,
  MAX_PIECES,
  NARGS,
  PIECES,
  RESULT,
  SLEEPERS,
  STOP,
  TAG_MASK,
  TICKET,
  ticketOf,
  workOn,
  type ThreadInit,
  type ThreadReply,
} from './protocol';

/** One helper thread as the team sees it (a Web Worker, or a Node worker thread). */
export interface ThreadPort {
  postMessage(msg: ThreadInit): void;
  onMessage(cb: (msg: ThreadReply) => void): void;
  /** Called if the thread fails to start or dies. */
  onError(cb: (message: string) => void): void;
  terminate(): void;
}

/** Starts one helper thread running serveKernelThread (src/engine/parallel/thread.ts). */
export type SpawnThread = () => ThreadPort;

/** Below this much work (N x P entries) a job runs on the calling thread alone: waking helpers costs more. */
export const MIN_PARALLEL_WORK = 1 << 16;
/** A piece is at least this much work... */
const MIN_PIECE_WORK = 1 << 14;
/** ...and each thread gets about this many pieces, so a thread that is slow (descheduled) delays the job little. */
const PIECES_PER_THREAD = 4;
/** An idle helper spins this long for the next job before it sleeps (the jobs of one step come in bursts). */
const SPIN_MICROS = 50;
/** The leader spins this long for the last pieces before it sleeps. */
const LEADER_SPIN_MICROS = 30;
/** Starting the threads may take this long (loading their script, compiling the kernels). */
const START_TIMEOUT_MS = 15_000;

/**
 * A team of threads on one shared WebAssembly memory: the calling thread (the leader: the sampler
 * worker, or Node's main thread) and threads - 1 helpers, each with its own instance of the
 * kernels on that memory. Jobs are fork-join: run() publishes a kernel and a range, every thread
 * claims pieces of it, and run() returns when all are done (blocking with Atomics.wait, so the
 * leader must be a worker or Node, never a page's main thread). The engine above stays
 * synchronous and single-threaded; only the kernels' ranges are split, and since every piece
 * writes only its own outputs (sums across rows go by fixed blocks), the results are the same
 * bits with any number of threads.
 */
export class KernelTeam implements KernelRunner, Simd {
  readonly exports: SimdExports;
  readonly arena: Arena;
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private readonly fns: ((...a: number[]) => number | undefined)[];
  private tag = 0;
  private disposed = false;
  /** Fork-join jobs run and the time spent waiting for helpers at their ends (ms), for the benchmark's overhead figure. */
  readonly stats = { jobs: 0, inline: 0, waitMs: 0 };

  private constructor(
    readonly threads: number,
    memory: WebAssembly.Memory,
    module: WebAssembly.Module,
    control: SharedArrayBuffer,
    private readonly ports: readonly ThreadPort[],
  ) {
    this.exports = new WebAssembly.Instance(module, { env: { ...KERNEL_IMPORTS, memory } }).exports as unknown as SimdExports;
    this.exports.initKernels(); // the constants, once for the shared memory (the helpers read them there)
    this.arena = new Arena(memory);
    this.ctl = new Int32Array(control);
    this.args = new Float64Array(control, ARGS_BYTE, MAX_ARGS);
    this.fns = KERNEL_NAMES.map((name) => this.exports[name] as (...a: number[]) => number | undefined);
  }

  get runner(): KernelRunner {
    return this;
  }

  /**
   * A team of `threads` threads (this one and threads - 1 helpers from spawn), or null with the
   * reason when shared memory, the shared kernels or the helpers are not available here.
   */
  static async start(threads: number, spawn: SpawnThread): Promise<{ team: KernelTeam | null; reason: string }> {
    if (!(Number.isInteger(threads) && threads >= 2)) return { team: null, reason: `${threads} thread(s) asked for: one thread needs no team` };
    if (typeof SharedArrayBuffer === 'undefined') return { team: null, reason: 'no SharedArrayBuffer here (the page is not cross-origin isolated)' };
    let memory: WebAssembly.Memory, module: WebAssembly.Module;
    try {
      memory = new WebAssembly.Memory({ initial: 2, maximum: SHARED_MAX_PAGES, shared: true });
      module = new WebAssembly.Module(decodeBase64(KERNELS_SHARED_WASM_BASE64));
    } catch (e) {
      return { team: null, reason: `shared WebAssembly memory unavailable (${e instanceof Error ? e.message : String(e)})` };
    }
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const ports: ThreadPort[] = [];
    try {
      await Promise.all(
        Array.from({ length: threads - 1 }, () => {
          const port = spawn();
          ports.push(port);
          return new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`a kernel thread did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
            port.onMessage((msg) => {
              clearTimeout(timer);
              if (msg.kind === 'ready') resolve();
              else reject(new Error(`a kernel thread failed to start: ${msg.message}`));
            });
            port.onError((message) => {
              clearTimeout(timer);
              reject(new Error(`a kernel thread failed: ${message}`));
            });
            port.postMessage({ kind: 'init', module, memory, control, spinMicros: SPIN_MICROS });
          });
        }),
      );
      return { team: new KernelTeam(threads, memory, module, control, ports), reason: `${threads} threads` };
    } catch (e) {
      Atomics.store(new Int32Array(control), STOP, 1);
      for (const p of ports) p.terminate();
      return { team: null, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  run(fn: KernelName, args: readonly number[], count: number, work: number, align = 1): number {
    const f = this.fns[KERNEL_NAMES.indexOf(fn)];
    const total = count * work;
    const pieces = Math.min(Math.floor(count / align), this.threads * PIECES_PER_THREAD, Math.floor(total / MIN_PIECE_WORK), MAX_PIECES);
    if (this.disposed || total < MIN_PARALLEL_WORK || pieces < 2) {
      this.stats.inline++;
      return f(...args, 0, count) ?? 0;
    }
    if (args.length > MAX_ARGS) throw new Error(`kernel ${fn}: ${args.length} arguments (at most ${MAX_ARGS})`);
    const grain = Math.ceil(count / pieces / align) * align;
    const n = Math.ceil(count / grain);
    const { ctl } = this;
    const tag = (this.tag = (this.tag + 1) & TAG_MASK);
    Atomics.store(ctl, TICKET, ticketOf(tag, CLOSED));
    ctl[FN] = KERNEL_NAMES.indexOf(fn);
    ctl[COUNT] = count;
    ctl[GRAIN] = grain;
    ctl[PIECES] = n;
    ctl[NARGS] = args.length;
    for (let k = 0; k < args.length; k++) this.args[k] = args[k];
    Atomics.store(ctl, DONE, 0);
    Atomics.store(ctl, RESULT, 0);
    Atomics.store(ctl, ERROR, 0);
    Atomics.store(ctl, TICKET, ticketOf(tag, 0));
    Atomics.store(ctl, GEN, tag);
    if (Atomics.load(ctl, SLEEPERS) > 0) Atomics.notify(ctl, GEN);
    workOn(ctl, tag, count, grain, n, (lo, hi) => f(...args, lo, hi));
    this.join(n);
    this.stats.jobs++;
    if (Atomics.load(ctl, ERROR)) throw new Error(`kernel ${fn} failed on a helper thread (a WebAssembly trap)`);
    return Atomics.load(ctl, RESULT);
  }

  /** Wait until all `pieces` are done: spin briefly, then sleep on DONE. */
  private join(pieces: number): void {
    const { ctl } = this;
    if (Atomics.load(ctl, DONE) >= pieces) return;
    const t0 = performance.now();
    const until = t0 + LEADER_SPIN_MICROS / 1000;
    for (let k = 0; Atomics.load(ctl, DONE) < pieces; k++) {
      if ((k & 63) === 63 && performance.now() > until) {
        for (let d = Atomics.load(ctl, DONE); d < pieces; d = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, d);
        break;
      }
    }
    this.stats.waitMs += performance.now() - t0;
  }

  /** Stop and end the helpers; later jobs run on this thread alone. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, GEN, 1);
    Atomics.notify(this.ctl, GEN);
    for (const p of this.ports) p.terminate();
  }
}
