import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { stopNodeThreads, useNodeThreads } from '../engine/parallel/nodeThreads';
import { samplerInfo } from '../engine/samplers/catalog';
import type { RunConfig } from '../engine/experiment/runConfig';
import { runExperimentAsync } from '../engine/experiment/run';
import { parseRunConfig } from '../engine/experiment/runConfig';
import { targetFromSpec } from '../engine/targets/fromSpec';
import { zeroMassProblem } from '../engine/targets/mass';
import { blrData } from '../engine/targets/blr/dataSets';
import { blrSummary } from '../engine/targets/blr/target';
import { parseCliArgs, USAGE } from './args';
import { kindOf, readConfigFile } from './configFile';
import { startHeartbeat } from './heartbeat';
import { nonFiniteRunMessage } from './nonFiniteRun';
import { printError, runCli } from './runCli';
import { installBlrDataLoader } from './blrData';

/** `npm run sample`: run one sampler headlessly and write particles and diagnostics as JSON. */
async function main(argv: string[]): Promise<number> {
  installBlrDataLoader();
  let cfg;
  let out: string | undefined;
  let threads = availableParallelism();
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    out = args.out;
    threads = args.threads ?? threads;
    cfg = parseRunConfig(mergeConfig(args.configFile ? readConfigFile(args.configFile) : {}, args.config));
    const massProblem = cfg.target.kind === 'nd' || cfg.target.kind === 'blr' ? null : zeroMassProblem(targetFromSpec(cfg.target));
    if (massProblem) throw new Error(massProblem);
  } catch (err) {
    printError(err);
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
  // A step is synchronous: while a long one runs (a large N), a separate thread says so every 10 s.
  const heartbeat = startHeartbeat(heartbeatMs());
  const onStep = progress(cfg.run.steps * cfg.panels.length);
  // A large ETD panel splits its N x P passes across worker threads (the same bits as one thread).
  const team = threads > 1 && largeEtdPanel(cfg) ? (await useNodeThreads(threads)).team : null;
  if (team) console.error(`ETD's kernels on ${team.threads} threads`);
  try {
    heartbeat.stepStarted(1);
    result = await runExperimentAsync(cfg, {
      onStep: (step) => {
        onStep();
        heartbeat.stepStarted(step < cfg.run.steps ? step + 1 : 1); // the next step, or the next panel's first
      },
      stop: () => stopping,
    });
  } catch (err) {
    printError(err);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
    stopNodeThreads(team);
    await heartbeat.stop();
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
    printError(broken);
    return 1;
  }
  return 0;
}

/** Below this many N x P entries per step (N = 205 at M = 25) starting the threads (~0.3 s) is not worth it. */
const THREADS_FROM_ENTRIES = 1 << 20;

/** Some ETD panel of the run is large enough for kernel threads. */
function largeEtdPanel(cfg: RunConfig): boolean {
  return cfg.panels.some((p) => samplerInfo(p.sampler).family === 'etd' && cfg.run.n * cfg.run.n * Number(p.params.M ?? 25) >= THREADS_FROM_ENTRIES);
}

/** ETD_HEARTBEAT_MS (tests): a shorter heartbeat than the 10 s default, at least 100 ms. */
function heartbeatMs(): number | undefined {
  const ms = Number(process.env.ETD_HEARTBEAT_MS);
  return Number.isFinite(ms) && ms >= 100 ? ms : undefined;
}

/**
 * The config file's object with the flags over it, key by key, including inside run and params
 * (each of which must be an object where given). A new step count without new checkpoints
 * records the first and the last step of the new run.
 */
function mergeConfig(base: Record<string, unknown>, flags: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base, ...flags };
  const newSteps = (flags.run as Record<string, unknown> | undefined)?.steps;
  if (newSteps !== undefined && flags.checkpoints === undefined) delete merged.checkpoints;
  for (const key of ['run', 'params'] as const) {
    const inFile = base[key];
    if (inFile !== undefined && (typeof inFile !== 'object' || inFile === null || Array.isArray(inFile)))
      throw new Error(`invalid ${key} in the config file: must be an object ({ "name": value, ... }), not ${kindOf(inFile)}`);
    if (inFile !== undefined || flags[key] !== undefined) merged[key] = { ...(inFile as object), ...(flags[key] as object) };
  }
  return merged;
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
