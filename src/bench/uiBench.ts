/**
 * The playground itself under load, in headless Chromium: 4 panels (ETD-B, ETD-UB-SF, SVGD,
 * SGLD) at N = 200 playing for 10 s. Reports frames per second of the main thread's
 * requestAnimationFrame, steps per second per panel, and main-thread long tasks over 50 ms.
 */
export interface UiBenchResult {
  readonly seconds: number;
  readonly framesPerSecond: number;
  readonly stepsPerSecond: Record<string, number>;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** The backend badge as the page shows it, e.g. 'CPU, 2 threads'. */
  readonly badge: string;
}

const SAMPLERS = ['etd-b', 'etd-ub-sf', 'svgd', 'sgld'];

// page is a playwright Page (typed loosely: playwright-core is driven from plain modules here).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function uiBench(page: any, baseUrl: string, seconds = 10, n = 200): Promise<UiBenchResult> {
  const { openApp, waitReady } = await import(new URL('./appPage.mjs', import.meta.url).href);
  await openApp(page, baseUrl, { n });
  for (let i = 1; i < SAMPLERS.length; i++) await page.click('[data-testid="add-panel"]');
  for (let i = 0; i < SAMPLERS.length; i++) await page.selectOption(`[data-testid="panel-sampler-${i}"]`, SAMPLERS[i]);
  await page.waitForTimeout(400);
  await waitReady(page);
  // Count animation frames and long tasks from inside the page. A string, not a function: tsx
  // (esbuild keepNames) would wrap a function's inner names in a helper the page does not have.
  await page.evaluate(`(() => {
    const bench = (window.__bench = { frames: 0, long: [] });
    const tick = () => { bench.frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.long.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  })()`);
  const iterations = (): Promise<number[]> =>
    page.evaluate(`Array.from({ length: ${SAMPLERS.length} }, (_, i) => Number(document.querySelector('[data-testid="panel-iteration-' + i + '"]')?.textContent))`);
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(1000); // warm-up: first steps, JIT
  const before = await iterations();
  const f0: number = await page.evaluate('window.__bench.frames');
  await page.evaluate('window.__bench.long = []');
  const t0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const elapsed = (Date.now() - t0) / 1000;
  const after = await iterations();
  const { frames, long }: { frames: number; long: number[] } = await page.evaluate('window.__bench');
  await page.click('[data-testid="play"]');
  return {
    badge: ((await page.textContent('[data-testid="backend"]')) ?? '').trim(),
    seconds: elapsed,
    framesPerSecond: (frames - f0) / elapsed,
    stepsPerSecond: Object.fromEntries(SAMPLERS.map((s, i) => [s, (after[i] - before[i]) / elapsed])),
    longTasks: long.length,
    longestTaskMs: long.length ? Math.max(...long) : 0,
  };
}

/** One ETD-B panel of the app at N, playing (speed cap 30 steps/s): its steps/s and what the badge says. */
export interface AppEtdResult {
  readonly n: number;
  readonly stepsPerSecond: number;
  readonly badge: string;
  readonly reason: string;
  readonly isolated: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function appEtdBench(page: any, baseUrl: string, n: number, seconds = 8): Promise<AppEtdResult> {
  const { waitReady } = await import(new URL('./appPage.mjs', import.meta.url).href);
  await page.goto(`${baseUrl}?v=1&n=${n}&p=etd-b`);
  await waitReady(page);
  const iteration = async (): Promise<number> => Number(await page.textContent('[data-testid="iteration"]'));
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(2000); // warm-up
  const before = await iteration();
  const t0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const done = (await iteration()) - before;
  const elapsed = (Date.now() - t0) / 1000;
  await page.click('[data-testid="play"]');
  return {
    n,
    stepsPerSecond: done / elapsed,
    badge: ((await page.textContent('[data-testid="backend"]')) ?? '').trim(),
    reason: (await page.getAttribute('[data-testid="backend"]', 'title')) ?? '',
    isolated: await page.evaluate('crossOriginIsolated'),
  };
}

// ---- run on its own ------------------------------------------------------------------------

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/**
 * The long tasks (over 50 ms) of the renderer's main thread in a Chromium trace, each with its
 * biggest contributors by self time (event name, with the function of script calls).
 */
export function longTasksInTrace(events: readonly TraceEvent[], minMs = 50): { ms: number; parts: [string, number][] }[] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: { ms: number; parts: [string, number][] }[] = [];
  let taskEnd = -Infinity;
  for (const task of onMain) {
    if (task.name !== 'ThreadControllerImpl::RunTask' && task.name !== 'RunTask') continue;
    if (task.ts < taskEnd) continue; // nested in a task already seen
    taskEnd = task.ts + task.dur!;
    if (task.dur! / 1000 <= minMs) continue;
    const end = task.ts + task.dur!;
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end);
    const self = new Map<string, number>();
    // Self time: an event's duration minus that of its direct children (events nest by time on one thread).
    const stack: { label: string; end: number; childUs: number; dur: number }[] = [];
    const pop = () => {
      const s = stack.pop()!;
      self.set(s.label, (self.get(s.label) ?? 0) + (s.dur - s.childUs) / 1000);
    };
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1].end <= e.ts) pop();
      if (stack.length) stack[stack.length - 1].childUs += e.dur!;
      const d = e.args?.data;
      const fn = d?.functionName || (d?.url ? d.url.split('/').pop() : '') || d?.type || '';
      stack.push({ label: fn ? `${e.name}(${fn})` : e.name, end: e.ts + e.dur!, childUs: 0, dur: e.dur! });
    }
    while (stack.length) pop();
    const parts = [...self].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => [k, Math.round(v)] as [string, number]);
    out.push({ ms: Math.round(task.dur! / 1000), parts });
  }
  return out;
}

/**
 * `npx tsx src/bench/uiBench.ts [--seconds 10] [--n 200] [--no-build] [--trace]`: only the
 * playground measurement, on a fresh build of the app served from dist/. --trace also records a
 * Chromium trace and lists each long task's biggest parts.
 */
async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      n: { type: 'string', default: '200' },
      'no-build': { type: 'boolean' },
      trace: { type: 'boolean' },
    },
  });
  const root = fileURLToPath(new URL('../..', import.meta.url));
  if (!values['no-build']) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr.trim().split('\n').at(-1)}`);
  }
  const lib = (f: string) => new URL(`../../tests/browser/lib/${f}`, import.meta.url).href;
  const { startServer } = await import(lib('server.mjs'));
  const { launchChromium } = await import(lib('chromium.mjs'));
  const server = await startServer(`${root}/dist`);
  const browser = await launchChromium({ webgpu: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e: Error) => console.error(`page error: ${e.message}`));
    const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'v8'];
    const traced = async (fn: () => Promise<UiBenchResult>) => {
      if (!values.trace) return { result: await fn(), long: [] };
      await browser.startTracing(page, { categories });
      const result = await fn();
      const buf: Buffer = await browser.stopTracing();
      const { traceEvents } = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] };
      return { result, long: longTasksInTrace(traceEvents) };
    };
    const { result, long } = await traced(() => uiBench(page, server.url, Number(values.seconds), Number(values.n)));
    console.log(JSON.stringify(result));
    for (const t of long) console.log(`${t.ms} ms: ${t.parts.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exit(2);
  });
}
