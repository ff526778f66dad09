/**
 * A kernel thread: a worker the sampler worker starts (nested) when its panel may use more than
 * one thread; it runs pieces of the WebAssembly kernels on the team's shared memory
 * (src/engine/parallel/thread.ts) until the team ends.
 */
import type { ThreadInit } from '../src/engine/parallel/protocol';
import { serveKernelThread } from '../src/engine/parallel/thread';

serveKernelThread({
  postMessage: (msg) => self.postMessage(msg),
  onInit: (cb) => self.addEventListener('message', (e: MessageEvent<ThreadInit>) => cb(e.data), { once: true }),
});
