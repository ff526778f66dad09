import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { stopNodeThreads, useNodeThreads } from '../engine/parallel/nodeThreads';
import { useKernels } from '../engine/wasm/simd';
import { cpuSinkhorn, etdStepsPerSecond, type BenchRow } from './nodeBench';
import { numpyEtdSteps } from './numpyEtd';
import { potSinkhorn } from './potBench';
import { expNsPerEntry, forkJoinMicros, stageProfile, stageTable, type StageProfile } from './stageProfile';
import { benchTable, speedups } from './table';

const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');

/**
 * `npm run bench`: Sinkhorn ms/iteration and ETD steps/s per backend and size, beside POT and a
 * NumPy ETD step; the kernels on one thread and on every core (a team of worker threads in Node,
 * of kernel-thread workers in a cross-origin isolated Chromium page).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100,250,500,1000,2500' },
      threads: { type: 'string' },
      out: { type: 'string', default: 'bench-results.json' },
      'no-browser': { type: 'boolean' },
      'no-python': { type: 'boolean' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`invalid --sizes: ${values.sizes}`);
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!(Number.isInteger(threads) && threads >= 1)) throw new Error(`invalid --threads: ${values.threads}`);
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const profiles: StageProfile[] = [];
  const { team, reason } = await useNodeThreads(threads);
  useKernels(null); // each measurement says which kernels it runs on
  if (threads > 1 && !team) notes.push(`node: no team of ${threads} threads (${reason}); threaded rows missing`);
  const expNs = expNsPerEntry();
  const forkJoin = team ? forkJoinMicros(team) : NaN;
  try {
    for (const n of sizes) {
      console.error(`node: N = ${n}`);
      if (n <= 1000) rows.push(...cpuSinkhorn(n));
      rows.push(etdStepsPerSecond(n));
      if (team) rows.push(etdStepsPerSecond(n, undefined, team));
      profiles.push(stageProfile(n, 'simd'));
      if (team) profiles.push(stageProfile(n, 'simd', undefined, team));
      if (n <= 1000) profiles.push(stageProfile(n, 'typed arrays'));
    }
  } finally {
    stopNodeThreads(team);
  }
  const small = sizes.filter((n) => n <= 1000);
  if (!values['no-python']) {
    console.error('python: POT');
    const pot = potSinkhorn(small);
    if (pot.error) notes.push(`POT not measured: ${pot.error}`);
    rows.push(...pot.rows);
    console.error('python: NumPy ETD-B step, two stop rules');
    const numpy = numpyEtdSteps(small);
    if (numpy.error) notes.push(`NumPy ETD step not measured: ${numpy.error}`);
    for (const r of numpy.rows) {
      const label = r.rule === 'authors' ? `authors' stop rule, ${r.iterations.toFixed(1)} it` : `residual <= 3e-2 like ours, ${r.iterations.toFixed(1)} it`;
      rows.push({ where: 'python', backend: 'NumPy', kernel: `ETD-B step (${label})`, n: r.n, p: 25 * r.n, msPerIteration: r.msPerIteration, stepsPerSecond: 1000 / r.msPerStep });
      if (r.rule !== 'residual') continue;
      for (const ours of profiles.filter((p) => p.n === r.n && p.path === 'simd')) {
        const perIt = ours.stages['sinkhorn iterations'] / Math.max(ours.iterations, 1e-9);
        notes.push(
          `N = ${r.n}, ${ours.threads} thread(s): a default ETD-B step in Node is ${(r.msPerStep / ours.msPerStep).toFixed(1)}x faster than the NumPy step at the same ` +
            `marginal residual (3e-2; ours ${ours.iterations.toFixed(1)} it with over-relaxation, NumPy ${r.iterations.toFixed(1)} plain it); per Sinkhorn iteration ${(r.msPerIteration / perIt).toFixed(1)}x`,
        );
      }
    }
  }
  let browser: Awaited<ReturnType<typeof import('./browserBench').browserBench>> | undefined;
  if (!values['no-browser']) {
    const { browserBench } = await import('./browserBench');
    browser = await browserBench(sizes);
    rows.push(...browser.rows);
    notes.push(...browser.notes);
    if (browser.page) notes.push(`chromium benchmark page: cross-origin isolated ${browser.page.isolated}, navigator.hardwareConcurrency ${browser.page.cores}`);
    if (browser.ui) {
      const steps = Object.entries(browser.ui.stepsPerSecond).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      notes.push(
        `playground (isolated), 4 panels at N = 200 for ${browser.ui.seconds.toFixed(0)} s: ${browser.ui.framesPerSecond.toFixed(0)} frames/s; steps/s per panel: ${steps}; ` +
          `main-thread long tasks over 50 ms: ${browser.ui.longTasks}${browser.ui.longTasks ? ` (longest ${browser.ui.longestTaskMs.toFixed(0)} ms)` : ''}; badge "${browser.ui.badge}"`,
      );
    }
    if (browser.app)
      for (const a of [browser.app.isolated, browser.app.plain])
        notes.push(`playground, one ETD-B panel at N = ${a.n} (${a.isolated ? 'isolated' : 'not isolated'}): ${a.stepsPerSecond.toFixed(1)} steps/s, badge "${a.badge}" (${a.reason})`);
  }
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  console.log(`\nmachine: ${machine}; load average at the start: ${loadAtStart}; at the end: ${load()}\n\n${benchTable(rows)}\n`);
  console.log(`One default ETD-B step by stage (ms per step, gmm-grid-4, M = 25; ns per entry: stage time / (N x 25 N)):\n\n${stageTable(profiles)}\n`);
  console.log(`The vector exp alone: ${expNs.toFixed(2)} ns per entry on one thread`);
  if (team) console.log(`One fork-join on the Node team of ${team.threads} threads (4 pieces per thread, no work): ${forkJoin.toFixed(1)} us (median)`);
  for (const s of speedups(rows)) console.log(`N = ${s.n}: CPU path is ${s.cpuOverPot.toFixed(1)}x POT's sinkhorn_log per iteration`);
  for (const n of notes) console.log(`note: ${n}`);
  writeFileSync(
    values.out,
    JSON.stringify({ machine, load: { start: loadAtStart, end: load() }, date: new Date().toISOString(), rows, profiles, expNs, forkJoinMicros: forkJoin, speedups: speedups(rows), browser, notes }, null, 1),
  );
  console.error(`wrote ${values.out}`);
}

main().catch((err) => {
  console.error(`error: ${(err as Error).message}`);
  process.exit(2);
});
