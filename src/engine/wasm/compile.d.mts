export const KERNELS_SOURCE: string;
export function compileKernels(): Promise<Uint8Array>;
export function generatedModule(wasm: Uint8Array): string;
