// Writes the AssemblyScript SIMD kernels, base64-encoded, into kernels.generated.ts, so Node, the
// worker and the browser load them the same way with no fetch. Run by `npm run build:wasm` and
// by `prepare` (after every npm install / npm ci); the output is committed too.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileKernels, generatedModule } from './compile.mjs';

try {
  const wasm = await compileKernels();
  writeFileSync(fileURLToPath(new URL('./kernels.generated.ts', import.meta.url)), generatedModule(wasm));
  console.log(`build:wasm: ${wasm.single.length} + ${wasm.shared.length} bytes -> src/engine/wasm/kernels.generated.ts`);
} catch (e) {
  console.error(`build:wasm failed: ${e.message}`);
  process.exit(1);
}
