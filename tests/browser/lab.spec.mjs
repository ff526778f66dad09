// Browser tests of the entropic-transport lab: it opens from a link (and from the top bar),
// solves, the eps slider changes the iteration count and the plan, a bad link value gives a
// notice and a working lab, VarEOT and LightSB train to their stopping rule (speeds, backend,
// numbers beside the pictures), a changed cloud never trains a stale model, Compare shows three
// columns whose numbers agree with `npm run lab`, a crashed or hung lab worker is replaced and
// said so, leaving the lab ends every lab worker, and the exports produce files of the right type.
// Small clouds and step caps (lsteps in the link) keep them fast.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert, waitReady } from '../../src/bench/appPage.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const LINK = 'v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.1&ns=200&nt=200';

/** Wait for a finished solve and return its iteration count and the heatmap's pixels' checksum. */
async function solved(page) {
  await page.waitForSelector('[data-testid="lab-stats"][data-status="ready"] [data-testid="lab-iterations"]', { timeout: 60_000 });
  const iterations = Number(await page.textContent('[data-testid="lab-iterations"]'));
  const heat = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="lab-heatmap"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let k = 0; k < d.length; k += 97) h = (h * 31 + d[k]) % 1_000_003;
    return h;
  });
  return { iterations, heat };
}

/** Click the lab's plot at a fraction of its size (scrolled into view first). */
async function clickPlot(page, fx, fy) {
  const plot = page.locator('[data-testid="lab-plot"]');
  const box = await plot.boundingBox();
  await plot.click({ position: { x: box.width * fx, y: box.height * fy } });
}

async function exported(page, id) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.click(`[data-testid="lab-export-${id}"]`)]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

