/**
 * The dimension-sweep worker: runs one sweep (src/engine/experiment/dimensionSweep.ts) and
 * streams its progress and points to a callback. It is its own worker, away from the panels', so
 * Cancel can terminate it at once whatever step it is in (src/run/sweep.ts supervises it).
 */
import { expose } from 'comlink';
import { dimensionSweep } from '../src/engine/experiment/dimensionSweep';
import { PROGRESS_MS, type SweepApi, type SweepMessage } from './sweepProtocol';

const api: SweepApi = {
  async run(req, onMessage) {
    let last = -Infinity;
    let unsent: SweepMessage | null = null; // the newest progress not yet posted
    try {
      for (const e of dimensionSweep(req)) {
        if (e.kind === 'point') {
          if (unsent) void onMessage(unsent); // a run's end is always reported with its point
          unsent = null;
          void onMessage(e);
        } else if (performance.now() - last >= PROGRESS_MS) {
          last = performance.now();
          unsent = null;
          void onMessage(e);
        } else unsent = e;
      }
      void onMessage({ kind: 'done' });
    } catch (e) {
      void onMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  },
};

expose(api);
