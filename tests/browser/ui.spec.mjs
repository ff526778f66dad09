// Browser tests of the playground UI: several panels, keyboard shortcuts, per-panel restarts and
// errors. Sizes stay small (N = 60) so the software-only CI machine keeps up.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, openApp, readIteration, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const N = 60;
const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

const panelSel = (i) => `[data-testid="panel-${i}"]`;
const panelIteration = async (page, i) => Number(await page.textContent(`[data-testid="panel-iteration-${i}"]`));
const isPlaying = async (page) => (await page.getAttribute(sel.play, 'aria-pressed')) === 'true';
const blur = (page) => page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());

/** Open the app with N particles and the given samplers, one panel each, and wait for the session. */
async function openWithPanels(page, baseUrl, samplers) {
  await openApp(page, baseUrl, { n: N });
  for (let i = 1; i < samplers.length; i++) await page.click('[data-testid="add-panel"]');
  for (let i = 0; i < samplers.length; i++) await page.selectOption(`[data-testid="panel-sampler-${i}"]`, samplers[i]);
  await page.waitForSelector(panelSel(samplers.length - 1));
  await page.waitForTimeout(400); // the restart is debounced
  await waitReady(page);
  await waitForIteration(page, 0);
  await blur(page);
}

/** Particle-coloured (near-white) pixels on panel i's canvas. */
async function whitePixels(page, i) {
  return page.evaluate((k) => {
    const c = document.querySelector(`[data-testid="panel-canvas"][data-panel="${k}"]`);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let white = 0;
    for (let p = 0; p < d.length; p += 4) if (d[p] > 235 && d[p + 1] > 235 && d[p + 2] > 235) white++;
    return white;
  }, i);
}

async function waitIterationAtLeast(page, value, timeout = 60_000) {
  await page.waitForFunction(([s, v]) => Number(document.querySelector(s)?.dataset.max) >= v, [sel.iteration, value], { timeout });
}

/** Error banners (a stopped panel or broken particles); warnings such as a Sinkhorn at its iteration cap are not counted. */
async function panelErrors(page) {
  return page.locator('[data-testid^="panel-error-"][data-severity="error"]').allTextContents();
}

