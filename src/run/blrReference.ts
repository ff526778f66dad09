/**
 * "Compute a reference" for a user's CSV: the engine's HMC reference builder in a worker under the
 * generic supervisor (src/run/supervisor.ts), advanced in chunks of about CHUNK_MS so the page
 * shows progress, cancelled by terminating the worker. When it finishes, the store's CSV gets the
 * reference and the sampler sessions restart with it (their metrics then include the reference
 * metrics). A lost worker fails the job with its reason (the user may start it again).
 */
import { wrap, type Remote } from 'comlink';
import type { BlrReferenceApi, ReferenceRunOptions } from '../../workers/blrReferenceApi';
import { useAppStore } from '../store';
import { spawnWorker, SupervisedCancel, Supervisor } from './supervisor';

/** Wall time per advance call. */
const CHUNK_MS = 250;
/** A call silent this long means a hung worker (a chunk is CHUNK_MS; starting includes Newton's method to the mode). */
const ALLOWANCE_MS = 60_000;

let supervisor: Supervisor<Remote<BlrReferenceApi>> | null = null;
let generation = 0;

function site(): Supervisor<Remote<BlrReferenceApi>> {
  supervisor ??= new Supervisor<Remote<BlrReferenceApi>>({
    site: 'BLR reference',
    maxRestarts: 0,
    spawn: () =>
      spawnWorker(
        () => new Worker(new URL('../../workers/blrReference.worker.ts', import.meta.url), { type: 'module', name: 'BLR reference' }),
        (w) => wrap<BlrReferenceApi>(w),
        'the BLR reference worker',
      ),
  });
  return supervisor;
}

/** Start (or restart) the reference of the store's current CSV; resolves when it ends, however it ends. */
export async function computeBlrReference(options?: ReferenceRunOptions): Promise<void> {
  const st = useAppStore.getState();
  const file = st.blrCsv;
  if (!file) return;
  cancelBlrReference();
  const my = ++generation;
  const sup = site();
  sup.reset();
  const patch = (p: Parameters<typeof st.patchBlrReferenceJob>[0]) => {
    if (my === generation) useAppStore.getState().patchBlrReferenceJob(p);
  };
  patch({ status: 'running', key: file.key, phase: 'warmup', iteration: 0, total: 0, message: null });
  try {
    let p = await sup.call((api) => api.start({ key: file.key, csv: file.csv, ...(options ? { options } : {}) }), { name: 'start', allowanceMs: ALLOWANCE_MS });
    patch({ phase: p.phase, iteration: p.iteration, total: p.total });
    while (p.phase !== 'done') {
      p = await sup.call((api) => api.advance(CHUNK_MS), { name: 'advance', allowanceMs: ALLOWANCE_MS });
      if (my !== generation) return;
      patch({ phase: p.phase, iteration: p.iteration, total: p.total });
    }
    const reference = await sup.call((api) => api.result(), { name: 'result', allowanceMs: ALLOWANCE_MS });
    if (my !== generation) return;
    const d = reference.diagnostics;
    useAppStore.getState().setBlrReference(file.key, file.csv, reference);
    patch({
      status: 'done',
      message: `${reference.source}; max R-hat ${d.maxRhat.toFixed(3)}, min ESS ${Math.round(d.minEss)}, acceptance ${d.acceptance.toFixed(2)}`,
    });
  } catch (e) {
    if (my !== generation) return;
    if (e instanceof SupervisedCancel) patch({ status: 'cancelled', message: null });
    else patch({ status: 'error', message: e instanceof Error ? e.message : String(e) });
  } finally {
    if (my === generation) sup.cancel(); // the worker's memory (all the draws) is not kept
  }
}

/** Stop a running reference (its worker terminated); the job says cancelled. */
export function cancelBlrReference(): void {
  if (!supervisor?.running) return;
  supervisor.cancel();
}