export async function labOpensFromALinkAndTheEpsSliderResolves({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?${LINK}`);
  await page.waitForSelector('[data-testid="lab-view"]', { timeout: 20_000 });
  const first = await solved(page);
  assert(first.iterations > 0, `iterations shown: ${first.iterations}`);
  const marginal = Number(await page.textContent('[data-testid="lab-marginal"]'));
  assert(marginal <= 1e-4, `marginal error ${marginal} within the tolerance`);
  assert((await page.textContent('[data-testid="lab-eps-value"]')) === '0.1', 'the slider shows the link\'s eps');

  // Smaller eps: more iterations and another plan; the link follows.
  await page.locator('[data-testid="lab-eps"]').fill('-1.7'); // eps = 10^-1.7 = 0.02
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-eps-value"]')?.textContent === '0.02');
  await page.waitForFunction(() => /0\.02/.test(document.querySelector('[data-testid="lab-stats"]')?.textContent ?? ''), null, { timeout: 60_000 });
  const second = await solved(page);
  assert(second.iterations > first.iterations, `eps 0.02 needs more iterations (${second.iterations}) than eps 0.1 (${first.iterations})`);
  assert(second.heat !== first.heat, 'the heatmap changed with eps');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('eps') === '0.02', null, { timeout: 5_000 });

  // Annealing reports the iterations it saved.
  await page.check('[data-testid="lab-anneal"]');
  await page.waitForSelector('[data-testid="lab-saved"]', { timeout: 60_000 });
  assert(/annealing saved -?\d+/.test(await page.textContent('[data-testid="lab-saved"]')), 'iterations saved shown');
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

export async function labCancelsAStaleSolve({ page, baseUrl, errors }) {
  // 2000 x 2000 at eps = 0.003 runs for seconds; asking for eps = 1 meanwhile terminates that solve.
  await page.goto(`${baseUrl}?v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.003&ns=2000&nt=2000`);
  await page.waitForSelector('[data-testid="lab-stats"][data-status="solving"]', { timeout: 20_000 });
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await page.click('[data-testid="lab-eps-1"]');
  await page.waitForFunction(() => /Sinkhorn at ε = 1:/.test(document.querySelector('[data-testid="lab-stats"]')?.textContent ?? ''), null, { timeout: 30_000 });
  const cancelled = Number(await page.getAttribute('[data-testid="lab-stats"]', 'data-cancelled'));
  assert(cancelled >= 1, `the stale solve was cancelled (${cancelled})`);
  const r = await solved(page);
  assert(r.iterations < 100, `eps = 1 solved in ${r.iterations} iterations`);
  console.log(`    eps = 1 shown ${Date.now() - t0} ms after the click, ${cancelled} solve cancelled`);
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

export async function labDrawsACloud({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&view=lab&src=drawn&tgt=gaussian&nt=50`);
  await page.waitForSelector('[data-testid="lab-error"]', { timeout: 20_000 }); // no points yet: says what to do
  assert(/at least 2 points/.test(await page.textContent('[data-testid="lab-error"]')), 'the lab asks for points');
  for (const [fx, fy] of [[0.3, 0.3], [0.7, 0.3], [0.5, 0.7], [0.4, 0.5]]) await clickPlot(page, fx, fy);
  await page.waitForFunction(() => /Sinkhorn at/.test(document.querySelector('[data-testid="lab-stats"]')?.textContent ?? ''), null, { timeout: 30_000 });
  const csv = (await exported(page, 'plan')).bytes.toString();
  assert(csv.trim().split('\n').length === 1 + 4 * 50, 'the plan couples the 4 drawn points with the 50 target points');
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

export async function labBadLinkValuesGiveANoticeAndAWorkingLab({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&view=lab&src=banana&tgt=two-moons&eps=99&ns=5000&nt=150&lsteps=0`);
  await page.waitForSelector('[data-testid="url-notices"]', { timeout: 20_000 });
  const notices = await page.textContent('[data-testid="url-notices"]');
  for (const bit of ['banana', 'eps=99 clamped to 10', 'ns=5000 clamped to 2000', 'lsteps=0 clamped to 10'])
    assert(notices.includes(bit), `notice mentions ${bit}: ${notices}`);
  const r = await solved(page);
  assert(r.iterations > 0, 'the repaired lab solves');
  assert((await page.inputValue('[data-testid="lab-src"]')) === 'gaussian', 'unknown source cloud replaced by the default');
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

export async function labOpensFromTheTopBarAndGoesBack({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=gmm-ring-8&n=50&p=svgd#debug=faults`);
  await waitReady(page);
  await page.click('[data-testid="lab-button"]');
  await page.waitForSelector('[data-testid="lab-view"]');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'lab', null, { timeout: 5_000 });
  await solved(page);
  // The sampler's shortcuts do not reach the hidden panels.
  await page.keyboard.press('Space');
  await page.keyboard.press('s');
  // start training, so a learner worker is alive too, then leave: every lab worker ends
  await page.click('[data-testid="lab-train"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-model-lightsb"]')?.getAttribute('data-steps') ?? 0) > 0, null, { timeout: 60_000 });
  const before = await page.evaluate(() => window.__etdLab.live());
  assert(before['lab Sinkhorn'] === 1 && before['lab learner'] === 1, `two lab workers alive in the lab: ${JSON.stringify(before)}`);
  await page.click('[data-testid="lab-back"]');
  await page.waitForFunction(() => Object.values(window.__etdLab.live()).every((v) => v === 0), null, { timeout: 5_000 }).catch(async () => {
    throw new Error(`lab workers left alive after leaving the lab: ${JSON.stringify(await page.evaluate(() => window.__etdLab.live()))}`);
  });
  await waitReady(page);
  await page.waitForFunction(() => new URLSearchParams(location.search).get('t') === 'gmm-ring-8', null, { timeout: 5_000 });
  assert((await page.textContent('[data-testid="iteration"]')) === '0', 'space and s in the lab did not step the panels');
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

/** The step count of a model shown in the view. */
const stepsOf = (page, m) => page.evaluate((id) => Number(document.querySelector(`[data-testid="lab-model-${id}"]`)?.getAttribute('data-steps') ?? 0), m);

/** Wait until both models have stopped (plateau or cap). */
async function trainedBoth(page, timeout = 120_000) {
  await page
    .waitForFunction(() => document.querySelector('[data-testid="lab-learn-status"]')?.getAttribute('data-status') === 'done', null, { timeout })
    .catch(async (e) => {
      throw new Error(`training did not finish: '${await page.textContent('[data-testid="lab-learn-status"]')}' (${e.message.split('\n')[0]})`);
    });
}

