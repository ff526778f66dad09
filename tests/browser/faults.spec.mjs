// Browser fault tests (through the page's `#debug=faults` hook): a panel's worker is terminated from
// the page, closes itself, throws an uncaught error, or hangs in an endless loop. Each time the
// panel must say what happened within 2 s and go on from where it was, and Pause / Play must work
// afterwards. Then Pause during an N = 5000 ETD step (tens of seconds of work the worker cannot be
// told to stop) must take effect within 0.5 s: the button reads Play and the worker is terminated
// (and replaced) within 0.5 s, the panel stays at its step, the browser's CPU work stops (Chromium
// lets a terminated busy worker run for 2 more seconds; measured after that), and a fresh step at
// small N works.
import { readFileSync, readdirSync } from 'node:fs';
import { assert, sel, waitReady } from '../../src/bench/appPage.mjs';

const notice = '[data-testid="panel-notice-0"]';
const noticeText = async (page) => (await page.textContent(`${notice} span`)) ?? '';
const iteration = (page) => page.textContent('[data-testid="panel-iteration-0"]').then(Number);

async function waitPanelAt(page, v, timeout) {
  await page.waitForFunction((x) => Number(document.querySelector('[data-testid="panel-iteration-0"]')?.textContent) >= x, v, { timeout });
}

/** Play is pressed (running) or not; the button's label says which. */
async function playLabel(page) {
  return (await page.textContent(sel.play))?.trim();
}

/**
 * Inject `kind` into the playing panel's worker; the panel must say so within 2 s (matching
 * `expected`), go on playing from the step it names, pause and play again. Returns the latency.
 */
async function recoversFrom(page, baseUrl, errors, kind, expected) {
  await page.goto(`${baseUrl}?v=1&t=u1&n=50&p=sgld&speed=60#debug=faults`);
  await waitReady(page);
  await page.click(sel.play);
  await waitPanelAt(page, 30, 20_000);
  const before = await iteration(page);
  const injected = await page.evaluate((k) => {
    window.__etdFaults.inject(0, k);
    return performance.now();
  }, kind);
  await page.waitForSelector(notice, { timeout: 2_000 });
  const saidAt = await page.evaluate(() => performance.now());
  const text = await noticeText(page);
  assert(expected.test(text), `after '${kind}' the panel says: '${text}'`);
  const from = Number(/(?:from|at) step (\d+)/.exec(text)?.[1]);
  assert(from >= before, `restored from step ${from}, but the panel had shown ${before}`);
  const log = await page.evaluate(() => window.__etdFaults.log());
  assert(log.filter((e) => e.event === 'started').length === 2, `expected one replacement worker: ${JSON.stringify(log)}`);

  // It goes on playing from there on the new worker...
  await waitPanelAt(page, from + 1, 10_000);
  const movedAt = await page.evaluate(() => performance.now());
  await waitPanelAt(page, from + 20, 10_000);
  assert((await playLabel(page)) === 'Pause', 'the run stopped after the worker was replaced');
  // ...and Pause and Play work again.
  await page.click(sel.play);
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-busy') === 'false', `${sel.panel}`, { timeout: 5_000 });
  const paused = await iteration(page);
  await page.waitForTimeout(300);
  assert((await iteration(page)) === paused, 'the panel kept stepping after Pause');
  await page.click(sel.play);
  await waitPanelAt(page, paused + 10, 10_000);
  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
  console.log(
    `    '${kind}': the panel said "${text.slice(0, 60)}…" ${((saidAt - injected) / 1000).toFixed(2)} s after the fault, and stepped on the new worker ${((movedAt - injected) / 1000).toFixed(2)} s after it`,
  );
}

