// A kernel thread in Node (a worker thread started by nodeThreads.ts).
import { parentPort } from 'node:worker_threads';
import type { ThreadInit } from './protocol';
import { serveKernelThread } from './thread';

serveKernelThread({
  postMessage: (msg) => parentPort!.postMessage(msg),
  onInit: (cb) => parentPort!.once('message', (msg: ThreadInit) => cb(msg)),
});
