/**
 * The control block a kernel team shares (one SharedArrayBuffer beside the kernels' shared
 * memory): which kernel to run over which range, the pieces left to claim, how many are done.
 * Layout in Int32 slots, then the job's arguments as float64 from byte ARGS_BYTE.
 *
 * A job: the leader closes the ticket (no piece can be claimed), writes the kernel, range, grain
 * and arguments, opens the ticket under a new tag and publishes the tag in GEN (waking sleeping
 * helpers). Every thread then claims pieces with a compare-and-swap on TICKET, which carries
 * the job's tag (so a helper that woke late can never claim a piece of a newer job with an
 * older job's arguments) and the next piece's index. DONE counts finished pieces; the thread
 * finishing the last one wakes the leader.
 */
export const GEN = 0;
export const TICKET = 1;
export const DONE = 2;
export const RESULT = 3;
export const STOP = 4;
export const FN = 5;
export const COUNT = 6;
export const GRAIN = 7;
export const PIECES = 8;
export const NARGS = 9;
export const ERROR = 10;
export const SLEEPERS = 11;
/** Int32 slots before the arguments. */
export const ARGS_BYTE = 128;
export const MAX_ARGS = 24;
export const CONTROL_BYTES = ARGS_BYTE + 8 * MAX_ARGS;

/** TICKET = tag << INDEX_BITS | index of the next piece. */
export const INDEX_BITS = 12;
export const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** An index no job reaches: the ticket is closed while a job is being written. */
export const CLOSED = INDEX_MASK;
export const MAX_PIECES = INDEX_MASK - 1;
export const TAG_MASK = (1 << (32 - INDEX_BITS)) - 1;

export const tagOf = (ticket: number): number => ticket >>> INDEX_BITS;
export const ticketOf = (tag: number, index: number): number => ((tag << INDEX_BITS) | index) | 0;

/** What the leader posts to a new thread: the compiled kernels, the shared memory and the control block. */
export interface ThreadInit {
  readonly kind: 'init';
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  /** How long an idle thread spins on GEN before it sleeps, microseconds. */
  readonly spinMicros: number;
}

/** A thread's answer to ThreadInit. */
export type ThreadReply = { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly message: string };

/**
 * Claim the next piece of job `tag` (or -1: the job is over, or a newer one began). Runs on every
 * thread of the team.
 */
export function claim(ctl: Int32Array, tag: number, pieces: number): number {
  for (;;) {
    const t = Atomics.load(ctl, TICKET);
    if (tagOf(t) !== tag) return -1;
    const index = t & INDEX_MASK;
    if (index >= pieces) return -1;
    if (Atomics.compareExchange(ctl, TICKET, t, t + 1) === t) return index;
  }
}

/**
 * Run pieces of job `tag` until none is left: fn(lo, hi) for piece k = [k grain, min(count, (k + 1)
 * grain)); results summed into RESULT, a throw recorded in ERROR (the piece still counts as done,
 * so the leader never waits for it forever).
 */
export function workOn(ctl: Int32Array, tag: number, count: number, grain: number, pieces: number, fn: (lo: number, hi: number) => number | void): void {
  for (let k = claim(ctl, tag, pieces); k >= 0; k = claim(ctl, tag, pieces)) {
    try {
      const r = fn(k * grain, Math.min(count, (k + 1) * grain));
      if (typeof r === 'number' && r !== 0) Atomics.add(ctl, RESULT, r);
    } catch {
      Atomics.store(ctl, ERROR, 1);
    }
    if (Atomics.add(ctl, DONE, 1) + 1 === pieces) Atomics.notify(ctl, DONE);
  }
}
