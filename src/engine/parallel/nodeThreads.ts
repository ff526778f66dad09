// Node only (the runner, the benchmark, tests): kernel threads as worker_threads.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { useKernels } from '../wasm/simd';
import type { ThreadInit, ThreadReply } from './protocol';
import { KernelTeam, type SpawnThread } from './team';

/** One kernel thread: a worker thread that loads nodeThread.ts through tsx (nodeThreadEntry.mjs). */
export const spawnNodeThread: SpawnThread = () => {
  const w = new Worker(new URL('./nodeThreadEntry.mjs', import.meta.url), { workerData: { module: new URL('./nodeThread.ts', import.meta.url).href } });
  w.unref(); // a team left running never keeps the process alive
  return {
    postMessage: (msg: ThreadInit) => w.postMessage(msg),
    onMessage: (cb: (msg: ThreadReply) => void) => w.on('message', cb),
    onError: (cb: (message: string) => void) => {
      w.on('error', (e: Error) => cb(e.message));
      w.on('exit', (code) => cb(`exited with code ${code}`));
    },
    terminate: () => void w.terminate(),
  };
};

/**
 * Run the kernels on `threads` threads of this process from now on (default: every core); one
 * thread or a failure leaves the single-thread kernels. Returns the team (dispose it when done)
 * or null, and why.
 */
export async function useNodeThreads(threads = availableParallelism()): Promise<{ team: KernelTeam | null; reason: string }> {
  if (threads <= 1) return { team: null, reason: '1 thread' };
  const started = await KernelTeam.start(threads, spawnNodeThread);
  if (started.team) useKernels(started.team);
  return started;
}

/** Back to the single-thread kernels and end the team's threads. */
export function stopNodeThreads(team: KernelTeam | null): void {
  if (!team) return;
  useKernels(null);
  team.dispose();
}
