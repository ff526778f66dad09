/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker (src/sw.ts) that keeps the site usable offline, and tells the store
 * when a new version is installed and waiting, so the page can offer a quiet "reload" instead of
 * changing under a running class. Nothing happens where service workers are unavailable (an
 * insecure origin, a private window that refuses them, the dev server).
 */
import { registerSW } from 'virtual:pwa-register';
import { useAppStore } from '../store';

export function startAppUpdates(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  // The waiting version is told to take over; once it controls the page, the page reloads into it
  // (also on a first visit, where workbox-window itself would not reload).
  const reload = () => {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    void update(true);
  };
  const update = registerSW({
    onNeedRefresh: () => useAppStore.getState().setReloadToUpdate(reload),
    // A page that cannot register (storage refused, a sandboxed frame) works as before, online.
    onRegisterError: () => undefined,
  });
}
