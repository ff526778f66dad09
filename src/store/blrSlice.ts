import type { StateCreator } from 'zustand';

/** The reference posterior computed on request for a user's CSV (src/run/blrReference.ts). */
export interface BlrReferenceJob {
  readonly status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** The CSV's key the job is for. */
  readonly key: string | null;
  readonly phase: 'warmup' | 'sampling' | 'done';
  /** Iterations done (all chains together) of total. */
  readonly iteration: number;
  readonly total: number;
  /** An error, or how the finished reference was made (one line). */
  readonly message: string | null;
}

export interface BlrSlice {
  blrReferenceJob: BlrReferenceJob;
  /** One line about the last CSV that could not be read (shown as one notice; the app keeps running), or null. */
  blrCsvError: string | null;
  patchBlrReferenceJob: (patch: Partial<BlrReferenceJob>) => void;
  setBlrCsvError: (message: string | null) => void;
}

export const IDLE_BLR_REFERENCE_JOB: BlrReferenceJob = { status: 'idle', key: null, phase: 'warmup', iteration: 0, total: 0, message: null };

export const createBlrSlice: StateCreator<BlrSlice, [], [], BlrSlice> = (set) => ({
  blrReferenceJob: IDLE_BLR_REFERENCE_JOB,
  blrCsvError: null,
  patchBlrReferenceJob: (patch) => set((s) => ({ blrReferenceJob: { ...s.blrReferenceJob, ...patch } })),
  setBlrCsvError: (message) => set({ blrCsvError: message }),
});
