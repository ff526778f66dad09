import { wrap } from 'comlink';
import type { SamplerApi } from '../../workers/samplerApi';
import { spawnWorker, type Spawned } from './supervisor';

/**
 * One sampler worker as the panel pool sees it: its typed API, a promise that rejects when the
 * worker dies, and a way to end it (the supervisor's Spawned). Tests pass in-process stand-ins
 * with the same shape.
 */
export type PanelWorker = Spawned<SamplerApi>;

export type PanelWorkerFactory = () => PanelWorker;

/** A fresh module worker (workers/sampler.worker.ts) behind comlink. */
export const createPanelWorker = (): PanelWorker =>
  spawnWorker(
    () => new Worker(new URL('../../workers/sampler.worker.ts', import.meta.url), { type: 'module', name: 'sampler' }),
    (w) => wrap<SamplerApi>(w) as unknown as SamplerApi,
    'the sampler worker',
  );
