import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernels, generatedModule } from '../../src/engine/wasm/compile.mjs';

describe('WebAssembly SIMD kernels', () => {
  it('the committed kernels.generated.ts is what assembly/kernels.ts compiles to (run npm run build:wasm)', async () => {
    const committed = readFileSync(new URL('../../src/engine/wasm/kernels.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generatedModule(await compileKernels()));
  });
});
