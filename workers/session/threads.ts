import { KernelTeam, type SpawnThread } from '../../src/engine/parallel/team';
import { useKernels } from '../../src/engine/wasm/simd';
import type { BackendInfo } from '../samplerApi';

/** Most threads a session may ask for. */
export const MAX_THREADS = 64;

/** The kernel-thread worker (workers/kernelThread.worker.ts), nested in this sampler worker. */
export const spawnWorkerThread: SpawnThread = () => {
  const w = new Worker(new URL('../kernelThread.worker.ts', import.meta.url), { type: 'module', name: 'kernel thread' });
  return {
    postMessage: (msg) => w.postMessage(msg),
    onMessage: (cb) => w.addEventListener('message', (e) => cb(e.data)),
    onError: (cb) =>
      w.addEventListener('error', (e) => {
        e.preventDefault();
        cb(e.message || 'it failed to load');
      }),
    terminate: () => w.terminate(),
  };
};

/** The threads asked for, checked: an integer from 1 to MAX_THREADS (absent: 1). */
export function checkThreads(k: unknown): number {
  if (k === undefined) return 1;
  if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= MAX_THREADS)) throw new Error(`invalid threads: ${String(k)} (must be an integer from 1 to ${MAX_THREADS})`);
  return k;
}

/** Shared memory works here: a cross-origin isolated page (and its workers), or Node. */
const isolated = (): boolean => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? typeof SharedArrayBuffer !== 'undefined';

/**
 * The kernel team of one sampler worker: as many threads as the page allows this panel, started
 * (or resized, or ended) between steps; the engine uses it from the next step on. Where a team
 * cannot run (the page is not cross-origin isolated, no shared memory, the helpers fail to
 * start) the kernels stay on this thread and the note says why.
 */
export class KernelThreads {
  private team: KernelTeam | null = null;
  /** Threads last asked for (0: none yet). */
  private asked = 0;
  private note = isolated() ? '1 thread' : '1 thread (the page is not cross-origin isolated, so there is no shared memory for more)';
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly spawn: SpawnThread = spawnWorkerThread) {}

  /** Threads running the kernels now. */
  get threads(): number {
    return this.team?.threads ?? 1;
  }

  /** Use k threads (checked); resolves once the team runs, or with the reason it does not. Calls run one after the other. */
  set(k: unknown): Promise<void> {
    const want = checkThreads(k);
    this.chain = this.chain.then(() => this.resize(want));
    return this.chain;
  }

  private async resize(want: number): Promise<void> {
    if (want === this.asked) return; // the same share (a failed start is not retried for it)
    this.asked = want;
    this.endTeam();
    if (!isolated()) {
      this.note = `1 thread (the page is not cross-origin isolated, so there is no shared memory for more)`;
      return;
    }
    if (want === 1) {
      this.note = '1 thread (this panel\'s share of the cores)';
      return;
    }
    const { team, reason } = await KernelTeam.start(want, this.spawn);
    if (this.asked !== want) return team?.dispose(); // a newer size was asked meanwhile
    this.team = team;
    if (team) useKernels(team);
    this.note = team ? `${team.threads} threads (WebAssembly threads on shared memory)` : `1 thread (${want} allowed: ${reason})`;
  }

  /** The backend as it runs: on the CPU path, with the threads and why. */
  decorate(info: BackendInfo): BackendInfo {
    if (info.name !== 'cpu') return info;
    return { ...info, threads: this.threads, reason: `${info.reason}; kernels on ${this.note}` };
  }

  /** End the team; the kernels go back to this thread (a later set() starts a new one). */
  stop(): void {
    this.endTeam();
    this.asked = 0;
  }

  private endTeam(): void {
    if (!this.team) return;
    useKernels(null);
    this.team.dispose();
    this.team = null;
  }
}
