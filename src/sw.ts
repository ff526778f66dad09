/**
 * The service worker (built by vite-plugin-pwa from this file; see vite.config.ts): precaches the
 * whole site at install, so after one visit the playground opens and runs without a network, and
 * answers every navigation inside its scope (any query or fragment) with the cached page. A new
 * build installs beside the old one and waits: the page offers "reload" and posts SKIP_WAITING
 * when the user takes it (src/run/appUpdate.ts); the page reloads once the new one controls it.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setDefaultHandler } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/**
 * Cross-origin isolation for hosts that send no headers of their own (GitHub Pages): every
 * response this worker serves carries COOP same-origin and COEP require-corp (the same as
 * vite.config.ts's ISOLATION_HEADERS), so pages it controls get shared memory and ETD's kernels
 * run on several threads. A first visit, before this worker controls the page, runs
 * single-threaded; the page is not reloaded for it (a reload would restart what a visitor just
 * opened), and every later visit or reload is isolated. Opaque responses are left as they are.
 */
const ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function isolated(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

addPlugins([{ handlerWillRespond: async ({ response }) => isolated(response) }]);
// Links carry the experiment in the query: every query of a cached file is the same file.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
// What the precache does not hold (same-origin GETs only): from the network, isolated too.
setDefaultHandler(async ({ request }) => {
  const response = await fetch(request);
  return new URL(request.url).origin === self.location.origin ? isolated(response) : response;
});
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// The first version takes the open page at once (so a first visit is already offline-ready); later
// versions wait for SKIP_WAITING, then take every open page, which reloads into them.
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
