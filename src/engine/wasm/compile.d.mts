export const KERNELS_SOURCE: string;
export const SHARED_MAX_PAGES: number;
export function compileKernels(): Promise<{ single: Uint8Array; shared: Uint8Array }>;
export function generatedModule(wasm: { single: Uint8Array; shared: Uint8Array }): string;
