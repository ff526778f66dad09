// Threads where the page is cross-origin isolated: ETD's WebAssembly kernels split across a team
// of kernel threads (src/engine/parallel/), the badge says so; without isolation the same app
// runs its single-thread CPU path. And the service worker isolates hosts that send no headers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, sel, waitReady } from '../../src/bench/appPage.mjs';
import { startServer } from './lib/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = () => (process.env.BROWSER_DIST ? path.resolve(process.env.BROWSER_DIST) : path.join(root, 'dist'));
/** The headers vite.config.ts sends (ISOLATION_HEADERS) and public/_headers asks for. */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const BADGE = '[data-testid="backend"]';

/** Play until the counter reaches `k`, then pause. */
async function playTo(page, k) {
  await page.click(sel.play);
  await page.waitForFunction(([s, v]) => Number(document.querySelector(s)?.textContent) >= v, [sel.iteration, k], { timeout: 60_000 });
  await page.click(sel.play);
}

const badge = async (page) => ({ text: (await page.textContent(BADGE))?.trim() ?? '', title: (await page.getAttribute(BADGE, 'title')) ?? '' });

export async function runsEtdOnKernelThreadsWhenCrossOriginIsolated({ page, errors }) {
  const server = await startServer(dist(), { headers: ISOLATION });
  try {
    await page.goto(`${server.url}?v=1&n=120&p=etd-b`);
    await waitReady(page);
    const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    assert(isolated === true, 'the page served with COOP/COEP is not cross-origin isolated');
    const b = await badge(page);
    if (cores >= 2) {
      const m = /^CPU, (\d+) threads$/.exec(b.text);
      assert(m && Number(m[1]) >= 2, `with ${cores} cores the badge should say "CPU, N threads" (N >= 2), not "${b.text}" (${b.title})`);
      assert(/WebAssembly threads on shared memory/.test(b.title), `badge title: ${b.title}`);
    }
    await playTo(page, 6);
    assert((await page.locator(`${sel.panel}[data-status="ready"]`).count()) === 1, 'the ETD panel did not stay ready');
  } finally {
    await server.close();
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function runsTheSingleThreadPathWithoutIsolation({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&n=120&p=etd-b`);
  await waitReady(page);
  assert((await page.evaluate(() => crossOriginIsolated)) === false, 'the page without COOP/COEP is cross-origin isolated');
  const b = await badge(page);
  assert(b.text === 'CPU (wasm SIMD)', `badge: "${b.text}"`);
  assert(/kernels on 1 thread/.test(b.title) && /not cross-origin isolated/.test(b.title), `badge title: ${b.title}`);
  await playTo(page, 6);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function theServiceWorkerIsolatesAHostWithoutHeaders({ page, errors }) {
  // GitHub Pages sends no COOP/COEP: the first visit is single-threaded, the service worker then
  // adds the headers to what it serves, and the next visit runs on threads.
  const server = await startServer(dist());
  try {
    await page.goto(`${server.url}?v=1&n=100&p=etd-b`);
    await waitReady(page);
    assert((await page.evaluate(() => crossOriginIsolated)) === false, 'the first visit is isolated without any headers');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await waitReady(page);
    const { isolated, controlled, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, controlled: navigator.serviceWorker.controller !== null, cores: navigator.hardwareConcurrency }));
    assert(controlled, 'the reloaded page is not served by the service worker');
    assert(isolated === true, 'the page served by the service worker is not cross-origin isolated');
    if (cores >= 2) assert(/^CPU, \d+ threads$/.test((await badge(page)).text), `badge: ${(await badge(page)).text}`);
    await playTo(page, 4);
  } finally {
    await server.close();
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
