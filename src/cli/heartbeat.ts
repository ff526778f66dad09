import { Worker } from 'node:worker_threads';

/** A step running this long gets its first "still running" line, then one every HEARTBEAT_MS. */
export const HEARTBEAT_MS = 10_000;

/**
 * The heartbeat thread: the run's steps are synchronous, so the main thread cannot print while one
 * runs. This thread reads the current step and when it started from shared memory and writes to
 * stderr's file descriptor directly (fs.writeSync; a worker's process.stderr would wait for the
 * busy main thread). Plain JavaScript, evaluated as CommonJS: no TypeScript loader needed.
 */
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Float64Array(workerData.buffer); // [step running (0: none), its start (ms since epoch), last line (ms)]
const every = workerData.every;
setInterval(() => {
  const step = state[0];
  if (!step) return;
  const now = Date.now();
  const running = now - state[1];
  if (running < every || now - state[2] < every) return;
  state[2] = now;
  try { writeSync(2, workerData.label.replace('#', String(step)) + ', ' + Math.floor(running / 1000) + ' s\\n'); } catch {}
}, Math.min(1000, every / 4));
`;

export interface Heartbeat {
  /** Step `step` (1-based) starts now. */
  stepStarted(step: number): void;
  /** No step is running (between panels, while writing the output). */
  idle(): void;
  stop(): Promise<void>;
}

/**
 * Start the heartbeat: while one step has run for `every` ms, a line such as "step 1 running, 10 s"
 * goes to stderr every `every` ms. label: the line's text with # for the step number.
 */
export function startHeartbeat(every = HEARTBEAT_MS, label = 'step # running'): Heartbeat {
  const buffer = new SharedArrayBuffer(3 * 8);
  const state = new Float64Array(buffer);
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { buffer, every, label } });
  worker.unref(); // never keeps the process alive
  return {
    stepStarted(step) {
      state[1] = Date.now();
      state[2] = 0;
      state[0] = step;
    },
    idle() {
      state[0] = 0;
    },
    stop: async () => {
      state[0] = 0;
      await worker.terminate();
    },
  };
}
