// Dawn (npm package `webgpu`) with the SwiftShader Vulkan driver Debian's chromium ships, for the
// GPU tests in Node. The same steps as sinkhornGpu.test.ts's own setup.
import { existsSync } from 'node:fs';

const LIBVULKAN = '/usr/lib/chromium/libvulkan.so.1';
const RTLD_NOW = 2, RTLD_GLOBAL = 0x100, RTLD_NODELETE = 0x1000; // glibc values
const SYSTEM_LIB_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'];

/** dawn.node objects must stay reachable while in use (a collected GPU takes its device down). */
export const keepAlive: unknown[] = [];

/** Dawn's GPU and its adapter (SwiftShader here), with notes on how Vulkan was found. */
export async function dawnGpu(): Promise<{ gpu: GPU; adapter: GPUAdapter | null; notes: string[] }> {
  const notes: string[] = [];
  process.env.VK_DRIVER_FILES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
  notes.push(`VK_DRIVER_FILES=${process.env.VK_DRIVER_FILES}`);
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...SYSTEM_LIB_DIRS];
  if (!dirs.some((d) => existsSync(`${d}/libvulkan.so.1`))) {
    if (existsSync(LIBVULKAN)) {
      try {
        process.dlopen({ exports: {} }, LIBVULKAN, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
      } catch {
        // expected: "did not self-register"; the library stays loaded
      }
      notes.push(`no system libvulkan.so.1, preloaded ${LIBVULKAN}`);
    } else notes.push(`no libvulkan.so.1 (neither the system's nor ${LIBVULKAN})`);
  }
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const adapter = await gpu.requestAdapter();
  keepAlive.push(gpu, adapter);
  return { gpu, adapter, notes };
}
