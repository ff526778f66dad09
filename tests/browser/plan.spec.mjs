// The transport-plan view, the linked hover, the coupling overlay and the metric charts on the
// plan test page (tests/browser/pages/plan.html: etd-b and mala on gmm-ring-8, N = 60, 20 steps).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, pixelDiff } from '../../src/bench/appPage.mjs';

const PAGE = 'tests/browser/pages/plan.html';
const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');
const PLAN = '[data-testid="plan-canvas"]';
const PLOT = '[data-testid="panel-canvas"]';

async function openPlanPage(page, baseUrl) {
  await page.goto(new URL(PAGE, baseUrl).href);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  const state = await page.getAttribute('body', 'data-ready');
  assert(state === 'true', `the plan page failed: ${await page.textContent('body')}`);
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.planIteration === '20', PLAN, { timeout: 10_000 });
  await page.waitForTimeout(300); // a few animation frames
}

/** Keep the pixels of canvas `selector` under `key`; returns { mean, variance, pixels } of luminance. */
async function snapshot(page, selector, key) {
  return page.evaluate(
    ([s, k]) => {
      const c = document.querySelector(s);
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      (window.__snapshots ??= {})[k] = d;
      let sum = 0;
      let sq = 0;
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const l = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
        sum += l;
        sq += l * l;
      }
      const mean = sum / n;
      return { mean, variance: sq / n - mean * mean, pixels: n };
    },
    [selector, key],
  );
}

/** Pixels of snapshot `key` close to the hover colour #ff3d8b. */
async function hoverPixels(page, key) {
  return page.evaluate((k) => {
    const d = window.__snapshots[k];
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 110 && d[i + 2] > 90 && d[i + 2] < 190) n++;
    return n;
  }, key);
}

/** Page coordinates of the particle of panel 0 farthest from its nearest neighbour (unambiguous to hover). */
async function loneParticle(page) {
  return page.evaluate((s) => {
    const { box } = window.planPage.info();
    const p = window.planPage.positions(0);
    const r = document.querySelector(s).getBoundingClientRect();
    const sx = (x) => r.left + ((x - box.xmin) / (box.xmax - box.xmin)) * r.width;
    const sy = (y) => r.top + ((box.ymax - y) / (box.ymax - box.ymin)) * r.height;
    let best = -1;
    let bestD = -1;
    for (let i = 0; i < p.length / 2; i++) {
      const x = sx(p[2 * i]), y = sy(p[2 * i + 1]);
      if (x < r.left + 20 || x > r.right - 20 || y < r.top + 20 || y > r.bottom - 20) continue;
      let d = Infinity;
      for (let j = 0; j < p.length / 2; j++) if (j !== i) d = Math.min(d, Math.hypot(x - sx(p[2 * j]), y - sy(p[2 * j + 1])));
      if (d > bestD) [best, bestD] = [i, d];
    }
    return { particle: best, x: sx(p[2 * best]), y: sy(p[2 * best + 1]) };
  }, PLOT);
}

