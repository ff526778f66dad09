// Browser tests of the teaching layouts (issue 19): live Classroom <-> Projector switches re-lay
// every panel, the stage walk uses a projector's screen, About cards open at the top, a visible
// way back to the gallery from Formula and Draw.
import { assert, sel, waitForIteration, waitIdle, waitReady } from './lib/app.mjs';

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
      const c = p.querySelector('[data-testid="panel-canvas"]');
      // every canvas is laid out again: its drawing buffer matches its new box
      if (c && Math.abs(c.width / (window.devicePixelRatio || 1) - box(c).width) > 2) out.push(`canvas buffer ${c.width} for a ${Math.round(box(c).width)} px box`);
    }
    return out;
  });

export async function liveProjectorSwitchRelaysEveryPanel({ page, baseUrl, errors }) {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 800],
  ]) {
    for (const panels of ['etd-b,svgd', 'etd-b,svgd,sgld']) {
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
    if (k < 7) await page.keyboard.press('ArrowRight');
  }
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
