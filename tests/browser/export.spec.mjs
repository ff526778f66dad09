// Export: the run JSON that `npm run sample -- --config` accepts and reproduces, the particles and
// metrics CSVs, PNGs of the whole grid and of one panel (device resolution, with title and
// legend, at 1x / 2x / 3x), a seekable video recording (ffprobe reads its duration, ffmpeg seeks in it),
// a GIF loop, and clear messages when an export cannot be made.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';
import { expectGolden } from './lib/golden.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function exported(page, id, scale) {
  await page.click('[data-testid="export-button"]');
  if (scale) await page.check(`[data-testid="export-scale-${scale}"]`);
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
  const grid = await exported(page, 'png-grid', 1);
  const panel = await exported(page, 'png-panel-1', 1);
  assert(/^etd-grid-1x-.*\.png$/.test(grid.name) && /^etd-panel-2-svgd-1x-.*\.png$/.test(panel.name), `picture file names: ${grid.name}, ${panel.name}`);
  const g = pngSize(grid.bytes, 'the grid picture');
  const p = pngSize(panel.bytes, 'the panel picture');
  // One panel: its plot at device resolution plus a margin, a title row and a legend row.
  assert(p.width > plot0.width && p.width < plot0.width + 60 && p.height > plot0.height + 40, `panel picture ${p.width}x${p.height} for a ${plot0.width}x${plot0.height} plot`);
  assert(g.width > 2 * plot0.width && g.width > p.width + plot0.width / 2 && g.height > p.height, `grid picture ${g.width}x${g.height} vs panel ${p.width}x${p.height}`);
  // 2x and 3x: the same figure with two and three times the pixels (slides), sharp: drawn afresh, not scaled up.
  for (const k of [2, 3]) {
    const big = pngSize((await exported(page, 'png-panel-1', k)).bytes, `the ${k}x panel picture`);
    assert(Math.abs(big.width - k * p.width) <= 2 * k && Math.abs(big.height - k * p.height) <= 2 * k, `${k}x panel picture ${big.width}x${big.height}, 1x ${p.width}x${p.height}`);
  }
  const grid2 = await exported(page, 'png-grid', 2);
  const g2 = pngSize(grid2.bytes, 'the 2x grid picture');
  assert(Math.abs(g2.width - 2 * g.width) <= 4, `2x grid ${g2.width} px, 1x ${g.width} px`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

/** ffprobe's and ffmpeg's answers about a video file (Debian's ffmpeg). */
function probe(file) {
  const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' });
  const info = run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration,format_name:stream=codec_name,nb_frames', '-of', 'json', file]);
  assert(info.status === 0, `ffprobe refused the recording: ${info.stderr}`);
  const json = JSON.parse(info.stdout);
  return { duration: Number(json.format?.duration), format: json.format?.format_name ?? '', codec: json.streams?.[0]?.codec_name ?? '' };
}

/** A frame decoded after seeking to `at` seconds (ffmpeg -ss before -i seeks with the file's index). */
function frameAt(file, at) {
  const out = `${file}-${at}.png`;
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(at), '-i', file, '-frames:v', '1', out], { encoding: 'utf8' });
  assert(r.status === 0, `ffmpeg could not seek to ${at} s: ${r.stderr}`);
  return out;
}