export async function planHeatmapIsDrawn({ page, baseUrl, errors }) {
  await openPlanPage(page, baseUrl);
  const stats = await snapshot(page, PLAN, 'plan');
  assert(stats.pixels > 1000, `the plan canvas is tiny (${stats.pixels} pixels)`);
  assert(stats.variance > 100, `the plan heatmap looks flat (luminance variance ${stats.variance.toFixed(1)})`);
  const lo = Number(await page.textContent('[data-testid="plan-legend-lo"]'));
  const hi = Number(await page.textContent('[data-testid="plan-legend-hi"]'));
  assert(Number.isFinite(lo) && Number.isFinite(hi) && Math.abs(hi - lo - 12) < 0.11, `legend should span 12 nats: ${lo} .. ${hi}`);
  const iters = await page.textContent('[data-testid="plan-stats"] [data-key="sinkhornIterations"]');
  assert(Number(iters) >= 1, `Sinkhorn iterations should be shown: '${iters}'`);
  const ess = await page.textContent('[data-testid="plan-stats"] [data-key="ess"]');
  assert(Number(ess) > 0, `coupling ESS should be shown: '${ess}'`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function hoverLinksPlotAndPlan({ page, baseUrl, errors }) {
  await openPlanPage(page, baseUrl);
  await snapshot(page, PLAN, 'plan-before');
  await snapshot(page, PLOT, 'plot-before');
  const target = await loneParticle(page);
  assert(target.particle >= 0, 'no particle inside the plot to hover');
  await page.mouse.move(target.x + 2, target.y + 1);
  await page.waitForFunction((i) => window.planPage.hovered()?.particle === i, target.particle, { timeout: 5_000 });
  await page.waitForTimeout(500); // the coupling row round trip and a redraw
  await snapshot(page, PLAN, 'plan-hover');
  await snapshot(page, PLOT, 'plot-hover');
  const planChanged = await pixelDiff(page, 'plan-before', 'plan-hover');
  assert(planChanged > 50, `hovering a particle did not highlight a plan row (${planChanged} pixels changed)`);
  const lines = (await hoverPixels(page, 'plot-hover')) - (await hoverPixels(page, 'plot-before'));
  assert(lines > 80, `no destination lines drawn for the hovered particle (${lines} hover-coloured pixels)`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'plan-view.png') });

  // Off every particle: the hover clears and the highlight goes.
  const box = await page.locator(PLOT).boundingBox();
  await page.mouse.move(box.x + box.width + 200, box.y + 5);
  await page.waitForFunction(() => window.planPage.hovered() === null, null, { timeout: 5_000 });

  // Hovering a plan row hovers a particle of panel 0, which the plot outlines.
  const plan = await page.locator(PLAN).boundingBox();
  await page.mouse.move(plan.x + plan.width / 2, plan.y + plan.height * 0.3);
  await page.waitForFunction(() => window.planPage.hovered()?.panel === 0, null, { timeout: 5_000 });
  await page.waitForTimeout(500);
  await snapshot(page, PLOT, 'plot-row');
  const ring = (await hoverPixels(page, 'plot-row')) - (await hoverPixels(page, 'plot-before'));
  assert(ring > 30, `hovering a plan row did not mark the particle on the plot (${ring} pixels)`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function couplingLinesToggle({ page, baseUrl, errors }) {
  await openPlanPage(page, baseUrl);
  await snapshot(page, PLOT, 'off');
  await page.check('[data-testid="coupling-lines"]');
  await page.waitForTimeout(1500); // 60 coupling rows from the worker
  await snapshot(page, PLOT, 'on');
  const changed = await pixelDiff(page, 'off', 'on');
  assert(changed > 500, `the coupling-lines overlay changed only ${changed} pixels`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'plan-coupling-lines.png') });
  await page.uncheck('[data-testid="coupling-lines"]');
  await page.waitForTimeout(300);
  await snapshot(page, PLOT, 'off-again');
  assert((await pixelDiff(page, 'off', 'off-again')) === 0, 'the plot did not return to its look after turning the lines off');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function metricChartsHaveAPathPerPanel({ page, baseUrl, errors }) {
  await openPlanPage(page, baseUrl);
  await page.waitForSelector('[data-testid="metric-chart-energy"] path.metric-line', { timeout: 10_000 });
  await page.waitForTimeout(400);
  const charts = await page.$$eval('[data-testid^="metric-chart-"]', (els) =>
    els.map((el) => ({
      metric: el.dataset.metric,
      paths: [...el.querySelectorAll('path.metric-line')].filter((p) => (p.getAttribute('d') ?? '').length > 10).length,
      ideal: el.querySelectorAll('line.ideal').length,
    })),
  );
  const names = charts.map((c) => c.metric);
  for (const m of ['energy', 'slicedW2', 'ksd', 'modeCoverage', 'modeBalance', 'varRatioX', 'varRatioY'])
    assert(names.includes(m), `no chart for ${m} (charts: ${names.join(', ')})`);
  for (const c of charts) assert(c.paths === 2, `${c.metric}: ${c.paths} drawn paths, expected one per panel (2)`);
  for (const c of charts)
    assert(c.ideal === (['energy', 'slicedW2', 'ksd'].includes(c.metric) ? 0 : 1), `${c.metric}: ${c.ideal} ideal lines`);
  const acc = await page.textContent('[data-testid="mala-acceptance"]');
  assert(/MALA/.test(acc ?? '') && /0\.\d/.test(acc ?? ''), `MALA acceptance not shown: '${acc}'`);

  // Marginal histograms: bars and the exact curve on both canvases.
  for (const s of ['[data-testid="marginal-x"]', '[data-testid="marginal-y"]']) {
    const st = await snapshot(page, s, s);
    assert(st.variance > 10, `${s} looks empty (variance ${st.variance.toFixed(1)})`);
  }
  // More steps: the charts grow.
  const before = await page.$eval('[data-testid="metric-chart-energy"] path.metric-line', (p) => p.getAttribute('d'));
  await page.evaluate(() => window.planPage.step(10));
  await page.waitForFunction(
    (d) => document.querySelector('[data-testid="metric-chart-energy"] path.metric-line')?.getAttribute('d') !== d,
    before,
    { timeout: 5_000 },
  );
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
