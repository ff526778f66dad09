import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './nodeBench';
import { uiBench, type UiBenchResult } from './uiBench';

type Iters = { fused: number; webgpuOps: number; wasmOps: number; cpu: number; steps: number };

/**
 * Iterations per kernel and size in headless Chromium. WebGPU there is SwiftShader (a CPU), so
 * the generic-op version, ~1.3 s per iteration at N = 100, is only timed where it ends at all.
 */
function plan(n: number): { iters: Iters; skip: Record<string, string> } {
  const skip = { fused: '', webgpuOps: 'skipped: over 10 s per iteration on the software adapter', wasmOps: 'skipped: the N x P tensors exceed 1 GB' };
  if (n <= 100) return { iters: { fused: 5, webgpuOps: 1, wasmOps: 5, cpu: 20, steps: 5 }, skip };
  if (n <= 250) return { iters: { fused: 2, webgpuOps: 1, wasmOps: 3, cpu: 10, steps: 3 }, skip };
  if (n <= 500) return { iters: { fused: 1, webgpuOps: 0, wasmOps: 2, cpu: 5, steps: 1 }, skip };
  return { iters: { fused: 1, webgpuOps: 0, wasmOps: 0, cpu: 2, steps: 1 }, skip };
}

/** Build the app (with the benchmark page), serve it, and run the page's benchmark per size. */
export async function browserBench(sizes: readonly number[]): Promise<{ rows: BenchRow[]; notes: string[]; ui?: UiBenchResult }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'browser-tests', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) return { rows: [], notes: [`browser part not run: vite build failed: ${build.stderr.trim().split('\n').at(-1)}`] };
  const lib = (f: string) => new URL(`../../tests/browser/lib/${f}`, import.meta.url).href;
  const { startServer } = await import(lib('server.mjs'));
  const { launchChromium } = await import(lib('chromium.mjs'));
  const server = await startServer(`${root}/dist`);
  const browser = await launchChromium({ webgpu: true });
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  let ui: UiBenchResult | undefined;
  try {
    console.error('chromium: the playground, 4 panels at N = 200 for 10 s');
    const appPage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    ui = await uiBench(appPage, server.url);
    await appPage.close();
    const page = await browser.newPage();
    page.on('pageerror', (e: Error) => notes.push(`page error: ${e.message}`));
    await page.goto(new URL('tests/browser/pages/benchEtd.html', server.url).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    for (const n of sizes) {
      console.error(`chromium: N = ${n}`);
      const { iters, skip } = plan(n);
      const res: (BenchRow & { skipped?: string })[] = await page.evaluate(
        ([nn, it, sk]: [number, Iters, Record<string, string>]) => window.benchPage.benchSize(nn, it, sk),
        [n, iters, skip] as [number, Iters, Record<string, string>],
      );
      for (const r of res) {
        if (r.skipped) notes.push(`chromium ${r.backend} ${r.kernel} N = ${n}: ${r.skipped}`);
        else rows.push({ ...r, where: 'chromium' });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { rows, notes, ui };
}
