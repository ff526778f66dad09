// Browser tests of the teaching layouts (issue 19): live Classroom <-> Projector switches re-lay
// every panel, the stage walk uses a projector's screen, About cards open at the top, a visible
// way back to the gallery from Formula and Draw.
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const open = async (page, baseUrl, query) => {
  await page.goto(`${baseUrl}?v=1&${query}`);
  await waitReady(page);
  await waitForIteration(page, 0);
};

/** Elements of a panel that stick out of it, and panels that overlap the metrics (as strings). */
const overlaps = (page) =>
  page.evaluate(() => {
    const out = [];
    const box = (e) => e.getBoundingClientRect();
    const metrics = [...document.querySelectorAll('.metrics-area')].map(box);
    for (const p of document.querySelectorAll('.panel')) {
      const pr = box(p);
      for (const e of p.querySelectorAll('canvas, svg, .plot, .panel-side, .plot-column')) {
        const b = box(e);
        if (b.width > 0 && (b.right > pr.right + 1 || b.left < pr.left - 1)) out.push(`${e.tagName.toLowerCase()}.${e.getAttribute('class')} ${Math.round(b.left)}..${Math.round(b.right)} in panel ${Math.round(pr.left)}..${Math.round(pr.right)}`);
      }
      for (const m of metrics) {
        const x = Math.min(pr.right, m.right) - Math.max(pr.left, m.left);
        const y = Math.min(pr.bottom, m.bottom) - Math.max(pr.top, m.top);
        if (x > 1 && y > 1) out.push(`panel ${Math.round(pr.left)}..${Math.round(pr.right)} overlaps the metrics ${Math.round(m.left)}..${Math.round(m.right)}`);
      }
      // the header sits at the top of its panel (no row stretched above it by the metrics beside)
      const head = p.querySelector('.panel-header');
      if (head && box(head).top - pr.top > 30) out.push(`panel header ${Math.round(box(head).top - pr.top)} px below its panel's top`);
      const c = p.querySelector('[data-testid="panel-canvas"]');
      // every canvas is laid out again: its drawing buffer matches its new box
      if (c && Math.abs(c.width / (window.devicePixelRatio || 1) - box(c).width) > 2) out.push(`canvas buffer ${c.width} for a ${Math.round(box(c).width)} px box`);
    }
    return out;
  });

