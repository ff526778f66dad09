import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Run jobs on `size` worker threads (each runs the TypeScript module at workerUrl, loaded
 * through tsx), at most one job per worker at a time; results come back in job order.
 */
export async function runPool<J, R>(workerUrl: URL, jobs: readonly J[], size = availableParallelism(), onDone?: (done: number) => void): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(size, jobs.length)) }, () => new Worker(new URL('./tsWorker.mjs', import.meta.url), { workerData: { module: workerUrl.href } }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              w.once('message', (msg: { id: number; result?: R; error?: string }) => {
                if (msg.error !== undefined) return reject(new Error(msg.error));
                results[msg.id] = msg.result as R;
                onDone?.(++done);
                feed();
              });
              w.postMessage({ id, spec: jobs[id] });
            };
            w.once('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
