import { parentPort } from 'node:worker_threads';
import { singleRun, type SingleRunSpec } from '../engine/experiment/singleRun';

/** One compare job at a time: { id, spec } in, { id, result } or { id, error } out. */
parentPort!.on('message', ({ id, spec }: { id: number; spec: SingleRunSpec }) => {
  try {
    parentPort!.postMessage({ id, result: singleRun(spec) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
