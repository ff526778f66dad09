import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The Content-Security-Policy of the built app (a meta tag, so any static host serves it): only
 * this origin's scripts, workers and data; 'wasm-unsafe-eval' lets the engine compile its
 * WebAssembly SIMD kernels and tfjs its wasm backend; inline styles for the canvas layout. Not in
 * the dev server, whose React refresh preamble is an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // KaTeX's fonts: bundled files, the smallest may be inlined as data: URLs by the build.
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const csp: Plugin = {
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
};

export default defineConfig({
  plugins: [react(), csp],
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
