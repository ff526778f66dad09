import { parentPort } from 'node:worker_threads';
import { singleRun, type SingleRunSpec } from '../engine/experiment/singleRun';
import { installBlrDataLoader } from './blrData';

installBlrDataLoader(); // a BLR spec names its data set; this worker reads it from disk like the runner

/** One compare job at a time: { id, spec } in, { id, result } or { id, error } out. */
parentPort!.on('message', ({ id, spec }: { id: number; spec: SingleRunSpec }) => {
  try {
    parentPort!.postMessage({ id, result: singleRun(spec) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
