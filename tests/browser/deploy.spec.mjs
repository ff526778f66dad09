// Browser tests of the site as deployed: a build under a sub-path (as on GitHub Pages), offline after
// the first visit (service worker), the "new version" offer, an embed in an iframe of another
// origin, and links that survive typos (a stray %) and hosts (a 32 KB drawing in the fragment).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import lzString from 'lz-string';
import { assert, sel, waitReady } from '../../src/bench/appPage.mjs';
import { startServer } from './lib/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const link = (baseUrl) => (baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);

/** Play until the first panel's iteration counter reaches k. */
async function playTo(page, k, timeout = 60_000) {
  await page.click(sel.play);
  // data-max: the furthest panel (the counter shows a range when the panels differ).
  await page.waitForFunction(([s, v]) => Number(document.querySelector(s)?.getAttribute('data-max')) >= v, [sel.iteration, k], { timeout });
  await page.click(sel.play);
}

/** The JavaScript files index.html loads before anything is clicked: its module script and every static import, transitively. */
function staticGraph(dist, base) {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1].slice(base.length));
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const code = readFileSync(path.join(dist, rel), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*${},\s]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) visit(path.posix.join(path.posix.dirname(rel), m[1]));
  };
  entry.forEach(visit);
  return [...seen];
}

export async function siteBuiltUnderASubPathPlaysAPreset({ page, errors }) {
  const out = mkdtempSync(path.join(tmpdir(), 'etd-site-'));
  try {
    // What the Pages workflow runs: the production build with BASE_PATH set.
    const build = spawnSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, BASE_PATH: '/etd-playground/' },
    });
    assert(build.status === 0, `BASE_PATH=/etd-playground/ vite build failed: ${build.stderr}`);
    // The site holds the app alone: no test pages.
    assert(!existsSync(path.join(out, 'tests')), `the production build ships test pages: ${readdirSync(out).join(', ')}`);
    for (const f of ['index.html', 'sw.js', 'manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png']) assert(existsSync(path.join(out, f)), `the site has no ${f}`);
    // TensorFlow.js (which parses the page's query for its own flags) is not loaded with the page.
    const graph = staticGraph(out, '/etd-playground/');
    assert(graph.length > 0, 'no module script found in index.html');
    for (const f of graph) assert(!readFileSync(path.join(out, f), 'utf8').includes('tfjsflags'), `${f}, loaded with the page, contains TensorFlow.js`);

    const server = await startServer(out, { prefix: '/etd-playground/' });
    try {
      const failed = [];
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      await page.goto(`${server.url}?v=1&n=40&p=etd-b`);
      await waitReady(page);
      // A named preset, played: its workers and WebAssembly come from under the prefix.
      await page.click('[data-testid="presets-button"]');
      await page.click('[data-testid="named-preset-ring-collapse"]');
      await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 5_000 }).catch(() => undefined);
      await waitReady(page);
      await playTo(page, 5);
      assert(new URL(page.url()).pathname === '/etd-playground/', `the page left its sub-path: ${page.url()}`);
      // KaTeX's fonts load from under the prefix (an About card typesets its update rule).
      await page.click('[data-testid="panel-about-0"]');
      await page.waitForSelector('.katex');
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      const fonts = server.requests.filter((p) => /KaTeX_.*\.woff2$/.test(p));
      assert(fonts.length > 0 && fonts.every((p) => p.startsWith('/etd-playground/assets/')), `KaTeX fonts: ${fonts.join(', ') || 'none requested'}`);
      await page.keyboard.press('Escape');
      // A logistic-regression data set and its reference posterior load from under the prefix (bundled text modules).
      await page.goto(`${server.url}?v=1&t=blr&data=sonar&n=20&p=svgd`);
      await waitReady(page);
      await playTo(page, 3);
      assert(server.requests.some((p) => /^\/etd-playground\/assets\/sonar-.*\.js$/.test(p)), 'the Sonar data were not loaded from under the prefix');
      await page.goto(`${server.url}?v=1&n=40&p=etd-b`);
      await waitReady(page);
      await page.click('[data-testid="presets-button"]');
      await page.click('[data-testid="named-preset-ring-collapse"]');
      await waitReady(page);
      // Copy link and the embed code carry the sub-path.
      await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
      await page.click('[data-testid="share-menu"]');
      await page.click('[data-testid="share"]');
      const copied = await page.inputValue('[data-testid="share-link"]');
      assert(copied.startsWith(`${server.url}?v=1&t=gmm-ring-8`), `copied link: ${copied}`);
      await page.click('[data-testid="share-popover"] button');
      await page.click('[data-testid="share-menu"]');
      await page.click('[data-testid="share-embed"]');
      const embed = await page.inputValue('[data-testid="share-link"]');
      assert(embed.startsWith(`<iframe src="${server.url}?v=1&amp;t=gmm-ring-8`) && embed.includes('ui=embed'), `embed code: ${embed}`);
      // The service worker is registered for the sub-path.
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert(scope === server.url, `service worker scope ${scope}`);
      assert(failed.length === 0, `failed requests: ${failed.join(', ')}`);
      assert(server.requests.every((p) => p.startsWith('/etd-playground/')), `requests outside the prefix: ${server.requests.filter((p) => !p.startsWith('/etd-playground/')).join(', ')}`);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function worksOfflineAfterTheFirstVisit({ page, baseUrl, errors }) {
  await page.goto(`${link(baseUrl)}?v=1&n=40&p=etd-b`);
  await waitReady(page);
  // The first visit installs the service worker, which precaches the whole site.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.context().setOffline(true);
  try {
    await page.reload();
    await waitReady(page);
    assert(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the reloaded page is not served by the service worker');
    await page.click('[data-testid="presets-button"]');
    await page.click('[data-testid="named-preset-ring-collapse"]');
    await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 5_000 }).catch(() => undefined);
    await waitReady(page);
    await playTo(page, 5);
    // A link never opened before opens offline too (any query is the same cached page).
    await page.goto(`${link(baseUrl)}?v=1&t=donut&n=30&p=svgd`);
    await waitReady(page);
    await playTo(page, 3);
  } finally {
    await page.context().setOffline(false);
  }
  assert(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)).length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function offersAReloadWhenANewVersionIsInstalled({ page, baseUrl, errors }) {
  // A second server over the same build whose sw.js differs by one comment: to the browser, a new version.
  const dist = process.env.BROWSER_DIST ? path.resolve(process.env.BROWSER_DIST) : path.join(root, 'dist');
  let version = 1;
  const server = await startServer(dist, { override: (rel, body) => (rel === '/sw.js' ? Buffer.concat([body, Buffer.from(`\n// version ${version}\n`)]) : undefined) });
  try {
    await page.goto(`${server.url}?v=1&n=30&p=svgd`);
    await waitReady(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    assert((await page.locator('[data-testid="update-banner"]').count()) === 0, 'the first visit offers an update');
    version = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.waitForSelector('[data-testid="update-banner"]', { timeout: 30_000 });
    const text = await page.textContent('[data-testid="update-banner"]');
    assert(/new version/.test(text), `update banner: ${text}`);
    // Reload takes the new version: the page reloads and the banner is gone.
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.click('[data-testid="update-banner"] button:has-text("Reload")')]);
    await waitReady(page);
    assert((await page.locator('[data-testid="update-banner"]').count()) === 0, 'the banner stayed after the reload');
  } finally {
    await server.close();
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function playsEmbeddedInAnIframeOfAnotherOrigin({ page, baseUrl, errors }) {
  // A course page on another origin (another port) embeds the experiment with the code the Embed button gives.
  const app = new URL(link(baseUrl));
  await page.goto(`${app.href}?v=1&n=40&p=etd-b,svgd`);
  await waitReady(page);
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
  await page.click('[data-testid="share-menu"]');
  await page.click('[data-testid="share-embed"]');
  const code = await page.inputValue('[data-testid="share-link"]');
  assert(/^<iframe src="[^"]+ui=embed[^"]*"[^>]*><\/iframe>$/.test(code), `embed code: ${code}`);
  const course = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><h1>Week 3: transport</h1>${code}`));
  await new Promise((resolve) => course.listen(0, '127.0.0.1', resolve));
  try {
    const origin = `http://localhost:${course.address().port}`; // another origin than 127.0.0.1:<app port>
    await page.goto(`${origin}/week3.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator(`${sel.panel}[data-status="ready"]`).first().waitFor({ timeout: 60_000 });
    assert((await frame.locator(sel.panel).count()) === 2, 'the embed does not show both panels');
    for (const hidden of ['.sidepanel', sel.step, '[data-testid="share-menu"]', '[data-testid="presets-button"]'])
      assert((await frame.locator(hidden).count()) === 0, `the embed shows ${hidden}`);
    await frame.locator(sel.play).click();
    await frame.locator(`${sel.iteration}[data-max]`).filter({ hasText: /([5-9]|\d\d+)$/ }).waitFor({ timeout: 60_000 });
    await frame.locator(sel.play).click();
    const open = frame.locator('[data-testid="leave-view-mode"]');
    assert((await open.textContent()).includes('Open in the playground'), 'no open-in-the-playground link');
    const href = await open.getAttribute('href');
    assert(href.startsWith(app.origin) && href.includes('p=etd-b,svgd') && !href.includes('ui=embed'), `open link: ${href}`);
  } finally {
    await new Promise((resolve) => course.close(resolve));
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function linksWithAStrayPercentOpen({ page, baseUrl, errors }) {
  for (const query of ['?v=1&n=30&utm_campaign=50%off&p=svgd', '?v=1&f=x%&n=30&p=svgd', '?v=1&n=30&p=etd-b&p1.eps=0.1%', '?v=1&view=lab&eps=0.1%']) {
    await page.goto(`${link(baseUrl)}${query}#%E0%A4%A`);
    if (query.includes('view=lab')) await page.waitForSelector('[data-testid="lab-stats"][data-status="ready"]', { timeout: 60_000 });
    else {
      await waitReady(page);
      await playTo(page, 2);
    }
    await page.waitForSelector('[data-testid="url-notices"]');
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function opensA32KbDrawingLinkFromTheFragment({ page, baseUrl, errors }) {
  // 2000 strokes, as many as a drawing may have.
  const bumps = Array.from({ length: 2000 }, (_, k) => {
    const t = k / 40;
    const r = 0.8 + t / 20 + Math.sin(k * 12.9898) * 0.01;
    return [Number((Math.cos(t) * r).toPrecision(6)), Number((Math.sin(t) * r).toPrecision(6)), Number((0.2 + (k % 13) / 60).toPrecision(6)), k % 17 === 0 ? -0.3 : 1];
  });
  const d = lzString.compressToEncodedURIComponent(JSON.stringify(bumps));
  assert(d.length > 16 * 1024, `the drawing is only ${d.length} characters`);
  await page.goto(`${link(baseUrl)}#v=1&d=${d}&n=40&p=svgd`);
  await waitReady(page);
  await playTo(page, 3);
  assert((await page.locator('[data-testid="url-notices"]').count()) === 0, 'the drawing link was adjusted');
  // The app keeps the long experiment in the fragment: the request line of a reload stays short.
  const url = new URL(page.url());
  assert(url.search === '' && url.hash.startsWith('#v=1&d='), `address after load: ${url.search.slice(0, 80)} | ${url.hash.slice(0, 80)}`);
  await page.reload();
  await waitReady(page);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
