// Bayesian logistic regression on the page: an authors' BLR preset steps and its charts and
// metrics file show finite posterior metrics; a user's CSV read with the file input runs with
// predictive metrics only, a reference computed on request adds the rest (and Cancel stops
// one); a bad CSV is one notice and the app keeps working; a link made from a CSV says its
// data are not in it and runs once the file is chosen.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const POSTERIOR_METRICS = ['meanErrorSd', 'varRatioMean', 'varRatioMin', 'slicedW2', 'energy', 'testAccuracy', 'testLogPredictive'];

/** A CSV of `rows` rows, `d` features and a label from a noisy linear rule (a fixed generator). */
function csvText(rows, d) {
  let s = 7;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = [[...Array.from({ length: d }, (_, k) => `f${k + 1}`), 'label'].join(',')];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: d }, () => u() * 2 - 1);
    const z = x.reduce((a, v, k) => a + v / (k + 1), 0) + 0.8 * (u() - 0.5);
    lines.push([...x.map((v) => v.toFixed(4)), z > 0 ? 1 : 0].join(','));
  }
  return lines.join('\n');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

async function exported(page, id) {
  await page.click('[data-testid="export-button"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click(`[data-testid="export-${id}"]`)]);
  return download.path();
}

async function exportedMetrics(page) {
  const rows = (await readFile(await exported(page, 'metrics'), 'utf8')).trim().split('\n').map((l) => l.split(','));
  return { header: rows[0], rows: rows.slice(1) };
}

/** Play until every panel has passed `steps`, then pause and wait for the panels to settle. */
async function playPast(page, steps) {
  await page.click(sel.play);
  await page.waitForFunction(
    (x) => [...document.querySelectorAll('[data-testid^="panel-iteration-"]')].every((e) => Number(e.textContent) >= x),
    steps,
    { timeout: 60_000 },
  );
  await page.click(sel.play);
  await waitIdle(page);
}

/** Wait for a metric's chart, scroll the charts into view (hidden charts are not drawn) and wait for its lines. */
async function chartDrawn(page, metric) {
  await page.waitForSelector(`[data-testid="metric-chart-${metric}"]`, { timeout: 15_000 });
  await page.locator(`[data-testid="metric-chart-${metric}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-testid="metric-chart-${metric}"] path.metric-line`, { timeout: 15_000 });
}

const axisNames = (page) => page.locator('[data-testid="plot-axes-0"] .plot-axis-name').allTextContents();

export async function blrPresetStepsWithPosteriorMetrics({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&n=30&p=svgd`);
  await waitReady(page);
  await page.click('[data-testid="presets-button"]');
  await page.click('[data-testid="named-preset-authors-blr-ionosphere"]');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'ionosphere', null, { timeout: 10_000 });
  await page.waitForFunction((s) => document.querySelectorAll(`${s}[data-status="ready"]`).length === 6, sel.panel, { timeout: 60_000 });
  assert((await page.getAttribute('[data-testid="gallery-blr"]', 'aria-pressed')) === 'true', 'the logistic-regression tile is not chosen');
  assert((await page.inputValue('[data-testid="blr-data"]')) === 'ionosphere', 'the picker does not show Ionosphere');
  assert((await axisNames(page)).join(',') === 'w1,w2', `the plot axes read ${(await axisNames(page)).join(',')}`);
  // Another pair of the 33 weights, drawn without restarting.
  assert((await page.locator('[data-testid="axis-x"] option').count()) === 33, 'the axis pickers do not offer the 33 weights');
  await page.selectOption('[data-testid="axis-x"]', '4');
  await page.waitForFunction(() => document.querySelector('[data-testid="plot-axes-0"] .plot-axis-name')?.textContent === 'w5', null, { timeout: 10_000 });
  await page.selectOption('[data-testid="axis-x"]', '0');
  await page.waitForFunction(() => document.querySelector('[data-testid="plot-axes-0"] .plot-axis-name')?.textContent === 'w1', null, { timeout: 10_000 });
  const about = (await page.textContent('[data-testid="blr-about"]')) ?? '';
  assert(/Source: .*UCI/.test(about), `the data set's source is not shown: '${about}'`);

  await page.click(sel.step);
  await waitForIteration(page, 1, 30_000);
  await playPast(page, 10);
  for (const m of POSTERIOR_METRICS) await chartDrawn(page, m);
  const title = (await page.getAttribute('[data-testid="metric-chart-meanErrorSd"]', 'title')) ?? '';
  assert(/posterior standard deviations/.test(title), `the mean-error chart does not say what it measures: '${title}'`);
  const heading = (await page.textContent('[data-testid="metrics-area"] h3')) ?? '';
  assert(heading.includes('reference posterior'), `metrics heading: '${heading}'`);

  const { header, rows } = await exportedMetrics(page);
  for (const m of POSTERIOR_METRICS) assert(header.includes(m), `the metrics file has no ${m}: ${header.join(',')}`);
  assert(rows.length >= 12, `expected records at steps 0 and 10 of six panels, got ${rows.length}`);
  for (const row of rows) for (const m of POSTERIOR_METRICS) assert(Number.isFinite(Number(row[header.indexOf(m)])), `${m} not finite: ${row.join(',')}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function blrUserCsvReferenceBadFileAndLink({ page, baseUrl, errors }) {
  const small = csvText(80, 3);
  await page.goto(`${baseUrl}?v=1&t=blr&data=sonar&n=30&seed=1&p=mala,svgd`);
  await waitReady(page);

  // A user's CSV: read locally, run with predictive metrics only, said plainly.
  await page.setInputFiles('[data-testid="blr-csv-input"]', file('small.csv', small));
  await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv:small.csv', null, { timeout: 10_000 });
  await waitReady(page);
  assert(!page.url().includes('label') && page.url().length < 200, `the link holds the data: ${page.url()}`);
  assert((await page.locator('[data-testid="blr-no-reference"]').count()) === 1, 'no plain word that there is no reference');
  const notes = (await page.textContent('[data-testid="blr-notes"]')) ?? '';
  assert(/3 weights, 64 training rows and 16 test rows/.test(notes), `notes: '${notes}'`);
  await playPast(page, 10);
  await chartDrawn(page, 'testAccuracy');
  assert((await page.locator('[data-testid="metric-chart-meanErrorSd"]').count()) === 0, 'reference metrics without a reference');
  let { header, rows } = await exportedMetrics(page);
  assert(!header.includes('meanErrorSd') && rows.every((r) => Number.isFinite(Number(r[header.indexOf('testLogPredictive')]))), `metrics file: ${header.join(',')}`);
  const particles = (await readFile(await exported(page, 'csv'), 'utf8')).split('\n')[0];
  assert(particles === 'panel,sampler,iteration,particle,w1,w2,w3', `particles header: ${particles}`);
  // The run's JSON names the file; the runner reads it from beside the config.
  const dir = await mkdtemp(path.join(tmpdir(), 'etd-blr-'));
  try {
    await copyFile(await exported(page, 'json'), path.join(dir, 'run.json'));
    await writeFile(path.join(dir, 'small.csv'), small);
    const config = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8'));
    assert(JSON.stringify(config.target) === '{"kind":"blr","data":"small.csv"}', `exported target: ${JSON.stringify(config.target)}`);
    const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/cli/sample.ts'), '--config', 'run.json', '--metrics'], { cwd: dir, encoding: 'utf8' });
    assert(r.status === 0, `the runner refused the exported config: ${r.stderr}`);
    assert(Number.isFinite(JSON.parse(r.stdout).panels[0].checkpoints.at(-1).metrics.testAccuracy), 'the runner measured no test accuracy');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // Share says the link does not hold the file's data.
  await page.click('[data-testid="share-menu"]');
  const shareNote = (await page.textContent('[data-testid="share-link-note"]')) ?? '';
  assert(/names your file small\.csv but does not hold its data/.test(shareNote), `share note: '${shareNote}'`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="share-menu-items"]', { state: 'detached', timeout: 5_000 });

  // A larger file's reference can be cancelled.
  await page.setInputFiles('[data-testid="blr-csv-input"]', file('wide.csv', csvText(3000, 40)));
  await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv:wide.csv', null, { timeout: 10_000 });
  await page.click('[data-testid="blr-reference-compute"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="blr-reference-progress"]')?.getAttribute('value')) > 0, null, { timeout: 30_000 });
  await page.click('[data-testid="blr-reference-cancel"]');
  await page.waitForSelector('[data-testid="blr-reference-compute"]', { timeout: 5_000 });
  assert((await page.textContent('[data-testid="blr-reference"]'))?.includes('Reference cancelled.'), 'no word that the reference was cancelled');

  // The small file again: its reference computed on request, then the reference metrics appear.
  await page.setInputFiles('[data-testid="blr-csv-input"]', file('small.csv', small));
  await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv:small.csv', null, { timeout: 10_000 });
  await waitReady(page);
  await page.click('[data-testid="blr-reference-compute"]');
  await page.waitForSelector('[data-testid="blr-reference-done"]', { timeout: 60_000 });
  // The panels restart with the reference.
  await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 5_000 }).catch(() => undefined);
  await waitReady(page);
  await playPast(page, 10);
  await chartDrawn(page, 'meanErrorSd');
  ({ header, rows } = await exportedMetrics(page));
  assert(rows.every((r) => Number.isFinite(Number(r[header.indexOf('meanErrorSd')]))), `reference metrics not finite: ${rows.map((r) => r.join(',')).join(' | ')}`);

  // A bad CSV: one notice, the run goes on with the file that worked.
  const bad = ['a,b,label', ...Array.from({ length: 12 }, (_, r) => `${r},${r === 6 ? 'x' : r % 5},${r % 2}`)].join('\n');
  await page.setInputFiles('[data-testid="blr-csv-input"]', file('bad.csv', bad));
  await page.waitForSelector('[data-testid="blr-csv-error"]', { timeout: 5_000 });
  const message = (await page.textContent('[data-testid="blr-csv-error"]')) ?? '';
  assert(/^bad\.csv: line 8, column 'b' \(column 2\): 'x' is not a number$/.test(message), `the notice reads '${message}'`);
  assert((await page.locator('[data-testid="blr-details"] [role="alert"]').count()) === 1, 'more than one notice');
  assert(new URLSearchParams(new URL(page.url()).search).get('data') === 'csv:small.csv', 'the bad file replaced the running one');
  const before = Number(await page.getAttribute(sel.iteration, 'data-max'));
  await page.click(sel.step);
  await waitForIteration(page, before + 1, 30_000);

  // The menu goes back and forth between a vendored set and the file read before (no dialog).
  await page.selectOption('[data-testid="blr-data"]', 'breast-cancer');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'breast-cancer', null, { timeout: 10_000 });
  await page.selectOption('[data-testid="blr-data"]', { label: 'CSV: small.csv' });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv:small.csv', null, { timeout: 10_000 });
  await waitReady(page);

  // A link made from a CSV: it says the data are not in it, runs the default meanwhile, and runs the file once chosen.
  await page.goto(`${baseUrl}?v=1&t=blr&data=csv:small.csv&n=30&seed=1&p=mala`);
  await waitReady(page);
  const notices = (await page.textContent('[data-testid="url-notices"]')) ?? '';
  assert(/made with a CSV file, 'small\.csv', whose data are not in the link/.test(notices), `the notice reads '${notices}'`);
  assert(((await page.textContent('[data-testid="blr-problem"]')) ?? '').includes('not loaded'), 'the picker does not ask for the file');
  await page.setInputFiles('[data-testid="blr-csv-input"]', file('small.csv', small));
  await page.waitForFunction(() => !document.querySelector('[data-testid="blr-problem"]'), null, { timeout: 10_000 });
  await waitReady(page);
  assert((await axisNames(page)).join(',') === 'w1,w2', 'the file did not run');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
