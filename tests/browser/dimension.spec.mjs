// Browser tests of d-dimensional targets: the target's dimension from the link and the side
// panel, the axis pickers (a new pair redraws the plots without restarting the samplers) and the
// dimension sweep in its own worker (runs to the end at small sizes; Cancel terminates it).
import { readFile } from 'node:fs/promises';
import { assert, canvasStats, pixelDiff, readIteration, sel, snapshotCanvas, waitReady } from '../../src/bench/appPage.mjs';

const ND = 'v=1&t=iso-gaussian&dim=8&n=30&seed=1&p=svgd,ula&speed=60';
const axisName = (page, k) => page.locator('[data-testid="plot-axes-0"] .plot-axis-name').nth(k).textContent();

/** Wait until every panel's counter reads at least v. */
async function waitAllAt(page, v, timeout = 30_000) {
  await page.waitForFunction(
    (x) => [...document.querySelectorAll('[data-testid^="panel-iteration-"]')].every((e) => Number(e.textContent) >= x),
    v,
    { timeout },
  );
}

export async function dimensionFromTheLinkAndTheSidePanel({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?${ND}`);
  await waitReady(page);
  assert((await page.inputValue('[data-testid="dim"]')) === '8', 'the dimension field shows the link\'s dim');
  assert((await page.getAttribute('[data-testid="gallery-iso-gaussian"]', 'aria-pressed')) === 'true', 'the iso-gaussian tile is chosen');
  assert((await page.locator('[data-testid="axis-x"] option').count()) === 8, 'the axis pickers offer the 8 coordinates');
  assert((await axisName(page, 0)) === 'x1' && (await axisName(page, 1)) === 'x2', 'the plot names the drawn coordinates x1, x2');

  // A dimension out of range is refused as typed, without a restart; a good one restarts with it.
  await page.fill('[data-testid="dim"]', '1');
  await page.waitForSelector('[data-testid="dim-error"]', { timeout: 5_000 });
  const message = (await page.textContent('[data-testid="dim-error"]')) ?? '';
  assert(/^invalid dim: 1 \(must be an integer >= 2 and <= 100\)$/.test(message), `the dimension's message reads '${message}'`);
  assert((await page.locator(`${sel.panel}[data-status="ready"]`).count()) === 2, 'a bad dimension restarted the panels');
  await page.fill('[data-testid="dim"]', '5');
  await page.press('[data-testid="dim"]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="axis-x"] option').length === 5, null, { timeout: 10_000 });
  await waitReady(page);
  await page.waitForFunction(() => new URLSearchParams(location.search).get('dim') === '5', null, { timeout: 5_000 });

  // A link with a bad dim opens a working experiment and says what it changed.
  await page.goto(`${baseUrl}?v=1&t=gmm-d&dim=500&n=30&p=svgd`);
  await waitReady(page);
  const notices = (await page.textContent('[data-testid="url-notices"]')) ?? '';
  assert(notices.includes('dim=500 clamped to 100'), `the notice reads '${notices}'`);
  assert((await page.inputValue('[data-testid="dim"]')) === '100', 'the clamped dimension is shown');
  await page.click(sel.step);
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]')?.textContent === '1', null, { timeout: 30_000 });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function dimensionAxisPickersRedrawWithoutRestarting({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?${ND}`);
  await waitReady(page);
  await page.click(sel.play);
  await waitAllAt(page, 20);
  await page.click(sel.play); // pause: the counter must keep its value through the change
  await page.waitForFunction(() => document.querySelector('[data-testid="play"]')?.textContent?.includes('Play'), null, { timeout: 5_000 });
  await page.waitForTimeout(400);
  const before = await readIteration(page);
  await snapshotCanvas(page, 'x1x2');

  await page.selectOption('[data-testid="axis-x"]', '4');
  await page.waitForFunction(() => document.querySelector('[data-testid="plot-axes-0"] .plot-axis-name')?.textContent === 'x5', null, { timeout: 10_000 });
  await page.waitForTimeout(500); // the frame projected on the new pair
  assert((await readIteration(page)) === before, `changing the axes restarted the run: ${before} -> ${await readIteration(page)}`);
  assert((await page.locator(`${sel.panel}[data-status="ready"]`).count()) === 2, 'the panels were rebuilt');
  await snapshotCanvas(page, 'x5x2');
  const changed = await pixelDiff(page, 'x1x2', 'x5x2');
  const stats = await canvasStats(page, 'x5x2');
  assert(changed > 0.001 * stats.pixels, `the plot did not change with the axes (${changed} pixels)`);
  assert(stats.white > 20, `no particles drawn on the new pair (${stats.white} white pixels)`);

  // Picking the coordinate the other axis shows swaps the two; playing goes on from the same step.
  await page.selectOption('[data-testid="axis-y"]', '4');
  await page.waitForFunction(() => document.querySelector('[data-testid="axis-x"]')?.value === '1', null, { timeout: 5_000 });
  await page.click(sel.play);
  const seen = [];
  for (let k = 0; k < 8; k++) {
    seen.push(await readIteration(page));
    if (k === 3) await page.selectOption('[data-testid="axis-x"]', '7');
    await page.waitForTimeout(150);
  }
  assert(seen.every((v, k) => v >= before && (k === 0 || v >= seen[k - 1])), `the counter went back while the axes changed: ${before} -> ${seen.join(',')}`);
  assert(seen.at(-1) > before, `the run stopped: ${seen.join(',')}`);
  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

