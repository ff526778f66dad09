import { wrap, type Remote } from 'comlink';
import type { SamplerApi } from '../../workers/samplerApi';

interface Client {
  readonly worker: Worker;
  readonly api: Remote<SamplerApi>;
  /** Rejects when the worker dies (failed to load, uncaught error), so callers never hang. */
  readonly dead: Promise<never>;
}

let client: Client | null = null;

function createClient(): Client {
  const worker = new Worker(new URL('../../workers/sampler.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sampler',
  });
  const dead = new Promise<never>((_, reject) => {
    const die = (message: string) => {
      if (client?.worker === worker) client = null; // the next call starts a fresh worker
      worker.terminate();
      reject(new Error(message));
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      die(`the sampler worker crashed: ${ev.message || 'it failed to load'}`);
    });
    worker.addEventListener('messageerror', () => die('the sampler worker sent a message that could not be read'));
  });
  dead.catch(() => undefined); // observed through callWorker; never an unhandled rejection
  return { worker, api: wrap<SamplerApi>(worker), dead };
}

/** Call the worker; a crash rejects with a clear Error instead of hanging forever. */
export function callWorker<T>(fn: (api: Remote<SamplerApi>) => Promise<T>): Promise<T> {
  client ??= createClient();
  return Promise.race([fn(client.api), client.dead]);
}
