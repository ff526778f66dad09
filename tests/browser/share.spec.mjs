// Browser tests of sharing: the experiment in the URL (replaceState, no history growth), the same
// run from a copied link, named presets, hostile links, classroom / embed mode. N = 60 where the
// test chooses N; the presets choose their own N.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const N = 60;
/** The app's address without a trailing query (baseUrl may or may not end with '/'). */
const link = (baseUrl) => (baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** A hash of panel i's canvas pixels: equal hashes mean the same particles and trails were drawn. */
async function canvasHash(page, i) {
  return page.evaluate((k) => {
    const c = document.querySelector(`[data-testid="panel-canvas"][data-panel="${k}"]`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let p = 0; p < d.length; p++) h = Math.imul(h ^ d[p], 16777619);
    return `${c.width}x${c.height}:${(h >>> 0).toString(16)}`;
  }, i);
}

/** Step every panel k times from iteration 0 and wait until the result is drawn. */
async function stepTimes(page, k) {
  for (let i = 0; i < k; i++) await page.click(sel.step);
  await waitForIteration(page, k, 90_000);
  await waitIdle(page);
  await page.waitForTimeout(400);
}

const panelErrors = (page) => page.locator('[data-testid^="panel-error-"][data-severity="error"]').allTextContents();
const samplersShown = (page) => page.locator('[data-testid^="panel-sampler-"]').evaluateAll((els) => els.map((e) => e.value));

/** Wait for a rebuilt session after a change (the restart is debounced). */
async function waitRestarted(page) {
  await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 3_000 }).catch(() => undefined);
  await waitReady(page);
  await waitIdle(page);
}