/** The numbers beside a triple of pictures (id: 'lab-cond' or 'lab-compare-0.1'). */
async function numbers(page, id) {
  return page.evaluate((p) => {
    const num = (sel, attr) => {
      const el = document.querySelector(`[data-testid="${p}-${sel}"]`);
      return el ? Number(el.getAttribute(attr)) : null;
    };
    return { floor: num('floor', 'data-floor'), vareot: num('vareot-ed', 'data-ed'), lightsb: num('lightsb-ed', 'data-ed') };
  }, id);
}

const SMALL = 'v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.1&ns=150&nt=150&lsteps=60';

export async function labTrainsBothModelsWithNumbersAndExports({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?${SMALL}`);
  await solved(page);
  await clickPlot(page, 0.5, 0.5);
  await page.waitForSelector('[data-testid="lab-cond-floor"]', { timeout: 30_000 });
  await page.click('[data-testid="lab-train"]');
  // the backend is said (wasm here: this machine has no hardware WebGPU adapter)
  await page.waitForSelector('[data-testid="lab-backend"]', { timeout: 60_000 });
  const backend = await page.textContent('[data-testid="lab-backend"]');
  assert(/VarEOT on tfjs (wasm|webgpu) \(/.test(backend), `backend said: ${backend}`);
  await trainedBoth(page);
  for (const m of ['vareot', 'lightsb']) {
    const line = await page.textContent(`[data-testid="lab-model-${m}"]`);
    assert(/step \d+ · [\d.]+ steps\/s · smoothed loss -?[\d.]+/.test(line), `${m} progress shown: ${line}`);
    assert(/under-trained: stopped at the cap of 60 steps|loss levelled off/.test(line), `${m} says why it stopped: ${line}`);
    assert((await stepsOf(page, m)) === 60 || /levelled/.test(line), `${m} stopped at the cap`);
  }
  // numbers beside the pictures once the models have sampled the picked point
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-cond-lightsb-ed"]') && document.querySelector('[data-testid="lab-cond-vareot-ed"]'), null, { timeout: 60_000 });
  const n = await numbers(page, 'lab-cond');
  assert(n.floor > 0 && n.vareot > 0 && n.lightsb > 0, `energy distances and floor shown: ${JSON.stringify(n)}`);
  const cap = await page.textContent('[data-testid="lab-cond-vareot-caption"]');
  assert(/ED [\d.]+ = [\d.]+× floor/.test(cap) && /under-trained: 60 steps/.test(cap), `VarEOT caption: ${cap}`);
  assert(/500 samples: 200 Langevin steps/.test(await page.getAttribute('[data-testid="lab-cond-vareot-caption"]', 'title')), 'how the samples were drawn, in the caption\'s title');

  const png = await exported(page, 'png');
  assert(/^etd-lab-.*\.png$/.test(png.name) && png.bytes.subarray(1, 4).toString() === 'PNG', `PNG export: ${png.name}`);
  const plan = await exported(page, 'plan');
  const planText = plan.bytes.toString();
  assert(/\.csv$/.test(plan.name) && planText.split('\n')[0] === 'i,j,x,y,target_x,target_y,tx,ty,mass,row_entries', `plan CSV header first: ${planText.slice(0, 200)}`);
  assert(planText.trim().split('\n').length === 1 + 150 * 150, 'every entry of the 150 x 150 plan');
  assert(planText.split('\n')[1].endsWith(',all'), 'the whole plan is marked as such');
  const samples = (await exported(page, 'samples')).bytes.toString();
  assert(samples.includes('\nsinkhorn,') && samples.includes('\nvareot,') && samples.includes('\nlightsb,'), 'samples CSV holds the three conditionals');
  const [head, ...body] = samples.trim().split('\n').map((l) => l.split(','));
  assert(head[0] === 'kind' && head.includes('energy_distance_to_row') && head.includes('row_floor'), `samples CSV header first: ${head.join(',')}`);
  assert(body.every((r) => r.length === head.length), 'every samples row has every column');
  const vRows = body.filter((r) => r[0] === 'vareot');
  const col = (r, name) => r[head.indexOf(name)];
  assert(vRows.length === 500 && col(vRows[0], 'trained_steps') === '60' && Number(col(vRows[0], 'energy_distance_to_row')) > 0 && Number(col(vRows[0], 'row_floor')) > 0, `samples CSV carries the numbers: ${vRows[0]?.join(',')}`);
  const config = JSON.parse((await exported(page, 'config')).bytes.toString());
  assert(config.config.tgt === 'swiss-roll' && config.config.eps === 0.1 && /view=lab/.test(config.link), `config JSON: ${JSON.stringify(config.config)}`);
  assert(Math.abs(config.learned.models.lightsb.energyDistance - n.lightsb) < 1e-12 && config.picked.floor.floor === n.floor, 'config JSON carries the numbers shown');
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

export async function labChangedCloudNeverTrainsAStaleModel({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.1&ns=150&nt=150&lsteps=3000`);
  await solved(page);
  await page.click('[data-testid="lab-train"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-model-vareot"]')?.getAttribute('data-steps') ?? 0) >= 20, null, { timeout: 60_000 });
  // another target while training: the old model's worker ends and training restarts on the new clouds
  await page.selectOption('[data-testid="lab-tgt"]', 'two-moons');
  await page.waitForSelector('[data-testid="lab-stale"]', { timeout: 10_000 });
  assert(/settings changed while training/.test(await page.textContent('[data-testid="lab-stale"]')), 'the restart is said');
  await page.waitForFunction(() => /two-moons/.test(document.querySelector('[data-testid="lab-learn-status"]')?.textContent ?? '') || document.querySelector('[data-testid="lab-learn-status"]')?.getAttribute('data-status') === 'training', null, { timeout: 60_000 });
  const config = JSON.parse((await exported(page, 'config')).bytes.toString());
  assert(/two-moons/.test(config.learned.trainedOn), `the new model is trained on the new target: ${config.learned.trainedOn}`);
  // paused, then another seed: the model is stale (no samples shown) and the view offers to retrain
  await page.click('[data-testid="lab-train"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-learn-status"]')?.getAttribute('data-status') === 'paused');
  await page.fill('[data-testid="lab-lseed"]', '7');
  await page.press('[data-testid="lab-lseed"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-learn-status"]')?.getAttribute('data-status') === 'stale', null, { timeout: 10_000 });
  assert(/Retrain on the current settings/.test(await page.textContent('[data-testid="lab-train"]')), 'retrain offered');
  assert(/seed 1/.test(await page.textContent('[data-testid="lab-stale"]')), 'says what the stale model was trained on');
  await solved(page);
  await page.click('[data-testid="lab-train"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="lab-learn-status"]')?.getAttribute('data-status') === 'training', null, { timeout: 60_000 });
  const again = JSON.parse((await exported(page, 'config')).bytes.toString());
  assert(/seed 7/.test(again.learned.trainedOn), `retrained on seed 7: ${again.learned.trainedOn}`);
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

