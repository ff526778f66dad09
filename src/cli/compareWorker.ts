import { parentPort } from 'node:worker_threads';
import { singleRun, type SingleRunSpec } from '../engine/experiment/singleRun';
import { initTensorBackend } from '../engine/tensor/backend';

/** One compare job at a time: { id, spec } in, { id, result } or { id, error } out. */
parentPort!.on('message', async ({ id, spec }: { id: number; spec: SingleRunSpec }) => {
  try {
    if (spec.target.kind === 'formula') await initTensorBackend('wasm');
    parentPort!.postMessage({ id, result: singleRun(spec) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
