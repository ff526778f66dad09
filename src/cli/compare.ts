import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { RUN_PARAMS } from '../engine/experiment/runParams';
import type { SingleRunResult, SingleRunSpec } from '../engine/experiment/singleRun';
import { checkParam, int } from '../engine/params/declare';
import { samplerInfo } from '../engine/samplers/catalog';
import { parseTargetSpec } from '../engine/experiment/runConfig';
import { targetFromSpec } from '../engine/targets/fromSpec';
import { attachDashValues, targetConfig } from './args';
import { markdownTable, perSeedLines, summarise } from './compareTable';
import { runPool } from './pool';
import { printError, runCli } from './runCli';
import { installBlrDataLoader } from './blrData';
import { basename } from 'node:path';

const USAGE = `usage: npm run compare -- [--target NAME [--dim D] | --target blr --data SET|FILE.csv | --formula "U(x,y)" [--box xmin,xmax,ymin,ymax]] [--no-confine]
  [--n 250] [--steps 500] [--seeds 5] [--samplers etd-ub-sg,etd-ub-sf,svgd,agf-svgd,sgld] [--jobs K (default: every core)] [--out file.json]`;
const DEFAULT_SAMPLERS = 'etd-ub-sg,etd-ub-sf,svgd,agf-svgd,sgld';

function parse(argv: string[]) {
  const options = {
    target: { type: 'string' }, dim: { type: 'string' }, data: { type: 'string' }, formula: { type: 'string' }, box: { type: 'string' }, 'no-confine': { type: 'boolean' },
    n: { type: 'string', default: '250' }, steps: { type: 'string', default: '500' }, seeds: { type: 'string', default: '5' },
    samplers: { type: 'string', default: DEFAULT_SAMPLERS }, jobs: { type: 'string' }, out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const { values } = parseArgs({ args: attachDashValues(argv, options), strict: true, options });
  const target = parseTargetSpec(targetConfig(values, 'u3') ?? 'u3');
  if (target.kind !== 'nd') targetFromSpec(target); // fail fast on an unknown preset or a broken formula (nd targets were checked)
  const n = checkParam('n', RUN_PARAMS.n, values.n) as number;
  const steps = checkParam('steps', RUN_PARAMS.steps, values.steps) as number;
  const seeds = checkParam('seeds', int(5, 1, 1000, ''), values.seeds) as number;
  // Every core by default: each run is one worker thread (its kernels on that thread).
  const jobs = checkParam('jobs', int(2, 1, 64, ''), values.jobs ?? String(Math.min(64, availableParallelism()))) as number;
  const samplers = values.samplers.split(',').map((s) => s.trim()).filter(Boolean);
  samplers.forEach((s) => samplerInfo(s));
  return { target, n, steps, seeds, jobs, samplers, out: values.out, help: values.help };
}

async function main(argv: string[]): Promise<number> {
  installBlrDataLoader();
  let opts;
  try {
    opts = parse(argv);
  } catch (err) {
    printError(err);
    return 2;
  }
  if (opts.help) return console.log(USAGE), 0;
  const { target, n, steps, seeds, samplers, jobs } = opts;
  const specs: SingleRunSpec[] = samplers.flatMap((sampler) =>
    Array.from({ length: seeds }, (_, k) => ({ target, sampler, seed: k + 1, n, steps })),
  );
  const name = target.kind === 'preset' ? target.name : target.kind === 'nd' ? `${target.name} (d = ${target.dim})` : target.kind === 'blr' ? `blr ${target.data}` : target.kind === 'formula' ? `formula ${target.formula}` : 'drawing';
  console.error(`compare ${name}: N = ${n}, ${steps} steps, seeds 1..${seeds}, ${specs.length} runs on ${jobs} threads`);
  const t0 = performance.now();
  const runs = await runPool<SingleRunSpec, SingleRunResult>(new URL('./compareWorker.ts', import.meta.url), specs, jobs, (d) =>
    console.error(`  ${d}/${specs.length} runs done (${((performance.now() - t0) / 1000).toFixed(0)} s)`),
  );
  const summary = summarise(samplers, runs);
  const table = markdownTable(summary);
  const seedList = Array.from({ length: seeds }, (_, k) => k + 1);
  console.log(`\n${name}: N = ${n}, ${steps} steps, seeds 1..${seeds}; each cell: mean ± sd [min–max over the seeds], after the last step\n\n${table}\n`);
  const radius = target.kind === 'nd' ? 'within s chi_d(0.99) of its centre (the radius holding 99% of the component)' : 'within 2 standard deviations of its centre';
  console.log(`modeCoverage: fraction of modes with a particle ${radius}; modeBalance: Jensen-Shannon divergence (nats, 0 = the mixture weights, ln 2 = 0.693 at most) between the shares of particles nearest each mode and the weights (docs/metrics.md).\n`);
  console.error(`per seed:\n${perSeedLines(summary, seedList)}\n`);
  const out = opts.out ?? `compare-${target.kind === 'preset' ? target.name : target.kind === 'nd' ? `${target.name}-d${target.dim}` : target.kind === 'blr' ? `blr-${basename(target.data, '.csv')}` : target.kind}.json`;
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
  writeFileSync(out, JSON.stringify({ config: { target, n, steps, seeds, samplers }, machine, summary, runs }, null, 1));
  console.error(`wrote ${out} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return 0;
}

runCli(main);
