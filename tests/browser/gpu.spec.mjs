// The fused WGSL Sinkhorn kernel in Chromium's WebGPU (SwiftShader here: correct but CPU-slow, so
// problems stay at 20 x 200). These specs launch their own Chromium with --enable-unsafe-webgpu
// (launchChromium({ webgpu: true })); the shared browser of the other specs keeps the defaults.
import { assert } from '../../src/bench/appPage.mjs';
import { launchChromium } from './lib/chromium.mjs';

const PAGE = 'tests/browser/pages/gpu.html';

/** Run fn(page) on the GPU test page in a WebGPU-enabled browser; page errors fail the test. */
async function withGpuPage(baseUrl, fn) {
  const browser = await launchChromium({ webgpu: true });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await page.goto(new URL(PAGE, baseUrl).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await fn(page);
    assert(errors.length === 0, `console/page errors on the GPU page: ${errors.join(" | ")}`);
  } finally {
    await browser.close().catch(() => undefined);
  }
}

export async function fusedKernelMatchesCpuPath({ baseUrl }) {
  await withGpuPage(baseUrl, async (page) => {
    for (const lamB of [1, 0.5]) {
      const iterations = {};
      for (const relax of ['off', 'adaptive']) {
        const r = await page.evaluate(([l, x]) => window.gpuPage.compare(20, 200, l, x), [lamB, relax]);
        const what = `lamB ${lamB}, relax ${relax}`;
        assert(r.converged && r.cpuConverged, `not converged (${what}: gpu ${r.iterations} it, cpu ${r.cpuIterations} it)`);
        assert(r.worstRelative < 1e-4, `plan differs from the CPU path by ${r.worstRelative} relative (${what})`);
        // The same stopping rule; the GPU checks every 10 iterations (adaptive: at 4, 14, 24, ...).
        assert(Math.abs(r.iterations - r.cpuIterations) <= 10, `iterations ${r.iterations} vs CPU ${r.cpuIterations} (${what})`);
        if (lamB === 1) assert(Math.abs(r.imageMass - 1) < 1e-3, `plan image mass ${r.imageMass}, expected 1 (${what})`);
        iterations[relax] = r.iterations;
        const relaxed = relax === 'adaptive' ? `, omega ${r.omega.toFixed(2)}, ${r.pullBacks} pull-backs` : '';
        console.log(`    ${r.adapter}: 20 x 200 ${what}: ${r.iterations} it (cpu ${r.cpuIterations})${relaxed}, ${r.gpuMs.toFixed(0)} ms, worst rel ${r.worstRelative.toExponential(1)}`);
      }
      assert(iterations.adaptive <= iterations.off, `relax adaptive took ${iterations.adaptive} iterations, off ${iterations.off} (lamB ${lamB})`);
    }
  });
}

export async function stopsOnTheMarginalResidual({ baseUrl }) {
  await withGpuPage(baseUrl, async (page) => {
    for (const relax of ['off', 'adaptive']) {
      const r = await page.evaluate((x) => window.gpuPage.tinyEps(20, 200, x), relax);
      assert(r.finite, `non-finite potentials at eps 1e-6 (relax ${relax})`);
      assert(r.iterations === 30 && !r.converged, `eps 1e-6 should run to maxIter 30 unconverged: ${JSON.stringify(r)} (relax ${relax})`);
      assert(!r.cpuConverged && r.residual > 1e-2, `completeCoupling should say not converged: ${JSON.stringify(r)} (relax ${relax})`);
    }
  });
}

export async function chooseBackendSkipsSoftwareWebGPU({ baseUrl }) {
  await withGpuPage(baseUrl, async (page) => {
    const hasGpu = await page.evaluate(() => !!navigator.gpu);
    assert(hasGpu, 'navigator.gpu is missing even with --enable-unsafe-webgpu');
    const choice = await page.evaluate(() => window.gpuPage.choose());
    assert(choice.name !== 'webgpu', `chose ${choice.name} on a software adapter: ${choice.reason}`);
    assert(
      /WebGPU adapter is \S+.* \(software\): skipped/.test(choice.reason),
      `the reason should say the software adapter was skipped: '${choice.reason}'`,
    );
    assert(choice.reason.endsWith(`using ${choice.name}`), `the reason should end with the choice: '${choice.reason}'`);
    const forced = await page.evaluate(() => window.gpuPage.choose({ allowSoftwareWebGPU: true }));
    assert(forced.name === 'webgpu', `allowSoftwareWebGPU should select webgpu: ${forced.reason}`);
    console.log(`    default: ${choice.reason}`);
  });
}

export async function workerStepsEtdOnFusedKernels({ baseUrl }) {
  await withGpuPage(baseUrl, async (page) => {
    const r = await page.evaluate(() => window.gpuPage.workerSession(3));
    assert(r.backend.name === 'webgpu', `the worker should use WebGPU when the software adapter is allowed: ${r.backend.reason}`);
    assert(/fused WGSL kernels/.test(r.backend.reason), `reason: ${r.backend.reason}`);
    const [etd] = r.panels;
    assert(etd.iteration === 3 && etd.status === 'ok' && etd.finite, `ETD panel: ${JSON.stringify(etd)}`);
    assert(etd.gpu === 1, 'the ETD panel did not step on the GPU');
    console.log(`    ${r.backend.reason}`);
  });
}
