/**
 * The service worker (built by vite-plugin-pwa from this file; see vite.config.ts): precaches the
 * whole site at install, so after one visit the playground opens and runs without a network, and
 * answers every navigation inside its scope (any query or fragment) with the cached page. A new
 * build installs beside the old one and waits: the page offers "reload" and posts SKIP_WAITING
 * when the user takes it (src/run/appUpdate.ts); the page reloads once the new one controls it.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// Links carry the experiment in the query: every query of a cached file is the same file.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// The first version takes the open page at once (so a first visit is already offline-ready); later
// versions wait for SKIP_WAITING, then take every open page, which reloads into them.
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
