import * as tf from '@tensorflow/tfjs';

export type TensorBackendChoice = 'wasm' | 'cpu';

let ready: Promise<string> | undefined;

const isNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;

/**
 * In Node the wasm binaries are read from disk, so point tfjs at the package's dist folder.
 * The node-only modules are imported dynamically so this file still bundles for the browser.
 */
async function nodeWasmDir(): Promise<string> {
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + '/'; // tfjs appends file names to this prefix
}

/**
 * In the browser, let the bundler copy the .wasm binaries and hand tfjs their hashed URLs
 * (otherwise tfjs looks next to the page and the fetch fails).
 */
async function browserWasmPaths(): Promise<Record<string, string>> {
  const [plain, simd] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
  ]);
  // tfjs wants an entry for every binary, the threaded one too, though it never loads that one
  // here (WASM_HAS_MULTITHREAD_SUPPORT is off, see tryWasm): without the entry setBackend throws
  // and the lab fell back to tfjs's plain-JS cpu backend.
  return { 'tfjs-backend-wasm.wasm': plain.default, 'tfjs-backend-wasm-simd.wasm': simd.default, 'tfjs-backend-wasm-threaded-simd.wasm': simd.default };
}

async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm'); // registers the 'wasm' backend
    // Never tfjs's multithreaded binary: on a cross-origin isolated page tfjs would pick it, and
    // its pthread workers fail once bundled ('e is not defined'); the lab's tensors are small,
    // and the cores go to ETD's kernel threads (src/engine/parallel/).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths(isNode() ? await nodeWasmDir() : await browserWasmPaths());
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function init(prefer: TensorBackendChoice): Promise<string> {
  if (prefer === 'wasm' && (await tryWasm())) {
    await tf.ready();
    return tf.getBackend();
  }
  // The cpu backend is pure JS and always available; it is also the fallback.
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}

/**
 * Picks and readies a tfjs backend that supports synchronous reads (dataSync), preferring wasm.
 * Returns the backend in use. Idempotent: later calls return the first call's promise (and ignore
 * `prefer`), so callers anywhere can await it cheaply.
 */
export function initTensorBackend(prefer: TensorBackendChoice = 'wasm'): Promise<string> {
  ready ??= init(prefer).catch((err: unknown) => {
    ready = undefined; // let a later call retry
    throw err;
  });
  return ready;
}

