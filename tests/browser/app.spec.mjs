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
} from './lib/app.mjs';

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

export async function invalidNShowsErrorAndRecovers({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  await page.fill(sel.n, '0');
  await page.waitForSelector(sel.error, { timeout: 30_000 });
  const message = (await page.textContent(sel.error)) ?? '';
  assert(/\bn\b/i.test(message) && /0/.test(message), `the message should name n and the bad value: '${message}'`);
  assert((await page.getAttribute(sel.error, 'role')) === 'alert', 'the error element should have role="alert"');
  assert(await page.isVisible(sel.canvas), 'the panel canvas disappeared');

  await page.fill(sel.n, String(N));
  await waitReady(page);
  assert((await page.locator(sel.error).count()) === 0, 'the error stayed after fixing N');
  await page.click(sel.step);
  await waitForIteration(page, 1);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
