// Stage-by-stage ETD: the "Stages" walk of a panel's next step shows the step the panel really
// takes (its particles equal a plain step's from the same state), Left / Right / Esc navigate and
// close (resuming play), the view fits a phone, a laptop and a projector, and each stage's
// picture is pinned by a golden image.
import { readFile } from 'node:fs/promises';
import { assert, sel, waitForIteration, waitIdle, waitReady } from '../../src/bench/appPage.mjs';
import { expectGolden } from './lib/golden.mjs';

const RING = '?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b';
const view = '[data-testid="stages-view"]';
const ready = `${view}[data-state="ready"]`;
const STAGES = 7;

async function particlesCsv(page) {
  await page.click('[data-testid="export-button"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('[data-testid="export-csv"]')]);
  return (await readFile(await download.path(), 'utf8')).trim().split('\n');
}

async function open(page, url, steps) {
  await page.goto(url);
  await waitReady(page);
  for (let k = 0; k < steps; k++) await page.click(sel.step);
  await waitForIteration(page, steps);
  await waitIdle(page);
}

const stageOf = async (page) => Number(await page.getAttribute(view, 'data-stage'));

async function openStages(page) {
  await page.click('[data-testid="panel-stages-0"]');
  await page.waitForSelector(ready, { timeout: 30_000 });
}

async function expectStage(page, k, how) {
  await page.waitForFunction(([s, v]) => document.querySelector(s)?.getAttribute('data-stage') === String(v), [view, k], { timeout: 5_000 }).catch(() => undefined);
  const at = await stageOf(page);
  assert(at === k, `after ${how}: stage ${at}, expected ${k}`);
}

export async function stagesWalkEndsWhereAPlainStepDoes({ page, baseUrl, errors }) {
  await open(page, new URL(RING, baseUrl).href, 3);
  const plain = await particlesCsv(page);
  assert(plain.length === 41 && plain[1].startsWith('1,etd-b,3,0,'), `plain CSV: ${plain.slice(0, 2)}`);

  await open(page, new URL(RING, baseUrl).href, 2);
  await openStages(page);
  await expectStage(page, 1, 'opening');
  // The panel has taken the recorded step: its counter says 3 while the walk is open.
  await page.waitForFunction(() => document.querySelector('[data-testid="panel-iteration-0"]')?.textContent === '3', null, { timeout: 10_000 });
  for (let k = 2; k <= STAGES; k++) {
    await page.keyboard.press('ArrowRight');
    await expectStage(page, k, `ArrowRight to ${k}`);
    const formulas = await page.$$eval(`${view} .katex`, (els) => els.length);
    assert(formulas > 0, `stage ${k} has no typeset formula`);
  }
  await page.keyboard.press('ArrowLeft');
  await expectStage(page, STAGES - 1, 'ArrowLeft');
  await page.click('[data-testid="stages-prev"]');
  await expectStage(page, STAGES - 2, 'the previous button');
  await page.click('[data-testid="stages-next"]');
  await page.click('[data-testid="stages-next"]');
  await expectStage(page, STAGES, 'the next button');
  await page.click('[data-testid="stages-next"]'); // "Continue" on the last stage closes the walk
  await page.waitForSelector(view, { state: 'detached', timeout: 5_000 });
  await waitForIteration(page, 3);
  await waitIdle(page);
  const walked = await particlesCsv(page);
  assert(walked.join('\n') === plain.join('\n'), `the walked step differs from a plain step:\n${walked.slice(1, 4).join('\n')}\nvs\n${plain.slice(1, 4).join('\n')}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function stagesEscapeResumesPlayingAndShortcutsWaitBehindTheDialog({ page, baseUrl, errors }) {
  await open(page, new URL(RING, baseUrl).href, 0);
  await page.click(sel.play);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="panel-iteration-0"]')?.textContent) >= 2, null, { timeout: 20_000 });
  await openStages(page);
  assert((await page.getAttribute(sel.play, 'aria-pressed')) === 'false', 'the run kept playing under the stages');
  const at = await page.textContent('[data-testid="panel-iteration-0"]');
  await page.keyboard.press('s'); // the page's Step shortcut must not act behind the dialog
  await page.keyboard.press(' ');
  await page.waitForTimeout(400);
  assert((await page.textContent('[data-testid="panel-iteration-0"]')) === at, 'a shortcut stepped the panel behind the stages');
  assert((await page.getAttribute(sel.play, 'aria-pressed')) === 'false', 'space started playing behind the stages');
  await page.keyboard.press('ArrowRight');
  await expectStage(page, 2, 'ArrowRight');
  await page.keyboard.press('Escape');
  await page.waitForSelector(view, { state: 'detached', timeout: 5_000 });
  assert((await page.getAttribute(sel.play, 'aria-pressed')) === 'true', 'Esc did not resume playing');
  await page.waitForFunction((v) => Number(document.querySelector('[data-testid="panel-iteration-0"]')?.textContent) > v + 1, Number(at), { timeout: 20_000 });
  await page.click(sel.play);
  // Not playing before: closing leaves the run paused.
  await waitIdle(page);
  await openStages(page);
  await page.keyboard.press('Escape');
  await page.waitForSelector(view, { state: 'detached', timeout: 5_000 });
  await page.waitForTimeout(300);
  assert((await page.getAttribute(sel.play, 'aria-pressed')) === 'false', 'Esc started a run that was paused');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function stagesButtonOnlyOnEtdPanels({ page, baseUrl, errors }) {
  await open(page, new URL('?v=1&t=gmm-ring-8&n=40&seed=5&p=etd-b,svgd', baseUrl).href, 1);
  assert((await page.$('[data-testid="panel-stages-0"]')) !== null, 'no Stages button on the ETD panel');
  assert((await page.$('[data-testid="panel-stages-1"]')) === null, 'a Stages button on the SVGD panel');
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function stagesFollowAnotherParticle({ page, baseUrl, errors }) {
  await open(page, new URL(RING, baseUrl).href, 1);
  await openStages(page);
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
  await expectStage(page, 4, 'ArrowRight to the cost');
  const note = () => page.textContent(`${view} .stages-text`);
  assert((await note()).includes('from particle 0'), 'the cost stage does not start from particle 0');
  const before = await page.locator('[data-testid="stages-picture"]').screenshot();
  await page.fill('[data-testid="stages-particle"]', '17');
  await page.waitForFunction((s) => document.querySelector(s)?.textContent.includes('from particle 17'), `${view} .stages-text`, { timeout: 10_000 });
  await page.waitForTimeout(100);
  const after = await page.locator('[data-testid="stages-picture"]').screenshot();
  assert(!before.equals(after), 'the cost picture did not change for particle 17');
  // A click on the picture follows the particle nearest to it.
  const box = await page.locator('[data-testid="stages-picture"]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.7);
  await page.waitForFunction((s) => !document.querySelector(s)?.textContent.includes('from particle 17'), `${view} .stages-text`, { timeout: 10_000 });
  const followed = Number(await page.inputValue('[data-testid="stages-particle"]'));
  assert(Number.isInteger(followed) && followed >= 0 && followed < 40 && followed !== 17, `clicked particle: ${followed}`);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

/** The dialog and its navigation are inside the window and nothing scrolls sideways, on every stage. */
async function checkFits(page, size) {
  await page.setViewportSize(size);
  for (let k = 1; k <= STAGES; k++) {
    await expectStage(page, k, `stage ${k} at ${size.width}x${size.height}`);
    const m = await page.evaluate(() => {
      const d = document.querySelector('.stages-dialog').getBoundingClientRect();
      const close = document.querySelector('[data-testid="stages-close"]').getBoundingClientRect();
      const v = document.querySelector('.stages-view');
      const pic = document.querySelector('[data-testid="stages-picture"], [data-testid="stages-plan"]').getBoundingClientRect();
      return { d: [d.left, d.right, d.top, d.bottom], close: [close.left, close.right, close.top, close.bottom], scroll: v.scrollWidth - v.clientWidth, pic: [pic.width, pic.height] };
    });
    const where = `stage ${k} at ${size.width}x${size.height}`;
    assert(m.d[0] >= 0 && m.d[1] <= size.width && m.d[2] >= 0 && m.d[3] <= size.height, `${where}: dialog ${m.d} outside the window`);
    assert(m.close[1] <= size.width && m.close[3] <= size.height && m.close[0] >= 0, `${where}: close button at ${m.close}`);
    assert(m.scroll <= 1, `${where}: the view scrolls sideways by ${m.scroll}px`);
    assert(m.pic[0] >= Math.min(300, size.width - 60) && m.pic[1] >= 150, `${where}: picture only ${m.pic}`);
    if (k < STAGES) await page.keyboard.press('ArrowRight');
  }
  for (let k = STAGES; k > 1; k--) await page.keyboard.press('ArrowLeft');
}

export async function stagesFitPhoneLaptopAndProjector({ page, baseUrl, errors }) {
  await open(page, new URL(RING, baseUrl).href, 1);
  await openStages(page);
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }]) await checkFits(page, size);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

/** Screenshots of the stage view, one per stage (and the first Sinkhorn iteration), against golden images. */
async function goldenWalk(page, baseUrl, query, prefix, stages) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, new URL(query, baseUrl).href, 2);
  await openStages(page);
  await page.evaluate(() => document.fonts.ready);
  for (let k = 1; k <= STAGES; k++) {
    await expectStage(page, k, 'ArrowRight');
    if (stages.includes(k)) {
      await page.evaluate(() => document.activeElement?.blur()); // no focus ring in the picture; keys still reach the walk
      await page.waitForTimeout(100); // the canvas repaints on the next frame after a size change
      await expectGolden(await page.locator(view).screenshot(), `${prefix}-stage-${k}`, { threshold: 0.1, maxDiffRatio: 0.002 });
      if (k === 5 && (await page.$('[data-testid="stages-frame"]'))) {
        await page.fill('[data-testid="stages-frame"]', '0');
        await page.evaluate(() => document.activeElement?.blur()); // no focus ring; the slider would take the arrow keys
        await page.waitForTimeout(100);
        await expectGolden(await page.locator(view).screenshot(), `${prefix}-stage-5-first-iteration`, { threshold: 0.1, maxDiffRatio: 0.002 });
      }
    }
    if (k < STAGES) await page.keyboard.press('ArrowRight');
  }
}

export async function stagesGoldenImagesEtdB({ page, baseUrl, errors }) {
  await goldenWalk(page, baseUrl, '?v=1&t=gmm-ring-8&n=24&seed=3&p=etd-b', 'stages-etd-b', [1, 2, 3, 4, 5, 6, 7]);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}

export async function stagesGoldenImagesBarycentricWithMutation({ page, baseUrl, errors }) {
  await goldenWalk(page, baseUrl, '?v=1&t=gmm-ring-8&n=24&seed=3&p=etd-b&p1.update=barycentric&p1.mutation=mala&p1.mutationStep=0.05', 'stages-bary-mala', [6, 7]);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
}
