// The Gaussian VI panels: q's ellipses drawn over the density (one per component), the ELBO chart
// growing as they step, and the particles (draws of q) exported like any other panel's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assert, sel, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const URL_GVI = '?v=1&t=gaussian&n=50&seed=1&p=gvi,gvi-mixture';

async function exported(page, id) {
  await page.click('[data-testid="export-button"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click(`[data-testid="export-${id}"]`)]);
  return { name: download.suggestedFilename(), text: (await readFile(await download.path())).toString('utf8') };
}

/** Pixels of canvas `panel` within 24 per channel of the colour (r, g, b). */
const pixelsNear = (page, panel, rgb) =>
  page.evaluate(
    ([p, [r, g, b]]) => {
      const c = document.querySelectorAll('[data-testid="panel-canvas"]')[p];
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) < 24 && Math.abs(d[i + 1] - g) < 24 && Math.abs(d[i + 2] - b) < 24) n++;
      return n;
    },
    [panel, rgb],
  );

/** A picture for a person to look at (only when BROWSER_ARTIFACTS names a folder): the page, and the first panel alone. */
async function screenshot(page, name) {
  if (!process.env.BROWSER_ARTIFACTS) return;
  const dir = path.resolve(process.env.BROWSER_ARTIFACTS);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  await (await page.$('[data-testid="panel-0"]'))?.screenshot({ path: path.join(dir, `${name}-panel.png`) });
}

