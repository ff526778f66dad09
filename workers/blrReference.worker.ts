/**
 * The BLR reference worker: the engine's HMC reference builder (BlrReferenceRun) on a user's
 * CSV, one timed chunk per call. The page supervises it (src/run/blrReference.ts); Cancel
 * terminates it.
 */
import { expose, transfer } from 'comlink';
import { BlrReferenceRun } from '../src/engine/targets/blr/buildReference';
import { blrDataFromText } from '../src/engine/targets/blr/dataSets';
import type { BlrReferenceApi } from './blrReferenceApi';
import { guardedAsync } from './plainError';

let run: BlrReferenceRun | null = null;

const current = (): BlrReferenceRun => {
  if (!run) throw new Error('no reference run: call start first');
  return run;
};

const api: BlrReferenceApi = {
  start: (req) =>
    guardedAsync(() => {
      run = new BlrReferenceRun(blrDataFromText(req.key, { csv: req.csv }), req.options);
      return run.advance(0);
    }),
  advance: (ms) =>
    guardedAsync(() => {
      const r = current();
      const until = performance.now() + Math.max(1, ms);
      let p = r.advance(1);
      while (!r.done && performance.now() < until) p = r.advance(1);
      return p;
    }),
  result: () =>
    guardedAsync(() => {
      const ref = current().result();
      return transfer(ref, [ref.mean.buffer, ref.variance.buffer, ref.draws.buffer, ref.testRows.buffer] as ArrayBuffer[]);
    }),
};

expose(api);
