// Worker-thread entry: register tsx's loader in this thread, then load the TypeScript module
// named by workerData.module (loader flags given to the parent do not reach worker threads).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
