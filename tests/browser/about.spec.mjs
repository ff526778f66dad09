// "About this sampler" cards and the wide z1 strip of the paper's unconfined U3 figure.
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';

export async function aboutCardExplainsTheSamplerInWords({ page, baseUrl, errors }) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd&p1.eps=0.05', baseUrl).href);
  await waitReady(page);
  await page.click('[data-testid="panel-about-0"]');
  const dialog = page.locator('[data-testid="about-dialog-0"]');
  await dialog.waitFor({ state: 'visible' });
  const text = await dialog.innerText();
  assert(text.includes('About ETD-B') && text.includes('Known to get wrong') && text.includes('Update rule'), `card text: ${text.slice(0, 200)}`);
  assert((await dialog.locator('.katex').count()) === 1, 'the update rule is not typeset');
  // Parameters in words with this panel's value and the default beside a changed one.
  const eps = await dialog.locator('[data-param="eps"] dt').innerText();
  assert(/Entropic blur/.test(eps) && /0\.05/.test(eps) && /default 0\.1/.test(eps), `eps line: ${eps}`);
  const labels = await dialog.locator('.about-param dt').allInnerTexts();
  for (const code of ['fdr:', 'clip:', 'rho:', 'eta:']) assert(!labels.some((l) => l.startsWith(code)), `a parameter is named by its code name: ${code}`);
  // The card fits the phone's width (it scrolls vertically inside the dialog, never sideways off screen).
  const box = await dialog.boundingBox();
  assert(box && box.x >= 0 && box.x + box.width <= 390, `dialog box ${JSON.stringify(box)}`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  // Every sampler has one: the SVGD panel's card names its known weakness.
  await page.click('[data-testid="panel-about-1"]');
  const svgd = await page.locator('[data-testid="about-dialog-1"]').innerText();
  assert(svgd.includes('About SVGD') && /variance/.test(svgd), 'SVGD card');
  await page.keyboard.press('Escape');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function aboutWideStripFollowsUnconfinedU3({ page, baseUrl, errors }) {
  await page.goto(new URL('?v=1&t=u3&conf=0&n=40&seed=1&p=etd-ub-sg,sgld', baseUrl).href);
  await waitReady(page);
  for (let k = 0; k < 30; k++) await page.click(sel.step);
  await waitForIteration(page, 30);
  await waitIdle(page);
  await page.waitForTimeout(500);
  for (const panel of [0, 1]) {
    const strip = page.locator(`[data-testid="wide-strip-${panel}"]`);
    assert(await strip.isVisible(), `no wide strip on panel ${panel}`);
    const spread = await page.locator(`[data-testid="wide-strip-spread-${panel}"]`).innerText();
    assert(/std z1 \d+\.\d/.test(spread), `spread readout: ${spread}`);
    const w = await strip.locator('canvas').evaluate((c) => c.width);
    assert(w > 100, `strip canvas width ${w}`);
  }
  // Without confinement particles far along z1 are expected: no "escaped" warning.
  assert((await page.locator('[data-testid^="panel-error-"]').count()) === 0, 'a panel warns on the unconfined target');
  // With the soft box the strip is not needed.
  await page.goto(new URL('?v=1&t=u3&n=40&seed=1&p=etd-ub-sg', baseUrl).href);
  await waitReady(page);
  assert((await page.locator('[data-testid^="wide-strip-"]').count()) === 0, 'strip shown on a confined target');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
