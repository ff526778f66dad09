import * as tf from '@tensorflow/tfjs';
import { navigatorGpu, onDeviceLost, probeWebGPU } from '../gpu/adapter';
import { softwareAdapterName } from '../gpu/software';
import { initTensorBackend } from './backend';

/*
 * Which tfjs backend to run tensor code on: WebGPU, then WebGL, then WASM, then CPU, each only
 * when it can work and is worth it. A software WebGPU adapter (SwiftShader, a fallback adapter)
 * or a software WebGL renderer is skipped unless allowed: on this project's 2-core reference
 * machine a Sinkhorn iteration (N=100, P=2500) takes 908 ms on SwiftShader WebGPU, 24 ms on
 * software WebGL and 4.9 ms on wasm. No DOM: only feature checks on navigator, OffscreenCanvas
 * and WebAssembly, so the module imports (and answers 'wasm') in Node and in workers.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendChoice {
  readonly name: BackendName;
  /** Why: each skipped backend and the reason, then 'using <name>'. */
  readonly reason: string;
  /** WebGPU on a software adapter (only when allowSoftwareWebGPU asked for it): never calibrated into use. */
  readonly software?: boolean;
}

export interface ChooseBackendOptions {
  /** Accept a software WebGPU adapter (SwiftShader, fallback): correct but CPU-slow. */
  readonly allowSoftwareWebGPU?: boolean;
  /** Accept a software WebGL renderer (SwiftShader, llvmpipe). */
  readonly allowSoftwareWebGL?: boolean;
  /** The WebGPU entry point; default navigator.gpu (in Node, pass the `webgpu` package's create([])). */
  readonly gpu?: GPU | null;
}

type Probe = { ok: true; note: string; software?: boolean } | { ok: false; note: string };


export async function chooseBackend(opts: ChooseBackendOptions = {}): Promise<BackendChoice> {
  const notes: string[] = [];
  const pick = (name: BackendName, note?: string, software = false): BackendChoice => ({
    name,
    reason: [...notes, note, `using ${name}`].filter(Boolean).join('; '),
    ...(software ? { software } : {}),
  });

  const gpu = await probeWebGPU(opts.gpu === undefined ? navigatorGpu() : opts.gpu, !!opts.allowSoftwareWebGPU);
  if (gpu.ok) return pick('webgpu', gpu.note, gpu.software);
  notes.push(gpu.note);

  const gl = probeWebGL(!!opts.allowSoftwareWebGL);
  if (gl.ok) return pick('webgl', gl.note);
  notes.push(gl.note);

  if (wasmAvailable()) return pick('wasm');
  notes.push('WebAssembly not available');
  return pick('cpu');
}

const UNMASKED_RENDERER_WEBGL = 0x9246;

function probeWebGL(allowSoftware: boolean): Probe {
  if (typeof OffscreenCanvas === 'undefined') return { ok: false, note: 'WebGL not available (no OffscreenCanvas)' };
  let gl: WebGL2RenderingContext | WebGLRenderingContext | null = null;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  } catch {
    gl = null;
  }
  if (!gl) return { ok: false, note: 'WebGL context could not be created' };
  try {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(debug ? UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    const software = softwareAdapterName({ description: renderer });
    if (!software) return { ok: true, note: `WebGL renderer ${renderer || 'unnamed'}` };
    if (allowSoftware) return { ok: true, note: `WebGL renderer is ${software} (software): allowed by allowSoftwareWebGL` };
    return { ok: false, note: `WebGL renderer is ${software} (software): skipped` };
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

function wasmAvailable(): boolean {
  try {
    // The smallest valid module: magic number and version.
    return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    return false;
  }
}

/**
 * Make the chosen backend tfjs's active one (the wasm binaries located as backend.ts does).
 * Returns the backend tfjs reports afterwards.
 */
export async function applyBackend(choice: BackendChoice): Promise<string> {
  if (choice.name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu'); // registers 'webgpu'
  if (choice.name === 'wasm') await initTensorBackend('wasm');
  if (tf.getBackend() !== choice.name && !(await tf.setBackend(choice.name))) {
    throw new Error(`tfjs backend ${choice.name} failed to initialise (${choice.reason})`);
  }
  await tf.ready();
  return tf.getBackend();
}

/** tfjs's GPUDevice when the webgpu backend is active, so fused kernels share it; otherwise null. */
export function tfjsGpuDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GPUDevice }).device ?? null;
}

export { onDeviceLost };
