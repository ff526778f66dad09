/**
 * The dimension-sweep worker: runs one sweep (src/engine/experiment/dimensionSweep.ts) and
 * streams its progress and points. It is its own worker, away from the panels', so Cancel can
 * terminate it at once whatever step it is in.
 */
import { dimensionSweep } from '../src/engine/experiment/dimensionSweep';
import { PROGRESS_MS, type SweepMessage, type SweepRequest } from './sweepProtocol';

const post = (m: SweepMessage) => self.postMessage(m);

self.onmessage = (ev: MessageEvent<SweepRequest>) => {
  let last = -Infinity;
  let unsent: SweepMessage | null = null; // the newest progress not yet posted
  try {
    for (const e of dimensionSweep(ev.data)) {
      if (e.kind === 'point') {
        if (unsent) post(unsent); // a run's end is always reported with its point
        unsent = null;
        post(e);
      } else if (performance.now() - last >= PROGRESS_MS) {
        last = performance.now();
        unsent = null;
        post(e);
      } else unsent = e;
    }
    post({ kind: 'done' });
  } catch (e) {
    post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
