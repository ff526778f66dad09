import { wrap } from 'comlink';
import type { SamplerApi } from '../../workers/samplerApi';

/**
 * One sampler worker as the panel pool sees it: its typed API, a promise that rejects when the
 * worker dies, and a way to end it. Tests pass in-process stand-ins with the same shape.
 */
export interface PanelWorker {
  readonly api: SamplerApi;
  /** Rejects with a readable Error when the worker dies (failed to load, uncaught error); never resolves. */
  readonly dead: Promise<never>;
  terminate(): void;
}

export type PanelWorkerFactory = () => PanelWorker;

/** A fresh module worker (workers/sampler.worker.ts) behind comlink. */
export function createPanelWorker(): PanelWorker {
  const worker = new Worker(new URL('../../workers/sampler.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sampler',
  });
  let ended = false;
  const terminate = () => {
    ended = true;
    worker.terminate();
  };
  const dead = new Promise<never>((_, reject) => {
    const die = (message: string) => {
      if (ended) return;
      terminate();
      reject(new Error(message));
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      die(`the sampler worker crashed: ${ev.message || 'it failed to load'}`);
    });
    worker.addEventListener('messageerror', () => die('the sampler worker sent a message that could not be read'));
  });
  dead.catch(() => undefined); // observed by the pool; never an unhandled rejection
  return { api: wrap<SamplerApi>(worker) as unknown as SamplerApi, dead, terminate };
}
