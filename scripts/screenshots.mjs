// The README's picture, made by the app itself: builds the site, opens the "ring of 8" experiment
// (ETD-B beside SVGD, N = 100, seed 1) in headless Chromium, 1280 px wide,, plays it to step 150
// and saves the two panels as docs/images/etd-vs-svgd-ring.jpg. Run again after a visible change:
//   npm run screenshots
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/browser/lib/chromium.mjs';
import { startServer } from '../tests/browser/lib/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = 150;
const out = path.join(root, 'docs/images/etd-vs-svgd-ring.jpg');

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startServer(path.join(root, 'dist'));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}?v=1&t=gmm-ring-8&n=100&seed=1&p=etd-b,svgd&ui=classroom&hide=side,params,metrics`);
  await page.waitForSelector('.panel[data-status="ready"]', { timeout: 60_000 });
  // Step by step to exactly STEPS, so the picture is the same on every machine.
  for (let k = 1; k <= STEPS; k++) {
    await page.keyboard.press('s');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="iteration"]')?.textContent) >= n, k, { timeout: 60_000 });
  }
  await page.waitForFunction(() => [...document.querySelectorAll('.panel')].every((p) => p.getAttribute('data-busy') === 'false'), null, { timeout: 60_000 });
  await page.waitForTimeout(600); // the last frame drawn
  await mkdir(path.dirname(out), { recursive: true });
  // The page from its top (the panels' titles below the top bar), clipped to the two panels.
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('.panel-grid').boundingBox();
  await page.screenshot({ path: out, type: 'jpeg', quality: 90, fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
  console.log(`wrote ${path.relative(root, out)} (step ${STEPS})`);
} finally {
  await browser.close();
  await server.close();
}
