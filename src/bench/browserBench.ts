import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './nodeBench';
import { appEtdBench, uiBench, type AppEtdResult, type UiBenchResult } from './uiBench';

type Iters = { fused: number; webgpuOps: number; wasmOps: number; cpu: number; steps: number };

/** The headers that make a page cross-origin isolated (vite.config.ts ISOLATION_HEADERS). */
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * Iterations per kernel and size in headless Chromium. WebGPU there is SwiftShader (a CPU), so
 * the generic-op version, ~1.3 s per iteration at N = 100, is only timed where it ends at all.
 * Above N = 1000 only whole ETD-B steps are timed (in the worker).
 */
function plan(n: number): { iters: Iters; skip: Record<string, string> } {
  const skip = { fused: '', webgpuOps: 'skipped: over 10 s per iteration on the software adapter', wasmOps: 'skipped: the N x P tensors exceed 1 GB' };
  if (n <= 100) return { iters: { fused: 5, webgpuOps: 1, wasmOps: 5, cpu: 20, steps: 5 }, skip };
  if (n <= 250) return { iters: { fused: 2, webgpuOps: 1, wasmOps: 3, cpu: 10, steps: 3 }, skip };
  if (n <= 500) return { iters: { fused: 1, webgpuOps: 0, wasmOps: 2, cpu: 5, steps: 1 }, skip };
  return { iters: { fused: 1, webgpuOps: 0, wasmOps: 0, cpu: 2, steps: 1 }, skip };
}

/** Steps timed in the benchmark worker per size (best of two runs of this many). */
const workerSteps = (n: number) => (n <= 250 ? 40 : n <= 500 ? 12 : n <= 1000 ? 6 : 2);

export interface BrowserBench {
  rows: BenchRow[];
  notes: string[];
  /** The 4-panel playground, on the isolated page. */
  ui?: UiBenchResult;
  /** One ETD-B panel of the app at N = 1000, isolated and not. */
  app?: { isolated: AppEtdResult; plain: AppEtdResult };
  /** What the isolated benchmark page saw: isolation and navigator.hardwareConcurrency. */
  page?: { isolated: boolean; cores: number };
}

/**
 * Build the app (with the benchmark page), serve it twice (with COOP/COEP, so the page is
 * cross-origin isolated and ETD's kernels run on threads; and without, the single-thread path),
 * and run the page's benchmark per size.
 */
export async function browserBench(sizes: readonly number[]): Promise<BrowserBench> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'browser-tests', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) return { rows: [], notes: [`browser part not run: vite build failed: ${build.stderr.trim().split('\n').at(-1)}`] };
  const lib = (f: string) => new URL(`../../tests/browser/lib/${f}`, import.meta.url).href;
  const { startServer } = await import(lib('server.mjs'));
  const { launchChromium } = await import(lib('chromium.mjs'));
  const isolatedServer = await startServer(`${root}/dist`, { headers: ISOLATION });
  const plainServer = await startServer(`${root}/dist`);
  const browser = await launchChromium({ webgpu: true });
  const out: BrowserBench = { rows: [], notes: [] };
  try {
    console.error('chromium: the playground, 4 panels at N = 200 for 10 s (isolated)');
    const appPage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    out.ui = await uiBench(appPage, isolatedServer.url);
    await appPage.close();
    console.error('chromium: the playground, one ETD-B panel at N = 1000, isolated and not');
    const appIso = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const isolated = await appEtdBench(appIso, isolatedServer.url, 1000);
    await appIso.close();
    const appPlain = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const plain = await appEtdBench(appPlain, plainServer.url, 1000);
    await appPlain.close();
    out.app = { isolated, plain };

    const page = await browser.newPage();
    page.on('pageerror', (e: Error) => out.notes.push(`page error: ${e.message}`));
    await page.goto(new URL('tests/browser/pages/benchEtd.html', isolatedServer.url).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    out.page = await page.evaluate(() => window.benchPage.pageInfo());
    const threads = out.page!.isolated ? out.page!.cores : 1;
    for (const n of sizes) {
      console.error(`chromium: N = ${n}`);
      if (n <= 1000) {
        const { iters, skip } = plan(n);
        const res: (BenchRow & { skipped?: string })[] = await page.evaluate(
          ([nn, it, sk]: [number, Iters, Record<string, string>]) => window.benchPage.benchSize(nn, it, sk),
          [n, iters, skip] as [number, Iters, Record<string, string>],
        );
        for (const r of res) {
          if (r.skipped) out.notes.push(`chromium ${r.backend} ${r.kernel} N = ${n}: ${r.skipped}`);
          else out.rows.push({ ...r, where: 'chromium' });
        }
      }
      for (const k of threads > 1 ? [threads, 1] : [1]) {
        const r = await page.evaluate(([nn, st, kk]: [number, number, number]) => window.benchPage.benchWorkerSteps(nn, st, kk), [n, workerSteps(n), k] as [number, number, number]);
        out.rows.push({ where: 'chromium', backend: `${r.backend}, isolated`, kernel: r.kernel, n, p: r.p, stepsPerSecond: r.stepsPerSecond });
        if (r.threads > 1) out.notes.push(`chromium N = ${n}, ${r.threads} threads: ${r.jobsPerStep.toFixed(0)} fork-join jobs per step, ${r.waitMsPerStep.toFixed(2)} ms per step waiting for helpers at their ends`);
        if (k > 1 && r.threads !== k) out.notes.push(`chromium N = ${n}: ${k} threads asked for, ${r.threads} ran (${r.note})`);
      }
    }
    await page.close();

    // The same worker steps without cross-origin isolation: the single-thread path.
    const plainPage = await browser.newPage();
    plainPage.on('pageerror', (e: Error) => out.notes.push(`page error (not isolated): ${e.message}`));
    await plainPage.goto(new URL('tests/browser/pages/benchEtd.html', plainServer.url).href);
    await plainPage.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    for (const n of sizes) {
      console.error(`chromium, not isolated: N = ${n}`);
      const r = await plainPage.evaluate(([nn, st, kk]: [number, number, number]) => window.benchPage.benchWorkerSteps(nn, st, kk), [n, workerSteps(n), Math.max(2, threads)] as [number, number, number]);
      out.rows.push({ where: 'chromium', backend: `${r.backend}, not isolated`, kernel: r.kernel, n, p: r.p, stepsPerSecond: r.stepsPerSecond });
      if (r.threads !== 1) out.notes.push(`chromium, not isolated, N = ${n}: ${r.threads} threads ran without isolation (unexpected)`);
    }
    await plainPage.close();
  } finally {
    await browser.close();
    await isolatedServer.close();
    await plainServer.close();
  }
  return out;
}