/** `npm run lab -- args` (the runner's own entry), its JSON. */
function runLab(args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'etd-lab-'));
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const out = path.join(dir, 'lab.json');
  const r = spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/cli/lab.ts'), ...args, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run lab ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

export async function labComparesThreeColumnsThatAgreeWithTheRunner({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&view=lab&src=gaussian&tgt=swiss-roll&eps=0.1&ns=150&nt=150&lsteps=40`);
  await solved(page);
  await clickPlot(page, 0.55, 0.5);
  await page.waitForSelector('[data-testid="lab-cond-floor"]', { timeout: 30_000 });
  await page.click('[data-testid="lab-compare"]');
  await page.waitForFunction(() => /^done at/.test(document.querySelector('[data-testid="lab-compare-status"]')?.textContent ?? ''), null, { timeout: 170_000 });
  // The eps = 0.01 column says what was measured there (LightSB reaches the row, VarEOT does not).
  const small = await page.locator('[data-testid="lab-small-eps-note"]').allTextContents();
  assert(small.length === 1 && /LightSB/.test(small[0]) && /VarEOT/.test(small[0]) && /floor/.test(small[0]), `the eps = 0.01 note: ${small.join(' | ')}`);
  for (const eps of ['0.01', '0.1', '1']) {
    const n = await numbers(page, `lab-compare-${eps}`);
    assert(n.floor > 0 && n.vareot > 0 && n.lightsb > 0, `three columns with numbers at eps ${eps}: ${JSON.stringify(n)}`);
    for (const m of ['sinkhorn', 'vareot', 'lightsb']) assert((await page.locator(`[data-testid="lab-compare-${eps}-${m}"]`).count()) === 1, `a ${m} picture at eps ${eps}`);
  }
  // the same settings from the runner: the same numbers (same clouds, plan, training and sampling streams)
  const point = await page.evaluate(() => document.querySelector('[data-testid="lab-compare-status"]').textContent.match(/\((-?[\d.]+), (-?[\d.]+)\)/).slice(1).map(Number));
  const shown = await numbers(page, 'lab-compare-0.1');
  const exact = JSON.parse((await exported(page, 'config')).bytes.toString()).compare;
  const p = exact.point;
  assert(Math.abs(p.x - point[0]) < 0.01 && Math.abs(p.y - point[1]) < 0.01, 'the point exported is the one shown');
  for (const m of ['lightsb', 'vareot']) {
    const cli = runLab(['--src', 'gaussian', '--tgt', 'swiss-roll', '--eps', '0.1', '--method', m, '--ns', '150', '--nt', '150', '--seed', '1', '--steps', '40', '--points', `${p.x},${p.y}`]);
    const q = cli.points[0];
    assert(q.sourceIndex === p.i, `the runner snaps to the same source point (${q.sourceIndex} vs ${p.i})`);
    const col = exact.columns.find((c) => c.eps === 0.1);
    assert(Math.abs(q.floor - col.floor.floor) < 1e-9, `${m}: the same floor (${q.floor} vs ${col.floor.floor})`);
    assert(cli.steps === col.learned[m].steps, `${m}: the same steps (${cli.steps} vs ${col.learned[m].steps})`);
    const page_ = col.learned[m].energyDistance;
    // the runner's VarEOT runs on tfjs wasm: with wasm in the page too the floats are the same; on
    // a WebGPU adapter float32 sums come in another order, and 40 steps later the model differs a little
    const tol = m === 'lightsb' || exact.backend === 'wasm' ? 1e-9 * page_ : 0.25 * page_;
    assert(Math.abs(q.energyDistance - page_) <= tol, `${m}: energy distance ${q.energyDistance} from the runner, ${page_} in the page (VarEOT on ${exact.backend})`);
    assert(Math.abs(shown[m] - page_) < 1e-12, 'the page shows the exported number');
    console.log(`    ${m}: page ${page_.toFixed(6)}, npm run lab ${q.energyDistance.toFixed(6)}, floor ${q.floor.toFixed(6)}, ${cli.steps} steps`);
  }
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
}

export async function labReplacesACrashedOrHungWorker({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?${SMALL.replace('lsteps=60', 'lsteps=3000')}#debug=faults`);
  await solved(page);
  // the Sinkhorn worker throws an uncaught error: replaced, solved again, the view says so
  assert(await page.evaluate(() => window.__etdLab.inject('lab Sinkhorn', 'throw')), 'fault injected into the Sinkhorn worker');
  await page.waitForSelector('[data-testid="lab-health"]', { timeout: 20_000 });
  await page.waitForFunction(() => /lab Sinkhorn worker died .*replaced by a new worker, solving again/.test(document.querySelector('[data-testid="lab-health"]')?.textContent ?? ''), null, { timeout: 20_000 });
  await solved(page);
  // the learner hangs mid-training: replaced after its allowance, training restarts from step 0
  await page.click('[data-testid="lab-train"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-model-vareot"]')?.getAttribute('data-steps') ?? 0) >= 20, null, { timeout: 60_000 });
  assert(await page.evaluate(() => window.__etdLab.inject('lab learner', 'hang')), 'fault injected into the learner worker');
  await page.waitForFunction(() => /lab learner worker did not answer .* for [\d.]+ s: replaced by a new worker, training restarted from step 0/.test(document.querySelector('[data-testid="lab-health"]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="lab-model-vareot"]')?.getAttribute('data-steps') ?? 0) >= 10, null, { timeout: 60_000 });
  const live = await page.evaluate(() => window.__etdLab.live());
  assert(live['lab learner'] === 1 && live['lab Sinkhorn'] === 1, `one worker per site after the replacements: ${JSON.stringify(live)}`);
  // uncaught errors in the broken workers are reported by Chromium as page errors: only those are expected
  const other = errors.filter((e) => !/debug fault/.test(e));
  assert(other.length === 0, `page errors: ${other.join('; ')}`);
}
