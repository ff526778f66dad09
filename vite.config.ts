import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // The sampler worker is bundled as an ES module worker (it imports the engine).
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The app, plus the WebGPU kernel test page (dist/tests/browser/pages/gpu.html).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        gpu: fileURLToPath(new URL('./tests/browser/pages/gpu.html', import.meta.url)),
        bench: fileURLToPath(new URL('./tests/browser/pages/benchEtd.html', import.meta.url)),
        plan: fileURLToPath(new URL('./tests/browser/pages/plan.html', import.meta.url)),
      },
    },
  },
  test: {
    include: ['tests/engine/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/gpu/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600000,
    pool: 'forks',
  },
});
