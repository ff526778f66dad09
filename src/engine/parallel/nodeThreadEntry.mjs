// Worker-thread entry of a Node kernel thread: register tsx's loader in this thread (loader flags
// given to the parent do not reach worker threads), then load the TypeScript module named by
// workerData.module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
