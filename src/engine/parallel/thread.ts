import { KERNEL_IMPORTS, KERNEL_NAMES, type SimdExports } from '../wasm/simd';
import { ARGS_BYTE, COUNT, FN, GEN, GRAIN, NARGS, PIECES, SLEEPERS, STOP, workOn, type ThreadInit, type ThreadReply } from './protocol';

/** The two ends a kernel thread needs of its host: messages in, messages out. */
export interface ThreadHost {
  postMessage(msg: ThreadReply): void;
  onInit(cb: (msg: ThreadInit) => void): void;
}

/**
 * A helper thread of a kernel team (the browser's kernel-thread worker and Node's worker thread
 * both run this): instantiate the kernels on the team's shared memory, say ready, then loop
 * until STOP: wait for a new job (spin briefly, then sleep in Atomics.wait), read it, and claim
 * pieces of it with the leader and the other helpers. The loop blocks this thread's event loop
 * for good, which is what it is for.
 */
export function serveKernelThread(host: ThreadHost): void {
  host.onInit((init) => {
    let exports: SimdExports;
    try {
      exports = new WebAssembly.Instance(init.module, { env: { ...KERNEL_IMPORTS, memory: init.memory } }).exports as unknown as SimdExports;
    } catch (e) {
      host.postMessage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    host.postMessage({ kind: 'ready' });
    // Let the ready message go out before the loop blocks this thread.
    setTimeout(() => loop(exports, init), 0);
  });
}

function loop(k: SimdExports, init: ThreadInit): void {
  const ctl = new Int32Array(init.control);
  const args = new Float64Array(init.control, ARGS_BYTE);
  const fns = KERNEL_NAMES.map((name) => k[name] as (...a: number[]) => number | undefined);
  let seen = Atomics.load(ctl, GEN);
  for (;;) {
    seen = waitForJob(ctl, seen, init.spinMicros);
    if (Atomics.load(ctl, STOP)) return;
    const fn = fns[ctl[FN]];
    const a = Array.from(args.subarray(0, ctl[NARGS]));
    const count = ctl[COUNT], grain = ctl[GRAIN], pieces = ctl[PIECES];
    workOn(ctl, seen, count, grain, pieces, (lo, hi) => fn(...a, lo, hi));
  }
}

/** Returns the new GEN once it differs from `seen` (or STOP is set): spins for spinMicros, then sleeps. */
function waitForJob(ctl: Int32Array, seen: number, spinMicros: number): number {
  const until = performance.now() + spinMicros / 1000;
  for (let k = 0; ; k++) {
    const g = Atomics.load(ctl, GEN);
    if (g !== seen || Atomics.load(ctl, STOP)) return g;
    if ((k & 63) === 63 && performance.now() > until) break;
  }
  for (;;) {
    Atomics.add(ctl, SLEEPERS, 1);
    Atomics.wait(ctl, GEN, seen);
    Atomics.sub(ctl, SLEEPERS, 1);
    const g = Atomics.load(ctl, GEN);
    if (g !== seen || Atomics.load(ctl, STOP)) return g;
  }
}
