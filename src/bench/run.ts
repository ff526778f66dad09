import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { cpuSinkhorn, etdStepsPerSecond, type BenchRow } from './nodeBench';
import { potSinkhorn } from './potBench';
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
  for (const n of sizes) {
    console.error(`node: N = ${n}`);
    rows.push(...cpuSinkhorn(n), etdStepsPerSecond(n));
  }
  console.error('python: POT');
  const pot = potSinkhorn(sizes);
  if (pot.error) notes.push(`POT not measured: ${pot.error}`);
  rows.push(...pot.rows);
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
  console.log(`\nmachine: ${machine}\n\n${benchTable(rows)}\n`);
  for (const s of speedups(rows)) console.log(`N = ${s.n}: CPU path is ${s.cpuOverPot.toFixed(1)}x POT's sinkhorn_log per iteration`);
  for (const n of notes) console.log(`note: ${n}`);
  writeFileSync(values.out, JSON.stringify({ machine, date: new Date().toISOString(), rows, speedups: speedups(rows), ui, notes }, null, 1));
  console.error(`wrote ${values.out}`);
}

main().catch((err) => {
  console.error(`error: ${(err as Error).message}`);
  process.exit(2);
});