export async function threePanelsRunSideBySide({ page, baseUrl, errors }) {
  await openWithPanels(page, baseUrl, ['etd-b', 'svgd', 'sgld']);
  const titles = await page.locator('.panel-header > h2').allTextContents();
  assert(titles.length === 3, `expected 3 panels, found ${titles.length}`);
  assert(/ETD-B/.test(titles[0]) && /SVGD/.test(titles[1]) && /SGLD/.test(titles[2]), `unexpected panel titles: ${titles.join(' | ')}`);
  await page.click(sel.play);
  // Every panel runs in its own worker at its own pace: each must get going, none waits for the others.
  await page
    .waitForFunction(() => [0, 1, 2].every((i) => Number(document.querySelector(`[data-testid="panel-iteration-${i}"]`)?.textContent) >= 20), null, { timeout: 60_000 })
    .catch(async () => {
      const its = await Promise.all([0, 1, 2].map((i) => panelIteration(page, i)));
      throw new Error(`a panel is not running: iterations ${its.join(', ')}`);
    });
  await page.waitForTimeout(300);
  for (let i = 0; i < 3; i++) {
    const white = await whitePixels(page, i);
    assert(white >= 60, `panel ${i + 1}'s canvas shows too few particle pixels: ${white}`);
  }
  await page.screenshot({ path: path.join(artifacts, 'ui-running.png') });
  const shown = await panelErrors(page);
  assert(shown.length === 0, `panel errors shown: ${shown.join(' | ')}`);
  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function keyboardShortcutsWork({ page, baseUrl, errors }) {
  await openWithPanels(page, baseUrl, ['svgd', 'sgld', 'ula', 'mala']);

  // space: play, then pause
  await page.keyboard.press(' ');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'true', sel.play);
  await waitIterationAtLeast(page, 3);
  await page.keyboard.press(' ');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'false', sel.play);
  await waitIdle(page);
  await page.waitForTimeout(300);

  // s: exactly one step
  const before = await readIteration(page);
  await page.keyboard.press('s');
  await waitForIteration(page, before + 1);
  await waitIdle(page);
  await page.waitForTimeout(300);
  assert((await readIteration(page)) === before + 1, 's should step exactly once');

  // r: back to 0
  await page.keyboard.press('r');
  await waitForIteration(page, 0);

  // f: fast-forward on (the counter still moves), off again (still playing), space pauses
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.querySelector('[data-testid="fast-forward"]')?.getAttribute('aria-pressed') === 'true');
  assert(await isPlaying(page), 'fast-forward should run');
  await waitIterationAtLeast(page, 1, 10_000);
  const a = await readIteration(page);
  await page.waitForTimeout(1200);
  const b = await readIteration(page);
  assert(b > a, `the counter did not advance while fast-forwarding (${a} -> ${b})`);
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.querySelector('[data-testid="fast-forward"]')?.getAttribute('aria-pressed') === 'false');
  assert(await isPlaying(page), 'turning fast-forward off should keep playing at the chosen speed');
  await page.keyboard.press(' ');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'false', sel.play);

  // 1-4: focus a control inside that panel
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press(String(i + 1));
    const inside = await page.evaluate((s) => !!document.querySelector(s)?.contains(document.activeElement), panelSel(i));
    assert(inside, `key ${i + 1} did not focus panel ${i + 1}`);
  }

  // ?: the dialog lists the shortcuts; Esc closes it
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid="shortcuts-dialog"][open]', { timeout: 5_000 });
  const text = (await page.textContent('[data-testid="shortcuts-dialog"]')) ?? '';
  for (const word of ['Space', 'Play', 'step', 'Reset', 'Fast-forward', 'panel']) assert(text.includes(word), `the dialog does not mention '${word}'`);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="shortcuts-dialog"]')?.hasAttribute('open'));

  // typing in a field is not a shortcut
  await waitIdle(page);
  const typedBefore = await readIteration(page);
  await page.focus(sel.n);
  await page.keyboard.press('s');
  await page.keyboard.press(' ');
  await page.waitForTimeout(500);
  assert((await readIteration(page)) === typedBefore && !(await isPlaying(page)), 'keys typed into a field acted as shortcuts');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function changingEpsRestartsOnlyThatPanel({ page, baseUrl, errors }) {
  await openWithPanels(page, baseUrl, ['etd-b', 'svgd', 'sgld']);
  await page.click(sel.play);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="panel-iteration-0"]')?.textContent) >= 30, null, { timeout: 60_000 });
  await page.click('[data-testid="panel-params-toggle-0"]');
  await page.fill('[data-testid="param-0-eps"]', '0.05');
  await page.waitForFunction(
    () => {
      const it = (i) => Number(document.querySelector(`[data-testid="panel-iteration-${i}"]`)?.textContent);
      return it(0) < it(1) - 20;
    },
    null,
    { timeout: 20_000 },
  );
  const p0 = await panelIteration(page, 0);
  const others = [await panelIteration(page, 1), await panelIteration(page, 2)];
  assert(others.every((k) => k >= 30), `the other panels restarted too: ${others.join(', ')}`);
  await page.waitForTimeout(1000);
  const later = [await panelIteration(page, 0), await panelIteration(page, 1), await panelIteration(page, 2)];
  assert(later[1] > others[0] && later[2] > others[1], 'the other panels stopped');
  assert(later[0] > p0 || later[0] >= 0, 'panel 1 did not keep running');
  assert((await page.inputValue('[data-testid="param-0-eps"]')) === '0.05', 'the eps field lost the value');
  await page.click(sel.play);
  const shown = await panelErrors(page);
  assert(shown.length === 0, `panel errors shown: ${shown.join(' | ')}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function blownUpPanelShowsItsErrorOthersKeepRunning({ page, baseUrl, errors }) {
  await openWithPanels(page, baseUrl, ['svgd', 'sgld', 'ula']);
  // SGLD with a huge first step and no score clipping diverges on U1 within a few steps.
  await page.click('[data-testid="panel-params-toggle-1"]');
  await page.fill('[data-testid="param-1-clip"]', '1000000');
  await page.fill('[data-testid="param-1-e0"]', '10');
  await page.click('[data-testid="panel-params-toggle-1"]');
  await page.waitForTimeout(500);
  await page.click(sel.play);
  const banner = await page.waitForSelector('[data-testid="panel-error-1"]', { timeout: 30_000 });
  assert((await banner.getAttribute('role')) === 'alert', 'the panel error should have role="alert"');
  const message = (await banner.textContent()) ?? '';
  assert(/NaN|infinite|escaped/i.test(message), `the banner should say what went wrong: '${message}'`);
  const a = [await panelIteration(page, 0), await panelIteration(page, 2)];
  await page.waitForTimeout(1500);
  const b = [await panelIteration(page, 0), await panelIteration(page, 2)];
  assert(b[0] > a[0] && b[1] > a[1], `the healthy panels stopped: ${a.join(',')} -> ${b.join(',')}`);
  assert((await page.locator('[data-testid="panel-error-0"], [data-testid="panel-error-2"]').count()) === 0, 'a healthy panel shows an error or warning');
  assert(await isPlaying(page), 'the run stopped because one panel failed');
  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