export async function gviPanelsDrawEllipsesElboAndExport({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL(URL_GVI, baseUrl).href);
  await waitReady(page);
  const titles = await page.$$eval('.panel-header > h2', (hs) => hs.map((h) => h.textContent));
  assert(titles.length === 2 && /Gaussian VI/.test(titles[0]) && /GMM VI/.test(titles[1]), `panel titles: ${titles}`);
  for (let k = 0; k < 8; k++) await page.click(sel.step);
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]')?.textContent === '8', null, { timeout: 30_000 });
  await waitIdle(page);

  // One component drawn on the single Gaussian, C = 4 (the default) on the mixture.
  await page.waitForFunction(() => {
    const cs = document.querySelectorAll('[data-testid="panel-canvas"]');
    return cs[0]?.dataset.gaussians === '1' && cs[1]?.dataset.gaussians === '4';
  }, null, { timeout: 15_000 });
  // The ellipses are in the panel colours (Tableau blue #4e79a7, orange #f28e2b): hundreds of pixels each.
  const blue = await pixelsNear(page, 0, [0x4e, 0x79, 0xa7]);
  const orange = await pixelsNear(page, 1, [0xf2, 0x8e, 0x2b]);
  assert(blue > 300 && orange > 300, `ellipse pixels: panel 1 ${blue}, panel 2 ${orange}`);

  // The ELBO chart of each panel: a line over 8 steps and a finite latest value.
  for (const p of [0, 1]) {
    // One vertex per step (the chart refreshes a few times a second).
    const line = `[data-testid="elbo-chart-${p}"] path.metric-line`;
    const ok = await page
      .waitForFunction((s) => (document.querySelector(s)?.getAttribute('d') ?? '').split(/[ML]/).length - 1 === 8, line, { timeout: 15_000 })
      .then(() => true, () => false);
    assert(ok, `ELBO line of panel ${p + 1}: ${await page.getAttribute(line, 'd').catch(() => 'none')}`);
    const v = Number(await page.textContent(`[data-testid="elbo-value-${p}"]`));
    assert(Number.isFinite(v), `ELBO value of panel ${p + 1}`);
    // One estimator, shown identically: the status line's ELBO is the chart's number, named the same way.
    const status = (await page.textContent(`[data-testid="diagnostics-${p}"]`)) ?? '';
    const m = /ELBO \(20-step mean\) (\S+)/.exec(status);
    assert(m && Number(m[1]) === v, `status line '${status}' vs chart ${v}`);
    assert(/20-step mean/.test((await page.textContent(`[data-testid="elbo-chart-${p}"] figcaption`)) ?? ''), 'the chart does not name its estimator');
  }
  await screenshot(page, 'gvi-1280x800');

  // Exports: the particles (draws of q) of both panels, and a run file naming both samplers.
  const csv = await exported(page, 'csv');
  const rows = csv.text.trim().split('\n');
  assert(rows.length === 1 + 2 * 50 && rows[1].startsWith('1,gvi,8,0,') && rows[51].startsWith('2,gvi-mixture,8,0,'), `CSV: ${rows.length} rows, ${rows[1]} / ${rows[51]}`);
  assert(rows.slice(1).every((r) => r.split(',').slice(4).every((v) => Number.isFinite(Number(v)))), 'non-finite particle in the CSV');
  const json = JSON.parse((await exported(page, 'json')).text);
  assert(json.panels?.map((p) => p.sampler).join(',') === 'gvi,gvi-mixture', `run file panels: ${JSON.stringify(json.panels)}`);
  // The metrics CSV of VI panels has the ELBO and the gradient norm beside the metrics.
  const metricsHeader = (await exported(page, 'metrics')).text.split('\n')[0].split(',');
  assert(metricsHeader.includes('elbo') && metricsHeader.includes('gradNorm'), `metrics CSV header: ${metricsHeader}`);
  // q itself: weights, means and covariances of every component in all coordinates.
  const q = JSON.parse((await exported(page, 'vi')).text);
  assert(q.panels?.length === 2 && q.panels[0].components.length === 1 && q.panels[1].components.length === 4, `VI export: ${JSON.stringify(q).slice(0, 300)}`);
  const c = q.panels[1].components[0];
  assert(q.panels[1].iteration === 8 && c.weight === 0.25 && c.mean.length === q.panels[1].dim && c.covariance.length === q.panels[1].dim, `component: ${JSON.stringify(c)}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="panel-canvas"]')[0]?.dataset.gaussians === '1', null, { timeout: 15_000 });
  await screenshot(page, 'gvi-390x844');

  // The card: the rule typeset, the mode-seeking warning, the new parameters in words.
  await page.click('[data-testid="panel-about-1"]');
  const card = page.locator('[data-testid="about-dialog-1"]');
  await card.waitFor({ state: 'visible' });
  const text = await card.innerText();
  assert(text.includes('About GMM VI') && /mode-seeking/.test(text) && /Gaussian components/.test(text) && /Samples of q per step/.test(text), `card: ${text.slice(0, 300)}`);
  assert((await card.locator('.katex').count()) === 1, 'the update rule is not typeset');
  if (process.env.BROWSER_ARTIFACTS) await page.screenshot({ path: path.join(path.resolve(process.env.BROWSER_ARTIFACTS), 'gvi-card-390x844.png') });
  await page.keyboard.press('Escape');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function gviStopsWithAClearErrorOnANonFiniteGradient({ page, baseUrl, errors }) {
  // A formula that is finite on its box but not beyond |x| = 4.06, where q's samples reach (spread 3).
  const f = encodeURIComponent('(x^2 + y^2)/2 + sqrt(16.5 - x^2)');
  await page.goto(new URL(`?v=1&f=${f}&n=30&seed=2&spread=3&p=gvi`, baseUrl).href);
  await waitReady(page);
  await page.click(sel.step);
  await page.waitForSelector('[data-testid="panel-error-0"][data-severity="error"]', { timeout: 30_000 });
  const text = await page.textContent('[data-testid="panel-error-0"]');
  assert(/non-finite gradient: the target's score is NaN or infinite at \d+ of 16 samples of q; q is kept as it was/.test(text), `panel error: ${text}`);
  // The state is kept: the ellipse and the particles of step 0 are still drawn.
  assert((await page.getAttribute(sel.canvas, 'data-gaussians')) === '1', 'the ellipse of q is gone');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