export async function exportRecordsSeekableVideoAndMetricHistories({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd', baseUrl).href);
  await waitReady(page);
  await page.click('[data-testid="export-button"]');
  const record = page.locator('[data-testid="export-record"]');
  assert(!(await record.isDisabled()), `recording is disabled: ${await record.getAttribute('title')}`);
  await record.click();
  const indicator = page.locator('[data-testid="recording-indicator"]');
  await indicator.waitFor({ timeout: 10_000 });
  assert((await indicator.getAttribute('aria-live')) === 'polite', 'the recording indicator is not a live region');
  await page.click(sel.play);
  await page.waitForTimeout(2500);
  assert(/Recording\s+0:0[2-4]/.test(await indicator.innerText()), `indicator: ${await indicator.innerText()}`);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="recording-stop"]')]);
  const name = download.suggestedFilename();
  assert(/^etd-recording-.*\.(mp4|webm)$/.test(name), `recording file name: ${name}`);
  const file = `${await download.path()}.${name.split('.').pop()}`;
  await download.saveAs(file);
  // A real duration (not Infinity or N/A) close to the time recorded, and a seek lands on a frame.
  const v = probe(file);
  assert(Number.isFinite(v.duration) && v.duration > 1.5 && v.duration < 6, `ffprobe duration ${v.duration} (${v.format}, ${v.codec})`);
  const png = await readFile(frameAt(file, (v.duration / 2).toFixed(2)));
  assert(png.subarray(0, 8).equals(PNG_SIGNATURE), 'the frame after a seek is not an image');
  // The seek index: ffprobe reads the packets of the second half without decoding from the start.
  const half = spawnSync('ffprobe', ['-v', 'error', '-read_intervals', `${(v.duration / 2).toFixed(2)}%+0.5`, '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  const times = half.stdout.trim().split('\n').map(Number).filter(Number.isFinite);
  assert(half.status === 0 && times.length > 0 && times[0] >= v.duration / 2 - 1.01, `read_intervals from the middle gave packets at ${times.slice(0, 3)}`);
  assert((await indicator.count()) === 0, 'the recording indicator stayed after Stop');
  const message = page.locator('[data-testid="export-message"]:has-text("Recording saved")');
  await message.waitFor();
  assert(/\d+\.\d s, \d+ frames, (MP4|WebM)/.test(await message.innerText()), `message: ${await message.innerText()}`);
  // The message goes by itself.
  await message.waitFor({ state: 'detached', timeout: 12_000 });

  // A row per record: every 10 steps from 0 up to where each panel is (past the second record).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="panel-iteration-"]')].every((o) => Number(o.textContent) >= 12), null, { timeout: 60_000 });
  await page.click(sel.play);
  await waitIdle(page);
  const iterations = await page.$$eval('[data-testid^="panel-iteration-"]', (os) => os.map((o) => Number(o.textContent)));
  assert(iterations.length > 0 && iterations.every(Number.isFinite), `panel iterations read: ${iterations}`);
  const metrics = await exported(page, 'metrics');
  const rows = metrics.bytes.toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  iterations.forEach((it, k) => {
    const got = rows.filter((r) => r[0] === String(k + 1)).map((r) => Number(r[2]));
    const want = Array.from({ length: Math.floor(it / 10) + 1 }, (_, i) => 10 * i);
    assert(it >= 10 && got.join(',') === want.join(','), `panel ${k + 1} at iteration ${it}: metric records at ${got.join(',')}`);
  });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function exportRecordsAShortGifLoop({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=svgd', baseUrl).href);
  await waitReady(page);
  await page.click('[data-testid="export-button"]');
  await page.click('[data-testid="export-record-gif"]');
  await page.locator('[data-testid="recording-indicator"]').waitFor({ timeout: 10_000 });
  await page.click(sel.play);
  await page.waitForTimeout(1500);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="recording-stop"]')]);
  assert(/^etd-recording-.*\.gif$/.test(download.suggestedFilename()), `GIF file name: ${download.suggestedFilename()}`);
  const file = `${await download.path()}.gif`;
  await download.saveAs(file);
  const bytes = await readFile(file);
  assert(bytes.toString('latin1', 0, 6) === 'GIF89a', 'not a GIF89a file');
  const width = bytes.readUInt16LE(6);
  assert(width > 100 && width <= 480, `GIF width ${width}`);
  const v = probe(file);
  assert(v.codec === 'gif' && v.duration > 0.8 && v.duration < 4, `GIF: ${JSON.stringify(v)}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function exportPanelPngMatchesGolden({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b&p1.eps=0.2', baseUrl).href);
  await waitReady(page);
  for (let k = 0; k < 3; k++) await page.click(sel.step);
  await waitForIteration(page, 3);
  await waitIdle(page);
  await page.waitForTimeout(300); // the render loop draws the last step
  const png = await exported(page, 'png-panel-0', 1);
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
    await phone.click('[data-testid="tools-toggle"]'); // a phone's header keeps Export under "more"
    await phone.click('[data-testid="export-button"]');
    const menu = await phone.locator('[data-testid="export-menu"]').boundingBox();
    assert(menu && menu.x >= 0 && menu.x + menu.width <= 390, `the menu does not fit a 390 px screen: ${JSON.stringify(menu)}`);
    await phone.click('[data-testid="export-button"]');
    const [plot] = await canvasSizes(phone);
    assert(plot.width === Math.round(2 * plot.cssWidth), `plot canvas ${plot.width} px for ${plot.cssWidth} CSS px at DPR 2`);
    const p = pngSize((await exported(phone, 'png-panel-0', 2)).bytes, 'the panel picture');
    assert(p.width > plot.width && p.width < plot.width + 60, `2x panel picture ${p.width} px wide for a ${plot.width} px plot at DPR 2`);
    assert(errors.length === 0, `page errors:\n${errors.join('\n')}`);
  } finally {
    await context.close();
  }
}

export async function exportFailuresAreExplained({ page, baseUrl, errors }) {
  // Neither WebCodecs nor MediaRecorder: the video item is disabled and says why.
  await page.addInitScript(() => {
    delete window.MediaRecorder;
    delete window.VideoEncoder;
  });
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b', baseUrl).href);
  await waitReady(page);
  await page.click('[data-testid="export-button"]');
  const record = page.locator('[data-testid="export-record"]');
  assert(await record.isDisabled(), 'recording is offered without MediaRecorder');
  assert(/WebCodecs nor MediaRecorder/.test((await record.getAttribute('title')) ?? ''), `reason: ${await record.getAttribute('title')}`);
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
