// Export: the run JSON that `npm run sample -- --config` accepts and reproduces, the particles and
// metrics CSVs, PNGs of the whole grid and of one panel (device resolution, with title and
// legend), a WebM recording, and clear messages when an export cannot be made.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert, sel, waitForIteration, waitIdle, waitReady } from './lib/app.mjs';
import { expectGolden } from './lib/golden.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function exported(page, id) {
  await page.click('[data-testid="export-button"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click(`[data-testid="export-${id}"]`)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file), file };
}

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(bytes, what) {
  assert(bytes.length > 1000 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR', `${what} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Device pixels of each panel's plot canvas, in panel order. */
const canvasSizes = (page) =>
  page.$$eval(sel.canvas, (cs) => cs.map((c) => ({ width: c.width, height: c.height, cssWidth: c.getBoundingClientRect().width })));

export async function exportsRunParticlesMetricsAndPictures({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd&p1.eps=0.2', baseUrl).href);
  await waitReady(page);
  for (let k = 0; k < 3; k++) await page.click(sel.step);
  await waitForIteration(page, 3);
  await waitIdle(page);

  const json = await exported(page, 'json');
  assert(/^etd-run-.*\.json$/.test(json.name), `run file name: ${json.name}`);
  const config = JSON.parse(json.bytes.toString('utf8'));
  assert(config.panels?.length === 2 && config.panels[0].params.eps === 0.2 && config.run.n === 40 && config.run.steps === 3, `run config: ${json.bytes}`);
  // The runner accepts it as it is and runs both panels.
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/cli/sample.ts'), '--config', json.file], { cwd: root, encoding: 'utf8' });
  assert(r.status === 0, `npm run sample -- --config refused the export: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  assert(out.panels?.length === 2 && out.panels[0].checkpoints.at(-1).positions.length === 40, 'the runner did not run both panels');

  const csv = await exported(page, 'csv');
  assert(/^etd-particles-.*\.csv$/.test(csv.name), `particles file name: ${csv.name}`);
  const rows = csv.bytes.toString('utf8').trim().split('\n');
  assert(rows[0] === 'panel,sampler,iteration,particle,x,y', `CSV header: ${rows[0]}`);
  assert(rows.length === 1 + 2 * 40, `CSV rows: ${rows.length}`);
  assert(rows[1].startsWith('1,etd-b,3,0,'), `first CSV row: ${rows[1]}`);

  // Metrics are recorded every 10 steps: after 3 steps, iteration 0 of each panel.
  const metrics = await exported(page, 'metrics');
  assert(/^etd-metrics-.*\.csv$/.test(metrics.name), `metrics file name: ${metrics.name}`);
  const mrows = metrics.bytes.toString('utf8').trim().split('\n').map((l) => l.split(','));
  const header = mrows[0];
  assert(header.slice(0, 3).join(',') === 'panel,sampler,iteration' && header.includes('energy') && header.includes('ksd'), `metrics header: ${header}`);
  assert(mrows.length === 3 && mrows[1].slice(0, 3).join(',') === '1,etd-b,0' && mrows[2].slice(0, 3).join(',') === '2,svgd,0', `metrics rows: ${mrows.join(' | ')}`);
  assert(mrows.slice(1).every((row) => row.length === header.length && Number.isFinite(Number(row[header.indexOf('energy')]))), `metrics values: ${mrows.join(' | ')}`);

  const [plot0] = await canvasSizes(page);
  const grid = await exported(page, 'png-grid');
  const panel = await exported(page, 'png-panel-1');
  assert(/^etd-grid-.*\.png$/.test(grid.name) && /^etd-panel-2-svgd-.*\.png$/.test(panel.name), `picture file names: ${grid.name}, ${panel.name}`);
  const g = pngSize(grid.bytes, 'the grid picture');
  const p = pngSize(panel.bytes, 'the panel picture');
  // One panel: its plot at device resolution plus a margin, a title row and a legend row.
  assert(p.width > plot0.width && p.width < plot0.width + 60 && p.height > plot0.height + 40, `panel picture ${p.width}x${p.height} for a ${plot0.width}x${plot0.height} plot`);
  assert(g.width > 2 * plot0.width && g.width > p.width + plot0.width / 2 && g.height > p.height, `grid picture ${g.width}x${g.height} vs panel ${p.width}x${p.height}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

/** The bytes of a WebM hold an EBML header, a Cluster, and in it a frame (SimpleBlock or BlockGroup). */
function checkWebm(bytes) {
  assert(bytes.length > 200 && bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])), 'the recording is not EBML (WebM)');
  const cluster = bytes.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
  assert(cluster > 0, 'the recording has no Cluster');
  // A variable-length EBML integer: its length is given by the first set bit.
  const vint = (at) => {
    const len = Math.clz32(bytes[at]) - 23;
    assert(len >= 1 && len <= 8, `bad EBML size at ${at}`);
    let value = bytes[at] & (0xff >> len);
    for (let i = 1; i < len; i++) value = value * 256 + bytes[at + i];
    return { len, value };
  };
  let at = cluster + 4;
  at += vint(at).len; // cluster size (often "unknown" while recording)
  assert(bytes[at] === 0xe7, 'the Cluster does not start with its Timecode');
  const tc = vint(at + 1);
  at += 1 + tc.len + tc.value;
  assert(bytes[at] === 0xa3 || bytes[at] === 0xa0, `no SimpleBlock or BlockGroup after the Cluster's Timecode (0x${bytes[at]?.toString(16)})`);
  const block = vint(at + 1);
  assert(block.value > 4, 'the first frame is empty');
}

export async function exportRecordsWebmAndMetricHistories({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd', baseUrl).href);
  await waitReady(page);
  await page.click('[data-testid="export-button"]');
  const record = page.locator('[data-testid="export-record"]');
  assert(!(await record.isDisabled()), `recording is disabled: ${await record.getAttribute('title')}`);
  await record.click();
  const indicator = page.locator('[data-testid="recording-indicator"]');
  await indicator.waitFor({ timeout: 5_000 });
  assert((await indicator.getAttribute('aria-live')) === 'polite', 'the recording indicator is not a live region');
  await page.click(sel.play);
  await page.waitForTimeout(1500);
  assert(/Recording\s+0:0[12]/.test(await indicator.innerText()), `indicator: ${await indicator.innerText()}`);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('[data-testid="recording-stop"]')]);
  assert(/^etd-recording-.*\.webm$/.test(download.suggestedFilename()), `recording file name: ${download.suggestedFilename()}`);
  checkWebm(await readFile(await download.path()));
  assert((await indicator.count()) === 0, 'the recording indicator stayed after Stop');
  await page.waitForSelector('[data-testid="export-message"]:has-text("Recording saved")');

  // A row per record: every 10 steps from 0 up to where each panel is (past the second record).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="panel-iteration-"]')].every((o) => Number(o.textContent) >= 12), null, { timeout: 60_000 });
  await page.click(sel.play);
  await waitIdle(page);
  const iterations = await page.$$eval('[data-testid^="panel-iteration-"]', (os) => os.map((o) => Number(o.textContent)));
  const metrics = await exported(page, 'metrics');
  const rows = metrics.bytes.toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  iterations.forEach((it, k) => {
    const got = rows.filter((r) => r[0] === String(k + 1)).map((r) => Number(r[2]));
    const want = Array.from({ length: Math.floor(it / 10) + 1 }, (_, i) => 10 * i);
    assert(it >= 10 && got.join(',') === want.join(','), `panel ${k + 1} at iteration ${it}: metric records at ${got.join(',')}`);
  });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function exportPanelPngMatchesGolden({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b&p1.eps=0.2', baseUrl).href);
  await waitReady(page);
  for (let k = 0; k < 3; k++) await page.click(sel.step);
  await waitForIteration(page, 3);
  await waitIdle(page);
  await page.waitForTimeout(300); // the render loop draws the last step
  const png = await exported(page, 'png-panel-0');
  pngSize(png.bytes, 'the panel picture');
  await expectGolden(png.bytes, 'export-panel-etd-b-gmm-ring-8', { threshold: 0.1, maxDiffRatio: 0.01 });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function exportOnPhoneAtDeviceResolution({ page, baseUrl }) {
  const context = await page.context().browser().newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const phone = await context.newPage();
  const errors = [];
  phone.on('pageerror', (e) => errors.push(e.message));
  try {
    await phone.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd', baseUrl).href);
    await waitReady(phone);
    await phone.click('[data-testid="export-button"]');
    const menu = await phone.locator('[data-testid="export-menu"]').boundingBox();
    assert(menu && menu.x >= 0 && menu.x + menu.width <= 390, `the menu does not fit a 390 px screen: ${JSON.stringify(menu)}`);
    await phone.click('[data-testid="export-button"]');
    const [plot] = await canvasSizes(phone);
    assert(plot.width === Math.round(2 * plot.cssWidth), `plot canvas ${plot.width} px for ${plot.cssWidth} CSS px at DPR 2`);
    const p = pngSize((await exported(phone, 'png-panel-0')).bytes, 'the panel picture');
    assert(p.width > plot.width && p.width < plot.width + 60, `panel picture ${p.width} px wide for a ${plot.width} px plot`);
    assert(errors.length === 0, `page errors:\n${errors.join('\n')}`);
  } finally {
    await context.close();
  }
}

export async function exportFailuresAreExplained({ page, baseUrl, errors }) {
  // No MediaRecorder: the recording item is disabled and says why.
  await page.addInitScript(() => {
    delete window.MediaRecorder;
  });
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b', baseUrl).href);
  await waitReady(page);
  await page.click('[data-testid="export-button"]');
  const record = page.locator('[data-testid="export-record"]');
  assert(await record.isDisabled(), 'recording is offered without MediaRecorder');
  assert(/MediaRecorder/.test((await record.getAttribute('title')) ?? ''), `reason: ${await record.getAttribute('title')}`);
  await page.click('[data-testid="export-button"]');

  // A canvas the page may not read: a message, no download, and the page keeps working.
  await page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function () {
      throw new DOMException('Tainted canvases may not be exported.', 'SecurityError');
    };
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.click('[data-testid="export-button"]');
  await page.click('[data-testid="export-png-grid"]');
  const message = page.locator('[data-testid="export-message"][role="alert"]');
  await message.waitFor({ timeout: 5_000 });
  assert(/would not let the page read/.test(await message.innerText()), `message: ${await message.innerText()}`);
  assert(downloads === 0, 'a file was downloaded anyway');
  await page.click('[data-testid="export-message"] button');
  assert((await message.count()) === 0, 'the message cannot be dismissed');
  await page.click(sel.step);
  await waitForIteration(page, 1);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
