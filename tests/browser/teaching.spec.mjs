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