export async function faultWorkerTerminatedFromThePage({ page, baseUrl, errors }) {
  await recoversFrom(page, baseUrl, errors, 'terminate', /^the sampler worker stopped answering for 1\.\d s; restarted from step \d+ \(its sampler starts afresh/);
}

export async function faultWorkerClosesItself({ page, baseUrl, errors }) {
  await recoversFrom(page, baseUrl, errors, 'close', /^the sampler worker stopped answering for 1\.\d s; restarted from step \d+/);
}

export async function faultWorkerThrowsUncaught({ page, baseUrl, errors }) {
  await recoversFrom(page, baseUrl, errors, 'throw', /^the sampler worker crashed: .*debug fault: an uncaught error thrown inside the sampler worker; restarted from step \d+/);
}

export async function faultWorkerHangs({ page, baseUrl, errors }) {
  await recoversFrom(page, baseUrl, errors, 'hang', /^the sampler worker stopped answering for 1\.\d s; restarted from step \d+/);
}

export async function faultWorkerTerminatedWhilePaused({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=u1&n=50&p=sgld#debug=faults`);
  await waitReady(page);
  for (let k = 0; k < 3; k++) await page.click(sel.step);
  await waitPanelAt(page, 3, 10_000);
  await page.waitForTimeout(1000);
  const injected = await page.evaluate(() => {
    window.__etdFaults.inject(0, 'terminate');
    return performance.now();
  });
  await page.waitForSelector(notice, { timeout: 2_000 }); // an idle worker is pinged: no click needed
  const saidAt = await page.evaluate(() => performance.now());
  const text = await noticeText(page);
  assert(/^the sampler worker stopped answering for 1\.\d s; restarted from step 3 /.test(text), `the paused panel says '${text}'`);
  assert((await playLabel(page)) === 'Play', 'the panel started playing by itself');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-busy') === 'false', sel.panel, { timeout: 5_000 });
  assert((await iteration(page)) === 3, 'the restored panel is not at step 3');
  await page.click(sel.play);
  await waitPanelAt(page, 10, 10_000);
  await page.click(sel.play);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
  console.log(`    terminated while paused: the panel said so ${((saidAt - injected) / 1000).toFixed(2)} s after`);
}

/** CPU seconds used so far by every process this test runner started (the browser and its children). */
function cpuSeconds() {
  const parent = new Map();
  const ticks = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
      parent.set(Number(pid), Number(fields[1]));
      ticks.set(Number(pid), Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the process ended meanwhile
    }
  }
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (pid !== process.pid && ours(pid)) total += t;
  return total / 100; // clock ticks (USER_HZ = 100 on Linux)
}

/** Cores the browser keeps busy over `ms`. */
async function cpuLoad(page, ms) {
  const a = cpuSeconds();
  await page.waitForTimeout(ms);
  return (cpuSeconds() - a) / (ms / 1000);
}

export async function pauseDuringAnEtdStepAtN5000({ page, baseUrl, errors }) {
  await page.goto(`${baseUrl}?v=1&t=u1&n=5000&p=etd-b#debug=faults`);
  await waitReady(page, 120_000);
  const slow = (await page.textContent('[data-testid="slow-work"]')) ?? '';
  assert(/At N = 5000 each step is predicted to take ETD-B \(panel 1\) ~\d+ s/.test(slow), `the slow-steps note reads '${slow}'`);
  const offered = Number(/Use N = (\d+)/.exec((await page.textContent('[data-testid="slow-work-use-n"]')) ?? '')?.[1]);
  assert(offered >= 500 && offered < 5000, `offered N = ${offered}`);

  await page.click(sel.play);
  await page.waitForSelector('[data-testid="panel-computing-0"]:not([hidden])', { timeout: 10_000 }); // step 1 runs (over 0.5 s so far)
  await page.waitForTimeout(1000);
  const busy = await cpuLoad(page, 1000);
  const clicked = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector('[data-testid="play"]').click();
    return t;
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="play"]')?.textContent?.trim() === 'Play', null, { timeout: 500 });
  const labelAt = await page.evaluate(() => performance.now());
  await page.waitForFunction((t) => window.__etdFaults.log().some((e) => e.event === 'terminated' && e.at >= t), clicked, { timeout: 2_000 });
  const terminatedAt = (await page.evaluate(() => window.__etdFaults.log())).find((e) => e.event === 'terminated' && e.at >= clicked).at;
  assert(terminatedAt - clicked < 500, `the worker was terminated ${(terminatedAt - clicked).toFixed(0)} ms after Pause`);

  await page.waitForSelector(notice, { timeout: 2_000 });
  const text = await noticeText(page);
  assert(/^step 1 cancelled after \d+\.\d s; continuing from step 0$/.test(text), `the panel says '${text}'`);
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-busy') === 'false', sel.panel, { timeout: 30_000 }); // the fresh worker's session at step 0
  assert((await iteration(page)) === 0, 'the cancelled step was counted');
  // Chromium lets a terminated worker that is still running script go on for 2 s before it stops
  // it by force (Blink's kForcibleTerminationDelay); nothing on the page waits for it meanwhile.
  const now = await page.evaluate(() => performance.now());
  await page.waitForTimeout(Math.max(0, terminatedAt + 2500 - now));
  const idle = await cpuLoad(page, 1500);
  assert(busy > 0.7 && idle < 0.35, `browser CPU: ${busy.toFixed(2)} cores during the step, ${idle.toFixed(2)} from 2.5 s after Pause`);

  // A fresh step at a small N works.
  await page.fill(sel.n, '60');
  await page.waitForSelector('[data-testid="slow-work"]', { state: 'detached', timeout: 5_000 });
  await page.waitForSelector(`${sel.panel}[data-status="loading"]`, { timeout: 5_000 }).catch(() => undefined);
  await waitReady(page);
  await page.click(sel.step);
  await waitPanelAt(page, 1, 10_000);
  assert(errors.length === 0, `console/page errors:\n${errors.join('\n')}`);
  console.log(
    `    Pause during an N = 5000 ETD step: Play shown after ${(labelAt - clicked).toFixed(0)} ms, worker terminated after ${(terminatedAt - clicked).toFixed(0)} ms; browser CPU ${busy.toFixed(2)} cores during the step, ${idle.toFixed(2)} from 2.5 s after`,
  );
}
