// A tiny test runner: every `export async function name(ctx)` in tests/browser/*.spec.mjs is
// a test, run one after another in declaration order, each in a fresh 1280x720 page.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TEST_TIMEOUT_MS = 180_000;

/** [{ name, file, fn }] in file order, then declaration order. */
export async function collectTests(dir, filter) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.spec.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const full = path.join(dir, file);
    const mod = await import(pathToFileURL(full).href);
    const source = await readFile(full, 'utf8');
    const names = [...source.matchAll(/^export\s+async\s+function\s+([A-Za-z0-9_$]+)/gm)].map((m) => m[1]);
    for (const name of names) {
      if (typeof mod[name] !== 'function') continue;
      if (filter && !`${file} ${name}`.toLowerCase().includes(filter.toLowerCase())) continue; // a file's or a test's name
      tests.push({ name, file, fn: mod[name] });
    }
  }
  return tests;
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Run tests sequentially; returns { passed, failed }. */
export async function runTests(tests, { browser, baseUrl, artifactsDir }) {
  await mkdir(artifactsDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    /** Console errors and uncaught page errors seen during the test, as strings. */
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('crash', () => errors.push('page crashed'));
    const started = Date.now();
    try {
      await withTimeout(test.fn({ page, baseUrl, errors }), TEST_TIMEOUT_MS);
      passed++;
      console.log(`✓ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      console.log(`✗ ${test.name}: ${message}`);
      if (errors.length) console.log(`    seen on the page:\n      ${errors.join('\n      ')}`);
    } finally {
      await page
        .screenshot({ path: path.join(artifactsDir, `${test.name}.png`) })
        .catch((e) => console.log(`    (no screenshot: ${e.message.split('\n')[0]})`));
      await context.close().catch(() => undefined);
    }
  }
  return { passed, failed };
}
