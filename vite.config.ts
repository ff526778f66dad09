import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * Cross-origin isolation: with these two headers on the page (and its workers) the browser gives
 * it SharedArrayBuffer, and ETD's WebAssembly kernels run on several threads (src/engine/parallel/).
 * The dev and preview servers send them; public/_headers asks hosts that read such a file
 * (Netlify, Cloudflare Pages) for the same; on GitHub Pages, which sends no custom headers, the
 * service worker (src/sw.ts) adds them to every response it serves. Everything the site loads is
 * its own (the policy above), so require-corp blocks nothing; in a cross-origin iframe the page
 * loads as before, just not isolated (single-threaded).
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

const csp: Plugin = {
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
};

/**
 * Where the site is served from: BASE_PATH, '/' by default, '/etd-playground/' for a GitHub Pages
 * project site (the workflow sets it from the repository's name). Every URL the build writes
 * (scripts, workers, KaTeX fonts, the manifest, the service worker) is under it.
 */
export function basePath(env: Record<string, string | undefined> = process.env): string {
  const base = env.BASE_PATH?.trim() || '/';
  if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(base) || base.split('/').some((seg) => /^\.+$/.test(seg))) throw new Error(`BASE_PATH must start and end with '/' (e.g. /etd-playground/), not '${base}'`);
  return base;
}

/** `vite build --mode browser-tests` also builds the browser tests' own pages; the site (`npm run build`) holds the app alone. */
export const TEST_PAGES_MODE = 'browser-tests';
const page = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const TEST_PAGES = {
  gpu: page('./tests/browser/pages/gpu.html'),
  bench: page('./tests/browser/pages/benchEtd.html'),
  plan: page('./tests/browser/pages/plan.html'),
};

/**
 * Offline after the first visit: a Workbox service worker (src/sw.ts, built by vite-plugin-pwa with
 * the list of the build's files injected) precaches the whole site and answers navigations with
 * the cached page; the web manifest makes it installable. It is registered from the app's own
 * script (no inline script: the Content-Security-Policy stays strict), and a new version waits
 * until the user chooses to reload.
 */
const offline = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'ETD Playground',
    short_name: 'ETD Playground',
    description: 'Watch Entropic Transport Descent and baseline particle samplers move on target densities.',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: '#f6f5f9',
    theme_color: '#3b2f8f',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  injectManifest: {
    // Everything the app can load, the TensorFlow.js workers (~1.6 MB each) included.
    globPatterns: ['**/*.{js,css,html,svg,png,woff2,wasm,webmanifest}'],
    globIgnores: ['tests/**'],
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  },
  devOptions: { enabled: false },
});

export default defineConfig(({ mode }) => ({
  base: basePath(),
  plugins: [react(), csp, offline],
  // The sampler worker is bundled as an ES module worker (it imports the engine).
  worker: { format: 'es' },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { main: page('./index.html'), ...(mode === TEST_PAGES_MODE ? TEST_PAGES : {}) },
    },
  },
  test: {
    include: ['tests/engine/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/gpu/**/*.test.ts'],
    environment: 'node',
    // A hang guard per test; the few slow numeric tests set their own (up to 300 s).
    testTimeout: 60_000,
    pool: 'forks',
  },
}));
