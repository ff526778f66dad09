// Browser tests: serve dist/ on 127.0.0.1, drive the system Chromium, run tests/browser/*.spec.mjs.
// Usage: npm run test:browser            (builds first)
//        node tests/browser/run.mjs [name-filter]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';
import { collectTests, runTests } from './lib/runner.mjs';
import { startServer } from './lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// BROWSER_DIST: another build directory (parallel work on one machine).
const dist = process.env.BROWSER_DIST ? path.resolve(process.env.BROWSER_DIST) : path.join(root, 'dist');

async function main() {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `vite build` first (npm run test:browser does)');
  }
  const tests = await collectTests(here, process.argv[2]);
  if (tests.length === 0) throw new Error('no browser tests found');
  const server = await startServer(dist);
  const browser = await launchChromium();
  let result;
  try {
    result = await runTests(tests, { browser, baseUrl: server.url, artifactsDir: process.env.BROWSER_ARTIFACTS ? path.resolve(process.env.BROWSER_ARTIFACTS) : path.join(root, 'test-artifacts') });
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`browser tests could not run: ${e instanceof Error ? e.message : e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
