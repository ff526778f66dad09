import { readFileSync, writeFileSync } from 'node:fs';
import { runExperiment } from '../engine/experiment/run';
import { parseRunConfig } from '../engine/experiment/runConfig';
import { targetFromSpec } from '../engine/targets/fromSpec';
import { parseCliArgs, USAGE } from './args';
import { nonFiniteRunMessage } from './nonFiniteRun';
import { runCli } from './runCli';

/** `npm run sample`: run one sampler headlessly and write particles and diagnostics as JSON. */
async function main(argv: string[]): Promise<number> {
  let cfg;
  let out: string | undefined;
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    out = args.out;
    const base = args.configFile ? (JSON.parse(readFileSync(args.configFile, 'utf8')) as Record<string, unknown>) : {};
    // Flags override the file key by key, including inside run and params.
    const merged: Record<string, unknown> = { ...base, ...args.config };
    for (const key of ['run', 'params'] as const)
      if (base[key] !== undefined || args.config[key] !== undefined) merged[key] = { ...(base[key] as object), ...(args.config[key] as object) };
    cfg = parseRunConfig(merged);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  let result;
  try {
    const every = Math.max(1, Math.floor(cfg.run.steps / 10));
    result = runExperiment(cfg, (k) => {
      if (out && k % every === 0) process.stderr.write(`step ${k}/${cfg.run.steps}\n`);
    });
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  const json = JSON.stringify(result);
  if (out) {
    writeFileSync(out, json);
    console.error(`wrote ${out}: ${result.checkpoints.length} checkpoints, ${result.timing.msPerStep.toFixed(1)} ms/step`);
  } else {
    process.stdout.write(json + '\n');
  }
  // NaN / infinite positions are written as null: the output is there to inspect, but the run failed.
  const broken = nonFiniteRunMessage(result, targetFromSpec(cfg.target));
  if (broken) {
    console.error(`error: ${broken}`);
    return 1;
  }
  return 0;
}

runCli(main);