export async function liveProjectorSwitchRelaysEveryPanel({ page, baseUrl, errors }) {
  for (const [w, h, panels] of [
    [1920, 1080, 'etd-b,svgd'], // the metrics in a column beside the panels
    [1920, 1080, 'etd-b,svgd,sgld'], // the metrics in the grid beside the third panel
    [1280, 800, 'etd-b,svgd,sgld'],
  ]) {
    {
      await page.setViewportSize({ width: w, height: h });
      await open(page, baseUrl, `t=gmm-ring-8&n=40&p=${panels}`);
      await page.click(sel.play); // the canvases are drawn at the full page's size first
      await page.waitForTimeout(800);
      const where = `${w}x${h}, ${panels}`;
      await page.click('[data-testid="classroom-button"]');
      await page.waitForSelector('.app[data-view-mode="classroom"]');
      await page.waitForTimeout(600);
      let bad = await overlaps(page);
      assert(bad.length === 0, `${where}, classroom: ${bad.join('; ')}`);
      await page.click('[data-testid="projector-button"]');
      await page.waitForSelector('.app[data-view-mode="projector"]');
      await page.waitForTimeout(800);
      bad = await overlaps(page);
      assert(bad.length === 0, `${where}, classroom -> projector: ${bad.join('; ')}`);
      await page.click('[data-testid="classroom-button"]');
      await page.waitForSelector('.app[data-view-mode="classroom"]');
      await page.waitForTimeout(800);
      bad = await overlaps(page);
      assert(bad.length === 0, `${where}, projector -> classroom: ${bad.join('; ')}`);
      await page.click(sel.play);
    }
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function stagesInProjectorModeUseTheScreen({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, baseUrl, 'ui=projector&t=gmm-ring-8&n=30&seed=3&p=etd-b&p1.coupling=unbalanced');
  await page.click(sel.step);
  await waitForIteration(page, 1);
  await waitIdle(page);
  await page.click('[data-testid="panel-stages-0"]');
  await page.waitForSelector('[data-testid="stages-view"][data-state="ready"]');
  for (let k = 1; k <= 7; k++) {
    await page.waitForTimeout(150);
    const m = await page.evaluate(() => {
      const d = document.querySelector('.stages-dialog').getBoundingClientRect();
      const steps = document.querySelector('.stages-steps');
      const tabs = [...steps.querySelectorAll('button')].map((b) => {
        const r = b.getBoundingClientRect();
        return { right: r.right, left: r.left, clipped: b.scrollWidth > b.clientWidth + 1, text: b.textContent };
      });
      const formulas = [...document.querySelectorAll('.stages-formula')].map((f) => f.scrollWidth - f.clientWidth);
      const text = parseFloat(getComputedStyle(document.querySelector('.stages-text p')).fontSize);
      const legend = document.querySelectorAll('[data-testid="stages-legend"] li').length;
      return { width: d.width, left: d.left, right: d.right, tabs, stepsScroll: steps.scrollWidth - steps.clientWidth, formulas, text, legend };
    });
    const where = `projector, stage ${k}`;
    assert(m.width >= 0.9 * 1920 && m.left >= 0 && m.right <= 1920, `${where}: the dialog is ${Math.round(m.width)} px wide at ${Math.round(m.left)}..${Math.round(m.right)}`);
    assert(m.tabs.length === 7 && m.stepsScroll <= 1 && m.tabs.every((t) => !t.clipped && t.right <= m.right && t.left >= m.left), `${where}: tabs ${JSON.stringify(m.tabs)} (scroll ${m.stepsScroll})`);
    assert(m.tabs.every((t) => /^\d \S/.test(t.text.trim()) && t.text.trim().length > 3), `${where}: tab titles ${m.tabs.map((t) => t.text).join(' | ')}`);
    assert(m.formulas.every((s) => s <= 1), `${where}: a formula is clipped by ${Math.max(...m.formulas)} px`);
    assert(m.text >= 17, `${where}: text ${m.text}px`);
    assert(m.legend >= 1, `${where}: no legend under the picture`);
    const text = (await page.textContent('.stages-text')) ?? '';
    if (k === 3) assert(!/grey rings/.test(text) && /(grey crosses|No proposal sits on the floor)/.test(text) && /white rings are the particles/.test(text), `stage 3's caption: ${text}`);
    if (k === 4) assert(/C_ij/.test(text) && (await page.locator('.stages-text .katex').allTextContents()).every((f) => !/x_i\s*−\s*y_j|∥x/.test(f)), 'stage 4 mixes cost notations');
    if (k === 5) {
      // The text ends at the residual the chart's diamond shows (the returned plan's).
      const final = await page.getAttribute('.stages-sinkhorn', 'data-final-residual');
      const tex = (await page.locator('.stages-text .katex-mathml annotation').allTextContents()).join(' ');
      assert(final && tex.includes(`= ${final}`), `stage 5: the chart's final residual ${final} is not in the text: ${tex.slice(0, 400)}`);
    }
    if (k < 7) await page.keyboard.press('ArrowRight');
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function aboutCardsOpenAtTheTop({ page, baseUrl, errors }) {
  for (const [w, h] of [
    [390, 844],
    [1280, 800],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, baseUrl, 't=gmm-ring-8&n=30&p=etd-b,svgd');
    await page.click('[data-testid="panel-about-0"]');
    const dialog = page.locator('[data-testid="about-dialog-0"]');
    await dialog.waitFor({ state: 'visible' });
    await page.waitForTimeout(200);
    const m = await dialog.evaluate((d) => ({ top: d.scrollTop, scrollable: d.scrollHeight > d.clientHeight, heading: d.querySelector('h2').getBoundingClientRect().top - d.getBoundingClientRect().top }));
    assert(m.top === 0 && m.heading < 60, `${w}x${h}: the ETD card opened scrolled to ${m.top} px (heading at ${m.heading})`);
    assert(m.scrollable || w > 1000, `${w}x${h}: the card was expected to be longer than the phone`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function formulaAndDrawHaveAWayBackToTheGallery({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, 't=u1&n=30&p=svgd');
  for (const editor of ['formula', 'draw']) {
    await page.click(`[data-testid="gallery-${editor}"]`);
    await page.waitForSelector('.gallery-details:not([open])', { state: 'attached' });
    const back = page.locator('[data-testid="back-to-gallery"]');
    assert(await back.isVisible(), `${editor}: no visible way back to the gallery`);
    const text = (await back.textContent()) ?? '';
    assert(/gallery/i.test(text), `${editor}: the button reads '${text}'`);
    await back.click();
    await page.waitForSelector('.gallery-details[open]');
    assert(await page.locator('[data-testid="gallery-u2"]').isVisible(), `${editor}: the gallery did not come back`);
    await page.click('[data-testid="gallery-u2"]');
    await waitReady(page);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('t') === 'u2');
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function planCaptionAndTopBarSayWhatTheyShow({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, 't=gmm-ring-8&n=40&p=etd-b,svgd');
  for (let k = 1; k <= 2; k++) {
    await page.click(sel.step);
    await waitForIteration(page, k);
    await waitIdle(page);
  }
  await page.waitForTimeout(500);
  const caption = (await page.textContent('[data-testid="plan-caption"]')) ?? '';
  for (const words of ['Row: a particle', 'column: a proposal', 'nats', 'sums to 1', 'black', 'yellow'])
    assert(caption.includes(words), `the plan caption lacks '${words}': ${caption}`);
  const lo = (await page.textContent('[data-testid="plan-legend-lo"]')) ?? '';
  assert(caption.includes(lo), `the caption does not name the legend's low end ${lo}: ${caption}`);
  await page.click('[data-testid="plan-enlarge"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-dialog"]')?.matches(':modal'));
  assert(await page.locator('[data-testid="plan-dialog"] [data-testid="plan-caption"]').isVisible(), 'no caption in the enlarged plan view');
  await page.keyboard.press('Escape');
  // One panel steps on alone (the stage walk takes its next step): the top bar shows both iterations, and the walk's step is the panel's.
  await page.click('[data-testid="panel-stages-0"]'); // the walk takes panel 1's next step alone
  await page.waitForSelector('[data-testid="stages-view"][data-state="ready"]');
  const walk = (await page.textContent('[data-testid="stages-title"]')) ?? '';
  assert(/it 2 → 3/.test(walk), `the walk's title: ${walk}`);
  await page.click('[data-testid="stages-close"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]')?.textContent === '2–3', null, { timeout: 10_000 });
  assert((await page.textContent('[data-testid="panel-iteration-0"]')) === '3', 'panel 1 is not at 3');
  const title = (await page.getAttribute('.iteration', 'title')) ?? '';
  assert(/panel 1 at 3, panel 2 at 2/.test(title), `top bar title: ${title}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function couplingLinesGoWithTheirTarget({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, 't=gmm-ring-8&n=40&p=etd-b');
  await page.check('[data-testid="coupling-lines"]');
  for (let k = 1; k <= 2; k++) {
    await page.click(sel.step);
    await waitForIteration(page, k);
    await waitIdle(page);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="panel-canvas"]')?.dataset.couplingLines === '2', null, { timeout: 10_000 });
  await page.click('[data-testid="gallery-u1"]');
  await waitReady(page);
  await page.waitForTimeout(800);
  const drawn = await page.getAttribute('[data-testid="panel-canvas"]', 'data-coupling-lines');
  assert(drawn === '0', `after the target change the plot still draws the old target's coupling lines (of iteration ${drawn})`);
  await page.click(sel.step);
  await waitForIteration(page, 1);
  await page.waitForFunction(() => document.querySelector('[data-testid="panel-canvas"]')?.dataset.couplingLines === '1', null, { timeout: 10_000 });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function runEveryPanelToStepKForComparableSnapshots({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, 't=gmm-ring-8&n=30&seed=2&p=etd-b,svgd&speed=120');
  // Panels at different iterations first: play a while (each runs at its own pace).
  await page.click(sel.play);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="panel-iteration-"]')].every((o) => Number(o.textContent) >= 5), null, { timeout: 30_000 });
  await page.click(sel.play);
  await waitIdle(page);
  const K = 40;
  await page.click('[data-testid="run-to-open"]');
  await page.fill('[data-testid="run-to-k"]', String(K));
  await page.click('[data-testid="run-to"]');
  await page.waitForFunction((k) => document.querySelector('[data-testid="iteration"]')?.textContent === String(k) && !document.querySelector('[data-testid="run-to-cancel"]'), K, { timeout: 90_000 });
  await waitIdle(page);
  const its = await page.$$eval('[data-testid^="panel-iteration-"]', (os) => os.map((o) => Number(o.textContent)));
  assert(its.length === 2 && its.every((it) => it === K), `panels at ${its} after running to ${K}`); // both panels, never an empty list
  // The exports hold every panel at K: particles CSV rows, the run JSON's steps, the figure's title.
  await page.click('[data-testid="export-button"]');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const rows = (await (await import('node:fs/promises')).readFile(await csv.path(), 'utf8')).trim().split('\n').slice(1);
  assert(rows.every((r) => r.split(',')[2] === String(K)), `particle rows not all at ${K}: ${[...new Set(rows.map((r) => r.split(',')[2]))]}`);
  await page.click('[data-testid="export-button"]');
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  const config = JSON.parse(await (await import('node:fs/promises')).readFile(await json.path(), 'utf8'));
  assert(config.run.steps === K, `run JSON steps ${config.run.steps}`);
  // A K below where they are: every panel restarts from its seed and stops at K.
  await page.click('[data-testid="run-to-open"]');
  await page.fill('[data-testid="run-to-k"]', '7');
  await page.click('[data-testid="run-to"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="iteration"]')?.textContent === '7' && !document.querySelector('[data-testid="run-to-cancel"]'), null, { timeout: 60_000 });
  // A bad K says why and runs nothing.
  await page.click('[data-testid="run-to-open"]');
  await page.fill('[data-testid="run-to-k"]', '0');
  await page.click('[data-testid="run-to"]');
  const problem = (await page.textContent('[data-testid="run-to-problem"]')) ?? '';
  assert(/invalid K: 0/.test(problem), `bad K message: ${problem}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

/** A phone: 390 x 844 CSS pixels, touch, no mouse. */
async function phone(page) {
  const context = await page.context().browser().newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { p, context, errors };
}

const inView = (b, w = 390, h = 844) => b && b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= w + 0.5 && b.y + b.height <= h + 0.5;

export async function phoneHeaderSheetMenusAndTwoPanels({ page, baseUrl }) {
  const { p, context, errors } = await phone(page);
  try {
    await p.goto(`${baseUrl}?v=1&t=gmm-ring-8&n=40&seed=3&p=etd-b,svgd`);
    await waitReady(p);
    // Two panels on screen together, side by side, below the header.
    const header = await p.locator('.topbar').boundingBox();
    const plots = await p.locator(sel.canvas).evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().toJSON()));
    assert(plots.length === 2 && plots.every((b) => inView(b) && b.y >= header.y + header.height - 1), `plots ${JSON.stringify(plots)} under a header ending at ${header.y + header.height}`);
    assert(plots[0].x + plots[0].width <= plots[1].x + 1, `the two plots are not side by side: ${plots.map((b) => Math.round(b.x))}`);
    assert(header.height <= 64, `the header is ${header.height} px tall`);
    // The header stays at the top while the page scrolls.
    await p.evaluate(() => window.scrollTo(0, 1200));
    await p.waitForTimeout(200);
    const stuck = await p.locator('[data-testid="play"]').boundingBox();
    assert(stuck && stuck.y >= 0 && stuck.y < 60, `after scrolling, Play is at y = ${stuck?.y}`);
    // Target and samplers from the top: the sheet opens over the page with the gallery in view.
    await p.tap('[data-testid="setup-toggle"]');
    const tile = await p.locator('[data-testid="gallery-u1"]').boundingBox();
    assert(inView(tile), `the gallery's first tile is at ${JSON.stringify(tile)}`);
    await p.tap('[data-testid="gallery-banana"]');
    await p.locator('[data-testid="panel-sampler-1"]').scrollIntoViewIfNeeded();
    assert(await p.locator('[data-testid="panel-sampler-1"]').isVisible(), 'the samplers are not in the sheet');
    await p.tap('[data-testid="setup-done"]');
    assert(!(await p.locator('[data-testid="sidepanel"]').isVisible()), 'the sheet stayed open after Done');
    await waitReady(p);
    await p.waitForFunction(() => new URLSearchParams(location.search).get('t') === 'banana');
    // Every menu of the header stays inside the screen.
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.tap('[data-testid="tools-toggle"]');
    for (const [button, menu] of [
      ['presets-button', 'presets-menu'],
      ['export-button', 'export-menu'],
      ['run-to-open', null],
    ]) {
      await p.tap(`[data-testid="${button}"]`);
      const m = menu ? await p.locator(`[data-testid="${menu}"]`).boundingBox() : await p.locator('.run-to-form').boundingBox();
      assert(m && m.x >= 0 && m.x + m.width <= 390, `${menu ?? 'run-to'} spans x = ${m && Math.round(m.x)}..${m && Math.round(m.x + m.width)}`);
      await p.tap(`[data-testid="${button}"]`);
    }
    // Hints name the gesture of a touch screen.
    await p.tap('[data-testid="panel-stages-0"]');
    await p.waitForSelector('[data-testid="stages-view"][data-state="ready"]');
    const walk = (await p.textContent('[data-testid="stages-view"]')) ?? '';
    assert(/tap one in the picture/.test(walk) && !/click/i.test(walk), `the walk's hint: ${walk.match(/\(or [^)]*\)/)?.[0]}`);
    await p.tap('[data-testid="stages-close"]');
    // One per row: large plots, with the plan and the histograms.
    await p.tap('[data-testid="phone-layout-single"]');
    await p.waitForTimeout(300);
    const widths = await p.locator(sel.canvas).evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().width));
    assert(widths.every((w) => w >= 350), `one per row: plot widths ${widths}`);
    assert(await p.locator('[data-testid="marginals"]').first().isVisible(), 'no histograms one per row');
    assert(errors.length === 0, `page errors:\n${errors.join('\n')}`);
  } finally {
    await context.close();
  }
}