/** Set a number field and commit it at once. */
async function setField(page, testId, value) {
  await page.fill(`[data-testid="${testId}"]`, String(value));
  await page.press(`[data-testid="${testId}"]`, 'Enter');
}

export async function dimensionSweepRunsToTheEnd({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=gmm-d&dim=5&n=30&seed=1&p=svgd,ula,etd-b`);
  await waitReady(page);
  await setField(page, 'sweep-n', 20);
  await setField(page, 'sweep-steps', 20);
  assert((await page.inputValue('[data-testid="sweep-seeds"]')) === '3', 'the sweep does not run 3 seeds by default');
  await setField(page, 'sweep-seeds', 2);
  for (const d of [50, 100]) await page.uncheck(`[data-testid="sweep-dim-${d}"]`);
  await page.click('[data-testid="sweep-run"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="sweep-status"]')?.textContent?.startsWith('Done'), null, { timeout: 90_000 });
  const progress = await page.$eval('[data-testid="sweep-progress"]', (p) => [p.value, p.max]);
  assert(progress[0] === progress[1] && progress[1] === 4 * 3 * 2 * 20, `the progress bar ends at ${progress.join(' of ')}`);
  for (const metric of ['varRatioMean', 'modeCoverage', 'modeBalance']) {
    const chart = `[data-testid="sweep-chart-${metric}"]`;
    const lines = await page.$$eval(`${chart} path.sweep-line`, (ps) => ps.map((p) => [p.getAttribute('data-sampler'), (p.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean).length]));
    assert(JSON.stringify(lines) === JSON.stringify([['0', 4], ['1', 4], ['2', 4]]), `${metric}: one line of 4 dimensions per sampler expected, got ${JSON.stringify(lines)}`);
    assert((await page.locator(`${chart} path.sweep-band`).count()) === 3, `${metric}: no band of the seeds' range`);
    const cells = await page.$$eval(`${chart} circle`, (cs) => cs.map((c) => [Number(c.dataset.min), Number(c.dataset.mean), Number(c.dataset.max), Number(c.dataset.seeds)]));
    assert(cells.length === 12 && cells.every(([lo, m, hi, n]) => lo <= m && m <= hi && n === 2), `${metric}: cells ${JSON.stringify(cells)}`);
    const ticks = await page.$$eval(`${chart} .x-axis .tick text`, (ts) => ts.map((t) => t.textContent));
    assert(ticks.join(',') === '2,5,10,20', `${metric}: x ticks ${ticks.join(',')}`);
    // The chart says what a point is: the last fifth, the seeds, the band.
    const note = (await page.textContent(`[data-testid="sweep-note-${metric}"]`)) ?? '';
    assert(/steps 17–20 \(the last fifth, 4 evaluations\)/.test(note) && /mean over 2 seeds \(1, 2\)/.test(note) && /band/.test(note), `${metric}: note '${note}'`);
  }
  assert((await page.locator('[data-testid="sweep-failures"]').count()) === 0, 'a sweep run failed');
  // Exports: a CSV with its header first (one row per run) and a JSON with the summary.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="sweep-export-csv"]')]);
  const rows = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  assert(/^target,dim,panel,sampler,params,seed,n,steps,window_from,/.test(rows[0]) && rows.length === 1 + 4 * 3 * 2, `sweep CSV: ${rows.length} rows, header ${rows[0]}`);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="sweep-export-json"]')]);
  const doc = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert(doc.seeds.join(',') === '1,2' && doc.summary.varRatioMean.length === 3 && doc.evaluationSteps.join(',') === '17,18,19,20', `sweep JSON: ${JSON.stringify(doc).slice(0, 300)}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function dimensionSweepCancelTerminatesItsWorker({ page, baseUrl, errors }) {
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto(`${baseUrl}?v=1&t=iso-gaussian&dim=10&n=30&seed=1&p=svgd`);
  await waitReady(page);
  await setField(page, 'sweep-n', 400);
  await setField(page, 'sweep-steps', 5000); // minutes of work: only Cancel ends it
  await page.click('[data-testid="sweep-run"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sweep-progress"]')?.value) > 0, null, { timeout: 30_000 });
  const sweep = workers.find((w) => /sweep/.test(w.url()));
  assert(sweep, `no sweep worker among ${workers.map((w) => w.url()).join(', ')}`);
  const closed = new Promise((resolve) => sweep.once('close', resolve));
  const a = await page.$eval('[data-testid="sweep-progress"]', (p) => p.value);
  await page.waitForTimeout(400);
  const b = await page.$eval('[data-testid="sweep-progress"]', (p) => p.value);
  assert(b > a, `the sweep was not advancing before Cancel (${a} -> ${b})`);

  await page.click('[data-testid="sweep-cancel"]');
  await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the sweep worker was not terminated within 3 s')), 3_000))]);
  const c = await page.$eval('[data-testid="sweep-progress"]', (p) => p.value);
  await page.waitForTimeout(800);
  const d = await page.$eval('[data-testid="sweep-progress"]', (p) => p.value);
  assert(c === d, `progress went on after Cancel (${c} -> ${d})`);
  assert(((await page.textContent('[data-testid="sweep-status"]')) ?? '').startsWith('Cancelled'), 'the sweep does not say it was cancelled');
  assert(await page.isEnabled('[data-testid="sweep-run"]'), 'Run sweep stays disabled after Cancel');
  // The panels were never disturbed: their worker still steps.
  await page.click(sel.step);
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]')?.textContent === '1', null, { timeout: 10_000 });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
