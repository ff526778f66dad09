// Export: the run JSON that `npm run sample -- --config` accepts and reproduces, the particles
// CSV, and each panel's plot as PNG.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert, sel, waitForIteration, waitIdle, waitReady } from './lib/app.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function exported(page, id) {
  await page.click('[data-testid="export-button"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(`[data-testid="export-${id}"]`)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file), file };
}

export async function exportsRunParticlesAndPictures({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd&p1.eps=0.2', baseUrl).href);
  await waitReady(page);
  for (let k = 0; k < 3; k++) await page.click(sel.step);
  await waitForIteration(page, 3);
  await waitIdle(page);

  const json = await exported(page, 'json');
  assert(json.name.endsWith('.json'), `run file name: ${json.name}`);
  const config = JSON.parse(json.bytes.toString('utf8'));
  assert(config.panels?.length === 2 && config.panels[0].params.eps === 0.2 && config.run.n === 40 && config.run.steps === 3, `run config: ${json.bytes}`);
  // The runner accepts it as it is and runs both panels.
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/cli/sample.ts'), '--config', json.file], { cwd: root, encoding: 'utf8' });
  assert(r.status === 0, `npm run sample -- --config refused the export: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  assert(out.panels?.length === 2 && out.panels[0].checkpoints.at(-1).positions.length === 40, 'the runner did not run both panels');

  const csv = await exported(page, 'csv');
  const rows = csv.bytes.toString('utf8').trim().split('\n');
  assert(rows[0] === 'panel,sampler,iteration,particle,x,y', `CSV header: ${rows[0]}`);
  assert(rows.length === 1 + 2 * 40, `CSV rows: ${rows.length}`);
  assert(rows[1].startsWith('1,etd-b,3,0,'), `first CSV row: ${rows[1]}`);

  await page.click('[data-testid="export-button"]');
  const pngs = [];
  page.on('download', (d) => pngs.push(d));
  await page.click('[data-testid="export-png"]');
  await page.waitForTimeout(1500);
  assert(pngs.length === 2, `one PNG per panel expected, got ${pngs.length}`);
  const png = await readFile(await pngs[0].path());
  assert(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && png.length > 1000, 'not a PNG');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