export async function linkReopensTheSameExperiment({ page, baseUrl, errors }) {
  await page.goto(baseUrl);
  await waitReady(page);
  const historyBefore = await page.evaluate(() => history.length);
  await page.fill(sel.n, String(N));
  await page.click('[data-testid="add-panel"]');
  await page.selectOption('[data-testid="panel-sampler-1"]', 'svgd');
  await page.click('[data-testid="panel-params-toggle-0"]');
  await page.fill('[data-testid="param-0-eps"]', '0.05');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => location.search.includes('p1.eps=0.05') && location.search.includes('n=60') && location.search.includes('p=etd-b,svgd'), null, {
    timeout: 10_000,
  });
  await waitRestarted(page);
  const historyAfter = await page.evaluate(() => history.length);
  assert(historyAfter === historyBefore, `history grew while changing settings: ${historyBefore} -> ${historyAfter}`);
  const href = page.url();
  assert(/[?&]v=1&/.test(href), `no version in ${href}`);

  await page.click('[data-testid="panel-params-toggle-0"]'); // close the sheet so both pages draw the same
  await stepTimes(page, 20);
  const first = [await canvasHash(page, 0), await canvasHash(page, 1)];

  const fresh = await page.context().newPage();
  const freshErrors = [];
  fresh.on('console', (m) => m.type() === 'error' && freshErrors.push(m.text()));
  try {
    await fresh.goto(href);
    await waitReady(fresh);
    await waitIdle(fresh);
    assert((await fresh.inputValue(sel.n)) === String(N), `N in the reopened page: ${await fresh.inputValue(sel.n)}`);
    const samplers = await samplersShown(fresh);
    assert(samplers.join(',') === 'etd-b,svgd', `samplers in the reopened page: ${samplers.join(',')}`);
    await fresh.click('[data-testid="panel-params-toggle-0"]');
    const eps = await fresh.inputValue('[data-testid="param-0-eps"]');
    assert(Number(eps) === 0.05, `eps in the reopened page: ${eps}`);
    await fresh.click('[data-testid="panel-params-toggle-0"]');
    assert((await fresh.locator('[data-testid="url-notices"]').count()) === 0, 'a clean link showed notices');
    await fresh.waitForTimeout(300);
    await stepTimes(fresh, 20);
    const second = [await canvasHash(fresh, 0), await canvasHash(fresh, 1)];
    assert(first[0] === second[0] && first[1] === second[1], `after 20 steps the panels differ: ${first.join(' ')} vs ${second.join(' ')}`);
    assert(freshErrors.length === 0, `console errors in the reopened page:\n${freshErrors.join('\n')}`);
  } finally {
    await fresh.close();
  }

  // Copy link: the clipboard, or the popover with the link selected; either way this page's link.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  await page.click('[data-testid="share-menu"]');
  await page.click('[data-testid="share"]');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="share-status"]')?.textContent === 'Link copied' || !!document.querySelector('[data-testid="share-link"]'),
    null,
    { timeout: 5_000 },
  );
  const copied = (await page.locator('[data-testid="share-link"]').count())
    ? await page.inputValue('[data-testid="share-link"]')
    : await page.evaluate(() => navigator.clipboard.readText());
  assert(copied === page.url(), `copied ${copied}, the page is at ${page.url()}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function everyNamedPresetOpensAndRuns({ page, baseUrl, errors }) {
  await page.goto(`${link(baseUrl)}?v=1&n=${N}`);
  await waitReady(page);
  await page.click('[data-testid="presets-button"]');
  await page.waitForSelector('[data-testid="presets-menu"]');
  await page.screenshot({ path: path.join(artifacts, 'presets.png') });
  const ids = await page.locator('[data-testid^="named-preset-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.slice('named-preset-'.length)));
  assert(ids.length >= 8, `only ${ids.length} presets`);
  for (const must of ['u3-paper', 'ring-collapse', 'score-free-vs-guided', 'couplings', 'barycentric-vs-categorical', 'mala-acceptance', 'epsilon', 'drawn-smile'])
    assert(ids.includes(must), `preset ${must} is missing`);
  await page.keyboard.press('Escape');
  for (const id of ids) {
    await page.click('[data-testid="presets-button"]');
    await page.click(`[data-testid="named-preset-${id}"]`);
    await page.waitForTimeout(400);
    await waitRestarted(page);
    const n = Number(await page.inputValue(sel.n));
    assert(n > 0, `preset ${id}: no N`);
    // Every preset must open and step without errors or notices (each one's numbers are checked by
    // its own test); the authors' set-ups are large (up to six panels in d = 60), and their runner
    // configs run in tests/engine/configs.test.ts.
    await stepTimes(page, id.startsWith('authors-') ? 3 : 8);
    const shown = await panelErrors(page);
    assert(shown.length === 0, `preset ${id}: panel errors: ${shown.join(' | ')}`);
    assert((await page.locator('[data-testid="url-notices"]').count()) === 0, `preset ${id} produced notices`);
    const sessionErrors = await page.locator(sel.error).allTextContents();
    assert(sessionErrors.length === 0, `preset ${id}: session error ${sessionErrors.join(' | ')}`);
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function hostileLinksGiveNoticesAndAWorkingApp({ page, baseUrl, errors }) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // A 1 MB link: the test server (like most) refuses request lines that long, so the page itself
  // is served for it and the app reads the whole link from location.
  const index = await (await fetch(link(baseUrl))).text();
  await page.route((url) => url.search.length > 4096, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: index }));
  const junk = 'A'.repeat(1024 * 1024);
  await page.goto(`${link(baseUrl)}?v=1&n=1e308&f=<script>alert(1)</script>&p=etd-b,nope&d=${junk}`);
  await waitReady(page);
  await page.waitForSelector('[data-testid="url-notices"]');
  const big = await page.textContent('[data-testid="url-notices"]');
  assert(/refused \(longer than 64 KB\)/.test(big), `notices: ${big}`);
  assert(page.url().length < 200, `the refused link is still in the address bar (${page.url().length} characters)`);

  await page.goto(`${link(baseUrl)}?v=1&n=1e308&f=<script>alert(1)</script>&p=etd-b,nope&d=junk&__proto__[x]=1`);
  await waitReady(page);
  await page.waitForSelector('[data-testid="url-notices"]');
  let text = await page.textContent('[data-testid="url-notices"]');
  for (const expected of ['n=1e308 clamped to 5000', "unknown sampler 'nope' in p: panel removed", 'drawing in d malformed', "unknown key '__proto__[x]' ignored"])
    assert(text.includes(expected), `missing notice '${expected}' in: ${text}`);
  await page.screenshot({ path: path.join(artifacts, 'share-notices.png') });
  await page.click('[data-testid="dismiss-notices"]');
  assert((await page.locator('[data-testid="url-notices"]').count()) === 0, 'the notices were not dismissed');

  // Without a drawing the formula is read: kept as text, refused by the parser, the default target runs.
  await page.goto(`${link(baseUrl)}?v=1&n=${N}&f=<script>alert(1)</script>&p=etd-b,nope`);
  await waitReady(page);
  text = await page.textContent('[data-testid="url-notices"]');
  assert(/formula not run: .*column 1/.test(text), `no formula notice in: ${text}`);
  await stepTimes(page, 3);
  assert((await panelErrors(page)).length === 0, 'a panel failed after a hostile link');
  assert((await page.locator(sel.error).count()) === 0, 'session error after a hostile link');
  assert(dialogs.length === 0, `dialogs opened: ${dialogs.join(' | ')}`);
  assert(!(await page.evaluate(() => '__pwned' in window || Object.prototype.hasOwnProperty.call(Object.prototype, 'x'))), 'prototype polluted');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function classroomAndEmbedModes({ page, baseUrl, errors }) {
  await page.goto(`${link(baseUrl)}?v=1&n=${N}&p=etd-b,svgd&ui=classroom&hide=side,params`);
  await waitReady(page);
  assert((await page.locator('.sidepanel').count()) === 0, 'classroom mode shows the side panel');
  assert((await page.locator('[data-testid^="panel-params-toggle-"]').count()) === 0, 'classroom mode shows the Parameters buttons');
  assert((await page.locator(sel.step).count()) === 1, 'classroom mode hid the step button');
  await stepTimes(page, 3);
  await page.screenshot({ path: path.join(artifacts, 'share-classroom.png') });
  await page.click('[data-testid="leave-view-mode"]');
  await page.waitForSelector('.sidepanel');
  await page.waitForFunction(() => !location.search.includes('ui='), null, { timeout: 5_000 });

  await page.goto(`${link(baseUrl)}?v=1&n=${N}&p=svgd&ui=embed`);
  await waitReady(page);
  assert((await page.locator('.sidepanel').count()) === 0, 'embed mode shows the side panel');
  assert((await page.locator(sel.step).count()) === 0, 'embed mode shows the step button');
  assert((await page.locator('[data-testid="share-menu"]').count()) === 0, 'embed mode shows sharing');
  await page.click(sel.play);
  await page.waitForFunction((s) => Number(document.querySelector(s)?.dataset.max) >= 3, sel.iteration, { timeout: 30_000 });
  await page.click(sel.play);
  // Embed's way out is a link to the same experiment in the full playground, in a new tab.
  const href = await page.getAttribute('[data-testid="leave-view-mode"]', 'href');
  assert(href.includes('p=svgd') && !href.includes('ui=embed'), `open-in-playground link: ${href}`);
  assert((await page.getAttribute('[data-testid="leave-view-mode"]', 'target')) === '_blank', 'the open-in-playground link does not open a new tab');
  const [full] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-testid="leave-view-mode"]')]);
  await full.waitForSelector('.sidepanel', { timeout: 30_000 });
  await full.close();
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
