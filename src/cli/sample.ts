import { readFileSync, writeFileSync } from 'node:fs';
import { runExperimentAsync } from '../engine/experiment/run';
import { parseRunConfig } from '../engine/experiment/runConfig';
import { targetFromSpec } from '../engine/targets/fromSpec';
import { blrData } from '../engine/targets/blr/dataSets';
import { blrSummary } from '../engine/targets/blr/target';
import { parseCliArgs, USAGE } from './args';
import { nonFiniteRunMessage } from './nonFiniteRun';
import { runCli } from './runCli';
import { installBlrDataLoader } from './blrData';

/** `npm run sample`: run one sampler headlessly and write particles and diagnostics as JSON. */
async function main(argv: string[]): Promise<number> {
  installBlrDataLoader();
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
    // A new step count without new checkpoints: record the first and the last step of the new run.
    const newSteps = (args.config.run as Record<string, unknown> | undefined)?.steps;
    if (newSteps !== undefined && args.config.checkpoints === undefined) delete merged.checkpoints;
    for (const key of ['run', 'params'] as const)
      if (base[key] !== undefined || args.config[key] !== undefined) merged[key] = { ...(base[key] as object), ...(args.config[key] as object) };
    cfg = parseRunConfig(merged);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  if (cfg.target.kind === 'blr') for (const line of blrSummary(blrData(cfg.target.data))) console.error(`note: ${line}`);
  let result;
  // Ctrl-C stops after the current step and still writes what was done (exit 130); a second
  // Ctrl-C exits at once.
  let stopping = false;
  const onSigint = () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error('interrupted: stopping after this step (Ctrl-C again to quit now)');
  };
  process.on('SIGINT', onSigint);
  try {
    result = await runExperimentAsync(cfg, { onStep: progress(cfg.run.steps * cfg.panels.length), stop: () => stopping });
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
  }
  const json = JSON.stringify(result);
  if (out) {
    writeFileSync(out, json);
    console.error(`wrote ${out}: ${result.checkpoints.length} checkpoints, ${result.timing.msPerStep.toFixed(1)} ms/step`);
  } else {
    process.stdout.write(json + '\n');
  }
  if (result.interruptedAt !== undefined) {
    console.error(`interrupted at step ${result.interruptedAt} of ${cfg.run.steps}: the output holds the steps done so far`);
    return 130;
  }
  // NaN / infinite positions are written as null: the output is there to inspect, but the run failed.
  const broken = nonFiniteRunMessage(result, targetFromSpec(cfg.target));
  if (broken) {
    console.error(`error: ${broken}`);
    return 1;
  }
  return 0;
}

/**
 * Progress on stderr at most every 2 s (a quick run prints nothing): the step, steps per second
 * and the time left, so a slow run (large N) is never silent.
 */
function progress(total: number): () => void {
  const t0 = performance.now();
  let last = t0;
  let step = 0; // steps of every panel so far (panels run one after the other)
  return () => {
    step++;
    const t = performance.now();
    if (t - last < 2000 || step === total) return;
    last = t;
    const rate = (step * 1000) / (t - t0);
    const left = (total - step) / rate;
    process.stderr.write(`step ${step}/${total}, ${rate >= 1 ? rate.toFixed(1) : rate.toPrecision(2)} steps/s, about ${left < 60 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left\n`);
  };
}

runCli(main);
