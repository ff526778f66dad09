// Browser tests of "Logistic regression you can see" (docs/logistic-2d.md): the data panel opens
// from the gallery, a click adds a point (kept in the link's fragment), the decision lines and the
// predictive shading are drawn from a panel's particles, a bad link gives one notice, and a tap
// adds a point on a phone.
import { assert, readIteration, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

const canvasSel = '[data-testid="lr-canvas"]';
const count = (page) => page.textContent('[data-testid="lr-count"]');

/** The points of the link's fragment (the query must not hold them). */
const linkPoints = (page) =>
  page.evaluate(() => {
    const inQuery = new URLSearchParams(location.search).has('lr');
    const raw = new URLSearchParams(location.hash.slice(1)).get('lr');
    return { inQuery, points: raw === null ? null : raw === '' ? [] : raw.split('_').map((p) => p.split(',').map(Number)) };
  });

/** Pixel classes of the data canvas: shading towards class 0 (blue), class 1 (orange), dark line pixels. */
const pixels = (page) =>
  page.evaluate((s) => {
    const c = document.querySelector(s);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0, orange = 0, dark = 0;
    for (let k = 0; k < d.length; k += 4) {
      const [r, g, b] = [d[k], d[k + 1], d[k + 2]];
      if (b > r + 25) blue++;
      else if (r > b + 25) orange++;
      if (r < 150 && g < 150 && b < 150 && Math.abs(r - b) < 30) dark++;
    }
    const n = d.length / 4;
    return { blue: blue / n, orange: orange / n, dark: dark / n, lines: Number(c.dataset.lines), shaded: c.dataset.shaded, iteration: Number(c.dataset.iteration) };
  }, canvasSel);

/** Click the data plane at data coordinates (x, y) in [-5, 5]^2. */
async function clickAt(page, x, y, how = 'click') {
  const b = await page.locator(canvasSel).boundingBox();
  const at = { x: b.x + ((x + 5) / 10) * b.width, y: b.y + ((5 - y) / 10) * b.height };
  if (how === 'tap') await page.touchscreen.tap(at.x, at.y);
  else await page.mouse.click(at.x, at.y);
}

export async function logisticViewAddsAPointAndDrawsLinesAndShading({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=banana&n=60&seed=2&p=etd-b,mala`);
  await waitReady(page);
  await page.click('[data-testid="gallery-logistic"]');
  await page.waitForSelector(canvasSel);
  await waitReady(page);
  assert((await count(page)) === '7 + 7 points', `starting points: ${await count(page)}`);
  const caption = (await page.textContent('[data-testid="lr-caption"]')) ?? '';
  assert(/decision boundaries w·\(x − c\) = 0 of 30 particles of panel 1/.test(caption) && /predictive probability of class 1/.test(caption), `caption: ${caption}`);

  // A class-0 point near (3.5, 3.5), in the link's fragment.
  await page.click('[data-testid="lr-class-0"]');
  await clickAt(page, 3.5, 3.5);
  assert((await count(page)) === '8 + 7 points', `after a click: ${await count(page)}`);
  await page.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('lr') ?? '').split('_').length === 15);
  let link = await linkPoints(page);
  const added = link.points.at(-1);
  assert(!link.inQuery && Math.abs(added[0] - 3.5) < 0.1 && Math.abs(added[1] - 3.5) < 0.1 && added[2] === 0, `link after the click: ${JSON.stringify(link)}`);

  // A few steps: the lines of 30 of panel 1's particles and the shading are drawn.
  await waitReady(page);
  for (let k = 0; k < 4; k++) {
    await page.click(sel.step);
    await waitIdle(page);
  }
  await waitForIteration(page, 4);
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.iteration === '4', canvasSel);
  const px = await pixels(page);
  assert(px.lines === 30 && px.shaded === 'true', `drawn: ${JSON.stringify(px)}`);
  assert(px.blue > 0.1 && px.orange > 0.1, `shading towards both classes: ${JSON.stringify(px)}`);
  assert(px.dark > 0.005, `decision lines: ${JSON.stringify(px)}`);

  // Pointing at a particle of panel 1 draws its own line, bold, in the panel's colour.
  const dot = await page.evaluate((s) => {
    const c = document.querySelectorAll(s)[0];
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const dpr = c.width / c.getBoundingClientRect().width;
    for (let k = 0; k < d.length; k += 4)
      if (d[k] > 245 && d[k + 1] > 245 && d[k + 2] > 245) {
        const r = c.getBoundingClientRect();
        return { x: r.left + ((k / 4) % c.width) / dpr, y: r.top + Math.floor(k / 4 / c.width) / dpr + 2 };
      }
    return null;
  }, sel.canvas);
  assert(dot, 'no particle found on panel 1');
  await page.mouse.move(dot.x, dot.y);
  await page.waitForFunction((s) => /^0:\d+$/.test(document.querySelector(s)?.dataset.highlight ?? ''), canvasSel, { timeout: 5_000 });
  await page.mouse.move(0, 0);
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.highlight === '', canvasSel, { timeout: 5_000 });

  // Lines of panel 2 instead: still drawn, from MALA's particles.
  await page.selectOption('[data-testid="lr-source"]', '1');
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.lines === '30', canvasSel);

  // The link reopens the same data (a new document: a fragment-only navigation would not reload).
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await waitReady(page);
  assert((await count(page)) === '8 + 7 points', `reopened link: ${await count(page)}`);
  // Remove takes the nearest point away.
  await page.click('[data-testid="lr-remove"]');
  await clickAt(page, added[0] + 0.05, added[1] - 0.05);
  assert((await count(page)) === '7 + 7 points', `after Remove: ${await count(page)}`);
  await page.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('lr') ?? '').split('_').length === 14);
  link = await linkPoints(page);
  assert(!link.points.some((p) => Math.abs(p[0] - added[0]) < 1e-9 && Math.abs(p[1] - added[1]) < 1e-9), `the removed point is still in the link`);

  // The keyboard: arrows move a cursor, Enter adds a point of the chosen class there.
  await page.click('[data-testid="lr-class-0"]');
  await page.focus(canvasSel);
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'Shift+ArrowUp', 'Enter']) await page.keyboard.press(key);
  assert((await count(page)) === '8 + 7 points', `after Enter: ${await count(page)}`);
  await page.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('lr') ?? '').endsWith('_1,1,0'));
  // Space on the plane adds a point too, and does not start playing (the page's shortcut).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  assert((await count(page)) === '9 + 7 points', `after Space: ${await count(page)}`);
  await page.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('lr') ?? '').endsWith('_1,1,0_1,0.75,0'));
  await waitReady(page);
  await page.waitForTimeout(600);
  assert((await readIteration(page)) === 0, `Space on the plane started playing (iteration ${await readIteration(page)})`);

  // Clear: no points (the prior), an empty lr in the link; Start again: the fourteen points.
  await page.click('[data-testid="lr-clear"]');
  assert((await count(page)) === '0 + 0 points', `after Clear: ${await count(page)}`);
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('lr') === '');
  await waitReady(page);
  await page.click('[data-testid="lr-start"]');
  assert((await count(page)) === '7 + 7 points', `after Start again: ${await count(page)}`);
  await page.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('lr') ?? '').split('_').length === 14);

  // Bad point data: one notice, the starting points, a working app.
  await page.goto('about:blank');
  await page.goto(`${baseUrl}#v=1&lr=1,2,1_0,9,0&n=40&p=mala`);
  await waitReady(page);
  const notices = await page.locator('[data-testid="url-notices"] li').allTextContents();
  assert(notices.length === 1 && /points in lr not used: invalid point 2: coordinate 9/.test(notices[0]), `notices: ${JSON.stringify(notices)}`);
  assert((await count(page)) === '7 + 7 points', `after a bad link: ${await count(page)}`);
  await page.click(sel.step);
  await waitForIteration(page, 1);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function logisticViewTapToAddOnAPhone({ page, baseUrl }) {
  const context = await page.context().browser().newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await p.goto(`${baseUrl}#v=1&lr=-2,-1,0_2,1,1&n=40&p=etd-b,svgd`);
    await waitReady(p);
    assert((await count(p)) === '1 + 1 points', `opened: ${await count(p)}`);
    await clickAt(p, -1, 2, 'tap'); // class 1 is the default tool
    assert((await count(p)) === '1 + 2 points', `after a tap: ${await count(p)}`);
    // The data panel fits the screen's width and the sampler plots start on the first screen.
    const data = await p.locator('[data-testid="lr-data"]').boundingBox();
    const plot = await p.locator(sel.canvas).first().boundingBox();
    assert(data.x >= 0 && data.x + data.width <= 390.5, `data panel spans ${data.x}..${data.x + data.width}`);
    assert(plot.y < 844, `the first plot starts at y = ${plot.y}`);
    const caption = await p.locator('[data-testid="lr-caption"]').boundingBox();
    assert(caption.y + caption.height <= plot.y, 'the caption is not under the data plane');
    await p.waitForFunction(() => (new URLSearchParams(location.hash.slice(1)).get('lr') ?? '').split('_').length === 3);
    assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
  } finally {
    await context.close();
  }
}
