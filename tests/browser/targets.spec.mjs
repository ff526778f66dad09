// Browser tests of the target sources: the preset gallery, the brush and the formula editor.
// Small sizes (N = 60) so the software-only CI machine keeps up.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, openApp, pixelDiff, readIteration, sel, snapshotCanvas, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const N = 60;
const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** A target change restarts the session after a debounce: wait for it to be built. */
async function waitRestarted(page) {
  await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 5_000 }).catch(() => undefined);
  await waitReady(page);
  await waitIdle(page);
  await page.waitForTimeout(300); // the render loop draws the new heatmap
}

/** Distinct coarse colours and the spread of brightness of a canvas (blank canvases have 1 colour). */
async function canvasVariety(page, selector) {
  return page.evaluate((s) => {
    const c = document.querySelector(s);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4) colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
    return colours.size;
  }, selector);
}

/** Drag across the drawing canvas through the given points in [0, 1]^2 (fractions of its size). */
async function stroke(page, points, selector = '[data-testid="draw-canvas"]') {
  const box = await page.locator(selector).first().boundingBox();
  const at = ([u, v]) => [box.x + u * box.width, box.y + v * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (let k = 1; k < points.length; k++) await page.mouse.move(...at(points[k]), { steps: 8 });
  await page.mouse.up();
}

async function sessionError(page) {
  return (await page.locator(sel.error).count()) ? await page.textContent(sel.error) : null;
}

export async function galleryShowsEveryPresetAndRestartsOnPick({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  const thumbs = await page.locator('[data-testid^="gallery-thumb-"]').count();
  assert(thumbs === 13, `expected a thumbnail per preset (13), found ${thumbs}`);
  for (const name of ['u1', 'u3', 'banana', 'donut', 'funnel', 'squiggle', 'gmm-grid-4', 'gmm-ring-8', 'two-moons', 'gaussian', 'muller-brown']) {
    const colours = await canvasVariety(page, `[data-testid="gallery-thumb-${name}"]`);
    assert(colours >= 8, `the ${name} thumbnail looks blank (${colours} colours)`);
  }
  assert((await page.locator('[data-testid="gallery-draw"]').count()) === 1, 'no Draw… entry');
  assert((await page.locator('[data-testid="gallery-formula"]').count()) === 1, 'no Formula… entry');
  await page.click('[data-testid="gallery-u3"]');
  await waitRestarted(page);
  assert((await page.locator('[data-testid="confine"]').count()) === 1, 'u3 should offer the confinement toggle');
  await snapshotCanvas(page, 'u3');
  await page.click('[data-testid="gallery-gmm-ring-8"]');
  await waitRestarted(page);
  assert((await page.getAttribute('[data-testid="gallery-gmm-ring-8"]', 'aria-pressed')) === 'true', 'gmm-ring-8 is not marked as picked');
  assert((await page.locator('[data-testid="confine"]').count()) === 0, 'a proper preset shows the confinement toggle');
  const details = (await page.textContent('[data-testid="preset-details"]')) ?? '';
  assert(/GMM ring/.test(details) && /\[-6, 6\]/.test(details), `the picked preset's doc and box are not shown: '${details}'`);
  await snapshotCanvas(page, 'ring');
  const changed = await pixelDiff(page, 'u3', 'ring');
  assert(changed > 1000, `the panel did not switch to the ring's density (${changed} pixels changed)`);
  await page.click(sel.step);
  await waitForIteration(page, 1);
  assert((await sessionError(page)) === null, `session error: ${await sessionError(page)}`);
  await page.screenshot({ path: path.join(artifacts, 'gallery.png') });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function drawnStrokesBecomeTheTarget({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  await page.click('[data-testid="gallery-draw"]');
  await page.waitForSelector('[data-testid="draw-canvas"]');
  const empty = (await page.textContent('[data-testid="draw-problem"]')) ?? '';
  assert(/draw some mass first/.test(empty), `an empty drawing should ask for mass: '${empty}'`);
  await snapshotCanvas(page, 'before');

  await page.fill('[data-testid="brush-size"]', '0.08');
  await stroke(page, [[0.2, 0.3], [0.5, 0.2], [0.8, 0.35]]);
  await page.waitForTimeout(100);
  await snapshotCanvas(page, 'one', '[data-testid="draw-canvas"]');
  await stroke(page, [[0.25, 0.75], [0.5, 0.6], [0.75, 0.8]]);
  await page.waitForTimeout(100);
  await snapshotCanvas(page, 'two', '[data-testid="draw-canvas"]');
  const count = (await page.textContent('[data-testid="draw-count"]')) ?? '';
  assert(/^2 strokes/.test(count), `expected 2 strokes, the editor says '${count}'`);
  assert((await pixelDiff(page, 'one', 'two')) > 200, 'the preview did not change with the second stroke');
  assert((await page.locator('[data-testid="draw-problem"]').count()) === 0, 'a drawing with mass still reports a problem');
  await waitRestarted(page);
  await snapshotCanvas(page, 'drawn');
  assert((await pixelDiff(page, 'before', 'drawn')) > 1000, 'the panel does not show the drawn density');
  // The drawing is in the link (a compressed d= payload), written by the debounced replaceState.
  await page.waitForFunction(() => new URLSearchParams(location.search).has('d'), null, { timeout: 5_000 });
  const linkTwo = await page.evaluate(() => new URLSearchParams(location.search).get('d'));

  await page.click(sel.step);
  await waitForIteration(page, 1);
  await waitIdle(page);
  await page.waitForTimeout(300);
  await snapshotCanvas(page, 'stepped');
  assert((await pixelDiff(page, 'drawn', 'stepped')) > 20, 'the particles did not move after Step');
  assert((await page.locator('[data-testid^="panel-error-"][data-severity="error"]').count()) === 0, 'the panel is in error on the drawn target');
  assert((await sessionError(page)) === null, `session error: ${await sessionError(page)}`);
  await page.screenshot({ path: path.join(artifacts, 'draw.png') });

  // Undo removes the last stroke: the preview is the one-stroke picture again.
  await page.click('[data-testid="draw-undo"]');
  await page.waitForTimeout(100);
  await snapshotCanvas(page, 'undone', '[data-testid="draw-canvas"]');
  const back = await pixelDiff(page, 'one', 'undone');
  assert(back === 0, `after undo the preview differs from the one-stroke drawing in ${back} pixels`);
  assert(/^1 strokes?/.test((await page.textContent('[data-testid="draw-count"]')) ?? ''), 'undo did not remove a stroke');
  await waitRestarted(page);
  await page.waitForFunction((d) => new URLSearchParams(location.search).get('d') !== d, linkTwo, { timeout: 5_000 });
  assert((await sessionError(page)) === null, `session error after undo: ${await sessionError(page)}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function formulaErrorsAreShownAndValidFormulasRun({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  await page.click('[data-testid="gallery-formula"]');
  await page.waitForSelector('[data-testid="formula-input"]');
  await waitRestarted(page); // the default formula runs

  // A typo: the span is underlined and the message names the column; the app keeps running.
  await page.fill('[data-testid="formula-input"]', 'sinn(x) + y^2');
  const span = await page.waitForSelector('[data-testid="formula-error-span"]', { timeout: 5_000 });
  assert((await span.getAttribute('data-column')) === '1', `underline starts at column ${await span.getAttribute('data-column')}`);
  assert((await span.textContent()) === 'sinn', `underlined '${await span.textContent()}', not 'sinn'`);
  const message = (await page.textContent('[data-testid="formula-error"]')) ?? '';
  assert(/sinn/.test(message) && /column 1/.test(message), `the message should name the function and column: '${message}'`);
  await page.screenshot({ path: path.join(artifacts, 'formula.png') });
  const before = await readIteration(page);
  await page.click(sel.step);
  await waitForIteration(page, before + 1);
  assert((await sessionError(page)) === null, `a formula typo broke the session: ${await sessionError(page)}`);

  // A valid formula restarts the session on it and runs.
  await page.fill('[data-testid="formula-input"]', '0.5*(x^2+y^2)');
  await page.waitForFunction(() => document.querySelector('[data-testid="formula-status"]')?.textContent === 'Running on this formula.', null, { timeout: 5_000 });
  await waitRestarted(page);
  await waitForIteration(page, 0);
  for (let k = 1; k <= 5; k++) {
    await page.click(sel.step);
    await waitForIteration(page, k);
    await waitIdle(page);
  }
  assert((await sessionError(page)) === null, `session error on a valid formula: ${await sessionError(page)}`);
  assert((await page.locator('[data-testid^="panel-error-"][data-severity="error"]').count()) === 0, 'the panel is in error on 0.5*(x^2+y^2)');

  // Not finite on the box: reported, not run (no restart: the counter stays).
  await page.fill('[data-testid="formula-input"]', 'log(x)');
  const nonFinite = await page.waitForSelector('[data-testid="formula-error"]', { timeout: 5_000 });
  const text = (await nonFinite.textContent()) ?? '';
  assert(/not finite/.test(text), `a non-finite formula should be reported: '${text}'`);
  await page.waitForTimeout(800);
  assert((await readIteration(page)) === 5, 'the session restarted on a formula that is not finite');
  assert((await sessionError(page)) === null, `session error: ${await sessionError(page)}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function paintingOnThePlotDrawsTheTarget({ page, baseUrl, errors }) {
  await openApp(page, baseUrl, { n: N });
  await page.click('[data-testid="gallery-draw"]');
  await page.waitForSelector('[data-testid="draw-canvas"]');
  await page.fill('[data-testid="brush-size"]', '0.08');
  // Paint straight on the panel's plot, not on the editor's surface.
  await stroke(page, [[0.2, 0.5], [0.5, 0.3], [0.8, 0.5]], '[data-testid="panel-canvas"]');
  await page.waitForTimeout(100);
  const count = (await page.textContent('[data-testid="draw-count"]')) ?? '';
  assert(/^1 strokes?/.test(count), `a stroke on the plot should be a stroke of the drawing: '${count}'`);
  await waitRestarted(page);
  await snapshotCanvas(page, 'painted');
  await stroke(page, [[0.3, 0.8], [0.7, 0.8]], '[data-testid="panel-canvas"]');
  await page.waitForTimeout(100);
  assert(/^2 strokes/.test((await page.textContent('[data-testid="draw-count"]')) ?? ''), 'the second stroke on the plot was not recorded');
  await waitRestarted(page);
  await page.waitForTimeout(300);
  await snapshotCanvas(page, 'painted2');
  assert((await pixelDiff(page, 'painted', 'painted2')) > 500, 'the plot does not show the second stroke');
  await page.click(sel.step);
  await waitForIteration(page, 1);
  assert((await sessionError(page)) === null, `session error: ${await sessionError(page)}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
