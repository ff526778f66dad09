import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { cpuSinkhorn, etdStepsPerSecond, type BenchRow } from './nodeBench';
import { numpyEtdSteps } from './numpyEtd';
import { potSinkhorn } from './potBench';
import { stageProfile, stageTable, type StageProfile } from './stageProfile';
import { benchTable, speedups } from './table';

/** `npm run bench`: Sinkhorn ms/iteration and ETD steps/s per backend and size, beside POT. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '100,250,500,1000' }, out: { type: 'string', default: 'bench-results.json' }, 'no-browser': { type: 'boolean' } },
  });
  const sizes = values.sizes.split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`invalid --sizes: ${values.sizes}`);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  let ui: unknown;
  const profiles: StageProfile[] = [];
  for (const n of sizes) {
    console.error(`node: N = ${n}`);
    rows.push(...cpuSinkhorn(n), etdStepsPerSecond(n));
    profiles.push(stageProfile(n, 'simd'), stageProfile(n, 'typed arrays'));
  }
  console.error('python: POT');
  const pot = potSinkhorn(sizes);
  if (pot.error) notes.push(`POT not measured: ${pot.error}`);
  rows.push(...pot.rows);
  console.error('python: NumPy ETD-B step');
  const numpy = numpyEtdSteps(sizes);
  if (numpy.error) notes.push(`NumPy ETD step not measured: ${numpy.error}`);
  for (const r of numpy.rows) {
    rows.push({ where: 'python', backend: 'NumPy', kernel: `ETD-B step (authors' stop rule, ${r.iterations.toFixed(1)} it)`, n: r.n, p: 25 * r.n, stepsPerSecond: 1000 / r.msPerStep });
    const ours = profiles.find((p) => p.n === r.n && p.path === 'simd');
    if (ours) notes.push(`N = ${r.n}: a default ETD-B step in Node (SIMD) is ${(r.msPerStep / ours.msPerStep).toFixed(1)}x faster than the NumPy step`);
  }
  if (!values['no-browser']) {
    const { browserBench } = await import('./browserBench');
    const b = await browserBench(sizes);
    rows.push(...b.rows);
    notes.push(...b.notes);
    ui = b.ui;
    if (b.ui) {
      const steps = Object.entries(b.ui.stepsPerSecond).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      notes.push(
        `playground, 4 panels at N = 200 for ${b.ui.seconds.toFixed(0)} s: ${b.ui.framesPerSecond.toFixed(0)} frames/s; steps/s per panel: ${steps}; ` +
          `main-thread long tasks over 50 ms: ${b.ui.longTasks}${b.ui.longTasks ? ` (longest ${b.ui.longestTaskMs.toFixed(0)} ms)` : ''}`,
      );
    }
  }
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const load = loadavg().map((v) => v.toFixed(2)).join(', ');
  console.log(`\nmachine: ${machine}; load average at the end: ${load}\n\n${benchTable(rows)}\n`);
  console.log(`One default ETD-B step by stage (ms per step, gmm-grid-4, M = 25):\n\n${stageTable(profiles)}\n`);
  for (const s of speedups(rows)) console.log(`N = ${s.n}: CPU path is ${s.cpuOverPot.toFixed(1)}x POT's sinkhorn_log per iteration`);
  for (const n of notes) console.log(`note: ${n}`);
  writeFileSync(values.out, JSON.stringify({ machine, load, date: new Date().toISOString(), rows, profiles, speedups: speedups(rows), ui, notes }, null, 1));
  console.error(`wrote ${values.out}`);
}

main().catch((err) => {
  console.error(`error: ${(err as Error).message}`);
  process.exit(2);
});
