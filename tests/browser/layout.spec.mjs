// Browser tests of the layout on every screen (phone, laptop, wide, projector) and of the pictures
// explaining themselves: titles with the changed parameters, axes and a pointer readout, the
// classroom / projector buttons, keyboard access, the large plan view and the preset's note.
// Sizes stay small (N = 40-60) so the software-only machine keeps up.
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';
import { expectGolden } from './lib/golden.mjs';

/** Plot widths (CSS px) the layout gave before issue 12, at these window sizes with 2 and 4 panels. */
const PLOT_BEFORE = { '1280x800': 247, '1920x1080': 372 };

const open = async (page, baseUrl, query) => {
  await page.goto(`${baseUrl}?v=1&${query}`);
  await waitReady(page);
  await waitForIteration(page, 0);
};

/** Take `k` single steps of every panel and wait until each is drawn (a fixed, paused picture). */
async function stepTo(page, k) {
  for (let i = 1; i <= k; i++) {
    await page.click(sel.step);
    await waitForIteration(page, i);
    await waitIdle(page);
  }
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.waitForTimeout(700); // the render loop, the plan view and the charts' timers catch up
}

/** Elements with a vertical scroll area of their own (content taller than the box, overflow auto or scroll). */
const nestedScrollers = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => {
        const o = getComputedStyle(e).overflowY;
        return (o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight + 1;
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  );

const plotWidths = (page) => page.$$eval(sel.canvas, (cs) => cs.map((c) => c.getBoundingClientRect().width));

export async function phonePlotFillsTheWidth({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, baseUrl, 't=u1&n=60&p=etd-b,svgd&p1.eps=0.05');
  await page.click('[data-testid="phone-layout-single"]'); // side by side is the phone's default (teaching.spec.mjs)
  await page.waitForTimeout(300);
  const widths = await plotWidths(page);
  assert(widths.every((w) => w >= 350), `plot widths on a 390 px phone: ${widths.join(', ')}`);
  const lefts = await page.$$eval('.panel', (ps) => ps.map((p) => Math.round(p.getBoundingClientRect().left)));
  assert(new Set(lefts).size === 1, `phone panels are not in one column: lefts ${lefts.join(', ')}`);
  assert((await nestedScrollers(page)).length === 0, `nested scroll areas on a phone: ${await nestedScrollers(page)}`);
  await stepTo(page, 3);
  await expectGolden(await page.screenshot(), 'layout-phone-390x844', { threshold: 0.1, maxDiffRatio: 0.01 });
  // an open parameter sheet lies over the plot and grows with its fields: still one page scroll
  await page.click('[data-testid="panel-params-toggle-0"]');
  await page.waitForSelector('.param-sheet');
  assert((await nestedScrollers(page)).length === 0, `nested scroll areas with a parameter sheet open: ${await nestedScrollers(page)}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function wideScreensUseTheSpaceWithOnePageScroll({ page, baseUrl, errors }) {
  for (const [w, h] of [
    [1280, 800],
    [1920, 1080],
  ]) {
    for (const panels of ['etd-b,svgd', 'etd-b,svgd,sgld,mala']) {
      await page.setViewportSize({ width: w, height: h });
      await open(page, baseUrl, `t=u1&n=40&p=${panels}`);
      await page.waitForTimeout(300);
      const where = `${w}x${h} with ${panels.split(',').length} panels`;
      const scrollers = await nestedScrollers(page);
      assert(scrollers.length === 0, `${where}: elements with their own scrollbar: ${scrollers.join(', ')}`);
      const widths = await plotWidths(page);
      const before = PLOT_BEFORE[`${w}x${h}`];
      assert(widths.every((x) => x >= before * 1.2), `${where}: plots ${widths.map(Math.round).join(', ')} px wide, before ${before}`);
      // the first plot is entirely in the window without scrolling
      const bottom = await page.$eval(sel.canvas, (c) => c.getBoundingClientRect().bottom);
      assert(bottom <= h, `${where}: the first plot ends at ${Math.round(bottom)} px, below the window`);
      // the metrics are reached by the page's own scroll
      const reach = await page.evaluate(() => {
        const m = document.querySelector('[data-testid="metrics-area"]');
        m.scrollIntoView();
        const r = m.getBoundingClientRect();
        return { top: r.top, height: innerHeight };
      });
      assert(reach.top < reach.height, `${where}: the metrics are not reachable by scrolling the page (top ${reach.top})`);
    }
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function sixPanelsTakeThreeColumnsOnAWideScreen({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, baseUrl, 't=u1&n=30&p=svgd,sgld,mala,svgd,sgld,mala');
  const columns = async () => new Set(await page.$$eval('.panel', (ps) => ps.map((p) => Math.round(p.getBoundingClientRect().left)))).size;
  assert((await columns()) === 3, `6 panels at 1920 px: ${await columns()} columns`);
  assert((await nestedScrollers(page)).length === 0, `6 panels: nested scroll areas ${await nestedScrollers(page)}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
  assert((await columns()) === 2, `6 panels at 1280 px: ${await columns()} columns`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function titlesNameTheChangedParameters({ page, baseUrl, errors }) {
  await open(page, baseUrl, 't=u1&n=40&p=etd-b,etd-b,svgd&p1.eps=0.05&p2.eps=0.5');
  const titles = await page.locator('.panel-header > h2').allTextContents();
  assert(/ETD-B · eps 0\.05/.test(titles[0]) && /ETD-B · eps 0\.5/.test(titles[1]) && /SVGD$/.test(titles[2]), `panel titles: ${titles.join(' | ')}`);
  await page.waitForSelector('.metrics-legend li');
  const legend = await page.locator('.metrics-legend li').allTextContents();
  assert(legend[0]?.includes('eps 0.05') && legend[1]?.includes('eps 0.5'), `metric legend: ${legend.join(' | ')}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function axesAndHoverReadoutShowCoordinates({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, 't=u1&n=40&p=svgd'); // box [-4, 4]²
  const ticks = await page.locator('[data-testid="plot-axes-0"] text').allTextContents();
  for (const t of ['−2', '0', '2']) assert(ticks.filter((s) => s === t).length === 2, `x and y ticks should both show ${t}: ${ticks.join(' ')}`);
  const r = await page.$eval(sel.canvas, (c) => c.getBoundingClientRect().toJSON());
  const readout = '[data-testid="plot-readout-0"]';
  assert(await page.isHidden(readout), 'the readout shows before the pointer is on the plot');
  await page.mouse.move(r.x + 0.25 * r.width, r.y + 0.75 * r.height); // (x, y) = (-2, -2)
  await page.waitForSelector(`${readout}:not([hidden])`);
  const text = (await page.textContent(readout)) ?? '';
  const m = /x (-?\d+\.\d+)\s+y (-?\d+\.\d+)\s+log p (-?\d+\.\d+|−∞)/.exec(text);
  assert(m && Math.abs(Number(m[1]) + 2) < 0.05 && Math.abs(Number(m[2]) + 2) < 0.05, `readout at (-2, -2): '${text}'`);
  await page.mouse.move(r.x + 0.5 * r.width, r.y + 0.5 * r.height); // the hole of the ring: lower density
  const centre = (await page.textContent(readout)) ?? '';
  const c = /log p (-?\d+\.\d+|−∞)/.exec(centre);
  const logp = (s) => (s === '−∞' ? -Infinity : Number(s));
  assert(c && /x 0\.00\s+y 0\.00/.test(centre) && logp(c[1]) !== logp(m[3]), `readout at the centre: '${centre}' (at (-2, -2): '${text}')`);
  await page.mouse.move(r.x - 20, r.y - 20);
  await page.waitForSelector(`${readout}[hidden]`, { state: 'attached' });
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function classroomAndProjectorButtons({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, baseUrl, 't=u1&n=40&p=etd-b,svgd');
  const before = await plotWidths(page);
  await page.click('[data-testid="classroom-button"]');
  await page.waitForSelector('.app[data-view-mode="classroom"]');
  assert(!(await page.$('.sidepanel')), 'classroom mode still shows the side panel');
  await page.waitForFunction(() => location.search.includes('ui=classroom'));
  await page.click('[data-testid="projector-button"]');
  await page.waitForSelector('.app[data-view-mode="projector"]');
  await page.waitForFunction(() => location.search.includes('ui=projector'));
  const font = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const title = await page.$eval('.panel-header > h2', (h) => parseFloat(getComputedStyle(h).fontSize));
  assert(font >= 20 && title >= 21, `projector text: root ${font}px, panel title ${title}px`);
  await page.waitForTimeout(300);
  const after = await plotWidths(page);
  assert(after[0] > before[0], `the plots did not take the side panel's room: ${before[0]} -> ${after[0]}`);
  assert((await nestedScrollers(page)).length === 0, `projector: nested scroll areas ${await nestedScrollers(page)}`);
  await stepTo(page, 20); // metrics are recorded every 10 steps: the charts show lines
  await expectGolden(await page.screenshot(), 'layout-projector-1920x1080', { threshold: 0.1, maxDiffRatio: 0.01 });
  await page.click('[data-testid="leave-view-mode"]');
  await page.waitForSelector('.app[data-view-mode="full"]');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function spacePressesTheFocusedButtonAndArrowsMoveTheSpeed({ page, baseUrl, errors }) {
  await open(page, baseUrl, 't=u1&n=40&p=svgd');
  const playing = async () => (await page.getAttribute(sel.play, 'aria-pressed')) === 'true';
  await page.focus(sel.step);
  await page.keyboard.press(' ');
  await waitForIteration(page, 1);
  await waitIdle(page);
  assert(!(await playing()), 'Space on the focused Step button started playing');
  assert((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'step', 'Space moved the focus off the button');

  const speed = async () => Number(((await page.textContent('[data-testid="speed-value"]')) ?? '').replace('/s', ''));
  await page.focus('[data-testid="speed"]');
  const s0 = await speed();
  await page.keyboard.press('ArrowRight');
  const s1 = await speed();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const s2 = await speed();
  assert(s1 > s0 && s2 < s1 && s2 < s0, `speed after →, ←, ←: ${s0} -> ${s1} -> ${s2}`);
  await page.waitForFunction((v) => new URLSearchParams(location.search).get('speed') === String(v), s2);

  // Space elsewhere still plays and pauses
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press(' ');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'true', sel.play);
  await page.keyboard.press(' ');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-pressed') === 'false', sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function planViewEnlargesAndPresetNoteStays({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, 't=u1&n=40&p=etd-b');
  await stepTo(page, 1);
  const small = await page.$eval('[data-testid="plan-canvas"]', (c) => c.getBoundingClientRect().width);
  await page.click('[data-testid="plan-enlarge"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-dialog"]')?.matches(':modal'));
  await page.waitForTimeout(200);
  const large = await page.$eval('[data-testid="plan-canvas"]', (c) => c.getBoundingClientRect().width);
  assert(large > 2.5 * small && large > 700, `plan view: ${Math.round(small)} px in the panel, ${Math.round(large)} px enlarged`);
  const drawn = await page.getAttribute('[data-testid="plan-canvas"]', 'data-plan-iteration');
  assert(drawn === '1', `the enlarged plan view shows no plan (iteration '${drawn}')`);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="plan-dialog"]')?.matches(':modal'));
  await page.waitForTimeout(200);
  const back = await page.$eval('[data-testid="plan-canvas"]', (c) => c.getBoundingClientRect().width);
  assert(Math.abs(back - small) < 2, `after Esc the plan view is ${back} px wide, was ${small}`);

  await page.click('[data-testid="presets-button"]');
  await page.click('[data-testid="named-preset-ring-collapse"]');
  await waitReady(page);
  await page.waitForTimeout(1500); // the note must outlive the menu and the restart
  const note = (await page.textContent('[data-testid="preset-note"]')) ?? '';
  assert(note.includes('Ring of 8') && note.includes('repulsion is local'), `preset note: '${note}'`);
  await page.click('[data-testid="dismiss-preset-note"]');
  assert(!(await page.$('[data-testid="preset-note"]')), 'the preset note is still there after Dismiss');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
