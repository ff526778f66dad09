// Browser tests of the first page: load, step, play/pause, error display. Sizes stay small (N = 100).
import {
  assert,
  canvasStats,
  openApp,
  pixelDiff,
  readIteration,
  sel,
  snapshotCanvas,
  waitForIteration,
  waitIdle,
  waitReady,
} from '../../src/bench/appPage.mjs';

const N = 100;

export async function loadsWithoutErrors({ page, baseUrl, errors }) {
  await openApp(page, baseUrl);
  await page.waitForTimeout(1000);
  assert((await page.title()) === 'ETD Playground', `unexpected title '${await page.title()}'`);
  const shown = await page.locator(sel.error).allTextContents();
  assert(shown.length === 0, `error shown: ${shown.join(' | ')}`);
  await snapshotCanvas(page, 'loaded');
  const stats = await canvasStats(page, 'loaded');
  assert(stats.colours >= 8, `the heatmap looks flat (${stats.colours} distinct colours)`);
  assert(stats.white > 0, 'no particles drawn at iteration 0');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function stepFiveTimesMovesParticles({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  assert((await readIteration(page)) === 0, 'iteration should start at 0');
  await snapshotCanvas(page, 'before');
  for (let k = 0; k < 5; k++) await page.click(sel.step);
  await waitForIteration(page, 5);
  await waitIdle(page);
  await page.waitForTimeout(200); // one more animation frame
  await snapshotCanvas(page, 'after');
  const stats = await canvasStats(page, 'after');
  const changed = await pixelDiff(page, 'before', 'after');
  assert(stats.white >= 50, `too few particle-coloured pixels after stepping: ${stats.white}`);
  assert(changed > 100, `the picture barely changed after 5 steps (${changed} pixels)`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function playThenPauseStops({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  await page.click(sel.play);
  assert((await page.textContent(sel.play))?.trim() === 'Pause', 'the play button should read Pause while playing');
  await page.waitForTimeout(2000);
  await page.click(sel.play);
  assert((await page.textContent(sel.play))?.trim() === 'Play', 'the play button should read Play after pausing');
  await waitIdle(page);
  await page.waitForTimeout(300);
  const paused = await readIteration(page);
  assert(paused > 0, 'no iteration happened while playing');
  await page.waitForTimeout(1500);
  const later = await readIteration(page);
  assert(later === paused, `iteration kept moving after pause: ${paused} -> ${later}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function invalidInputsNeverStopTheRun({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  await page.click(sel.play);
  await page.waitForFunction((s) => Number(document.querySelector(s)?.dataset.max) >= 3, sel.iteration, { timeout: 30_000 });
  const typeInto = async (testId, text) => {
    await page.click(`[data-testid="${testId}"]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text, { delay: 30 });
  };
  // Spread through 0, -1 and letters, N through 0 and 1e9: an inline message each time, the run goes on.
  for (const [field, text, named] of [['spread', '0', /spread/], ['spread', '-1', /spread/], ['spread', 'abc', /spread/], ['n', '0', /\bn\b/], ['n', '1e9', /\bn\b/]]) {
    const before = await readIteration(page);
    await typeInto(field, text);
    const shown = await page.textContent(`[data-testid="${field}-error"]`, { timeout: 5_000 });
    assert(named.test(shown ?? ''), `typing '${text}' into ${field}: the inline message should name it: '${shown}'`);
    await page.waitForTimeout(1200); // longer than the commit pause: an invalid value must still not be sent
    assert((await page.locator(sel.error).count()) === 0, `typing '${text}' into ${field} failed a panel`);
    assert((await page.textContent(sel.play))?.trim() === 'Pause', `typing '${text}' into ${field} paused the run`);
    const after = await readIteration(page);
    assert(after > before, `the run stopped while ${field} read '${text}' (${before} -> ${after})`);
    if (field === 'spread' && text === 'abc') {
      await typeInto('spread', '0.5');
      await page.waitForSelector('[data-testid="spread-error"]', { state: 'detached', timeout: 5_000 });
      await page.press('[data-testid="spread"]', 'Enter');
      await waitReady(page);
      await page.waitForTimeout(1500);
      assert((await page.textContent(sel.play))?.trim() === 'Pause', 'committing a valid spread paused the run');
    }
  }
  await typeInto('n', '60');
  await page.press(sel.n, 'Enter');
  await page.waitForTimeout(1500);
  await waitReady(page);
  assert((await page.locator('[data-testid="n-error"]').count()) === 0, 'the N message stayed after a valid value');
  const running = await readIteration(page);
  await page.waitForTimeout(1000);
  assert((await readIteration(page)) > running, 'the run did not go on after a valid N');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
