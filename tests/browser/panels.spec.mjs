// Browser tests of one worker per panel: panels run at their own pace, a slow panel shows that it
// is computing, adding or removing a panel leaves the others running. Sizes stay small (N = 50);
// the slow ETD panel is made slow on purpose (M = 200 proposals per particle, 3000 Sinkhorn
// iterations a step that never reach tol = 1e-12: about a second a step here).
import { assert, sel, waitReady } from '../../src/bench/appPage.mjs';

const SLOW_ETD = 'p1.M=200&p1.maxIter=3000&p1.tol=1e-12';
const iteration = (page, i) => page.textContent(`[data-testid="panel-iteration-${i}"]`).then(Number);
const titles = (page) => page.locator('.panel-header > h2').allTextContents();

/** Wait until panel i's counter reaches at least v. */
async function waitPanelAt(page, i, v, timeout = 30_000) {
  await page.waitForFunction(([k, x]) => Number(document.querySelector(`[data-testid="panel-iteration-${k}"]`)?.textContent) >= x, [i, v], { timeout });
}

export async function panelsRunAtTheirOwnPace({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=u1&n=50&p=etd-b,svgd&${SLOW_ETD}&speed=60`);
  await waitReady(page);
  await page.click(sel.play);
  await waitPanelAt(page, 1, 60);
  const [etd, svgd] = [await iteration(page, 0), await iteration(page, 1)];
  assert(svgd >= 60 && svgd >= 4 * Math.max(1, etd), `SVGD should run ahead of the slow ETD panel: ETD ${etd}, SVGD ${svgd}`);

  // Each panel shows the rate it reaches; the slow one says it is computing and for how long.
  const note = await page.waitForSelector('[data-testid="panel-computing-0"]:not([hidden])', { timeout: 20_000 });
  const text = (await note.textContent()) ?? '';
  assert(/^computing step… \d+\.\d s$/.test(text), `the busy note reads '${text}'`);
  assert(await page.isHidden('[data-testid="panel-computing-1"]'), 'the fast panel shows a busy note');
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="panel-rate-1"]')?.textContent ?? ''), null, { timeout: 5_000 });
  const rate = async (i) => Number(((await page.textContent(`[data-testid="panel-rate-${i}"]`)) ?? '').replace(/[^\d.]/g, '') || 0);
  const [r0, r1] = [await rate(0), await rate(1)];
  assert(r1 > 20 && r1 > 4 * r0, `rates shown: ETD ${r0}/s, SVGD ${r1}/s`);

  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function addingAndRemovingPanelsKeepsTheOthersRunning({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=u1&n=50&p=etd-b,svgd&${SLOW_ETD}&speed=60`);
  await waitReady(page);
  await page.click(sel.play);
  await waitPanelAt(page, 1, 30);

  // Add a third panel while playing: SVGD's counter goes on from where it was.
  const beforeAdd = await iteration(page, 1);
  await page.click('[data-testid="add-panel"]');
  await page.waitForSelector('[data-testid="panel-2"]');
  const seen = [];
  for (let k = 0; k < 10; k++) {
    seen.push(await iteration(page, 1));
    await page.waitForTimeout(100);
  }
  assert(seen.every((v) => v >= beforeAdd), `adding a panel reset panel 2: ${beforeAdd} -> ${seen.join(',')}`);
  assert(seen.at(-1) > beforeAdd, `panel 2 stopped after adding a panel: ${beforeAdd} -> ${seen.join(',')}`);
  await waitPanelAt(page, 2, 5); // the new panel starts from 0 and runs, as the others do
  const added = (await titles(page))[2];

  // Remove the slow ETD panel: the other two keep their counts and keep running.
  const before = [await iteration(page, 1), await iteration(page, 2)];
  await page.click('[data-testid="panel-remove-0"]');
  await page.waitForFunction(() => document.querySelectorAll('.panel').length === 2);
  const left = await titles(page);
  assert(/SVGD/.test(left[0]) && left[1] === added.replace(/^3/, '2'), `panels after removing ETD-B: ${left.join(' | ')}`);
  const after = [await iteration(page, 0), await iteration(page, 1)];
  assert(after[0] >= before[0] && after[1] >= before[1], `removing a panel reset the others: ${before.join(',')} -> ${after.join(',')}`);
  await page.waitForTimeout(1000);
  const later = [await iteration(page, 0), await iteration(page, 1)];
  assert(later[0] > after[0] && later[1] > after[1], `the remaining panels stopped: ${after.join(',')} -> ${later.join(',')}`);
  assert(await page.getAttribute(sel.play, 'aria-pressed') === 'true', 'removing a panel stopped the run');
  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
