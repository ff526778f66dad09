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
}

const SAMPLERS = ['etd-b', 'etd-ub-sf', 'svgd', 'sgld'];

// page is a playwright Page (typed loosely: playwright-core is driven from plain modules here).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function uiBench(page: any, baseUrl: string, seconds = 10, n = 200): Promise<UiBenchResult> {
  const { openApp, waitReady } = await import(new URL('../../tests/browser/lib/app.mjs', import.meta.url).href);
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
    seconds: elapsed,
    framesPerSecond: (frames - f0) / elapsed,
    stepsPerSecond: Object.fromEntries(SAMPLERS.map((s, i) => [s, (after[i] - before[i]) / elapsed])),
    longTasks: long.length,
    longestTaskMs: long.length ? Math.max(...long) : 0,
  };
}
