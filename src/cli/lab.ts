/**
 * `npm run lab`: the entropic-transport lab headless. Solves Sinkhorn between two preset clouds,
 * trains a learned conditional (VarEOT or LightSB) by the page's stopping rule, and at each given
 * point writes the samples, Sinkhorn's plan row of the nearest source point and their energy
 * distance, with the row's sampling floor, as JSON (the same numbers as the page's Compare on the
 * same settings: src/engine/lab/labPipeline.ts).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkParam } from '../engine/params/declare';
import { presetCloud } from '../engine/lab/clouds';
import { CLOUD_NAMES, LAB_PARAMS, type CloudName } from '../engine/lab/labParams';
import { createLearner, LAB_METHODS, plateauSettings, sampleRng, type LabMethod } from '../engine/lab/learners';
import { SAMPLE_COUNT, solvePlan, trainToStop } from '../engine/lab/labPipeline';
import { nearestPoint } from '../engine/lab/labPlanViews';
import { rowDraws, rowFloor } from '../engine/lab/rowFloor';
import { weightedEnergyDistance } from '../engine/lab/weightedEnergy';
import { attachDashValues } from './args';
import { runCli } from './runCli';

const PRESETS = CLOUD_NAMES.filter((c): c is Exclude<CloudName, 'drawn'> => c !== 'drawn');

export const LAB_USAGE = `usage: npm run lab -- [--src CLOUD] [--tgt CLOUD] [--eps E] [--method ${LAB_METHODS.join('|')}]
  [--ns N] [--nt N] [--seed K] [--steps CAP] [--no-plateau] [--points "x,y;x,y"] [--samples S] [--out lab.json]
  CLOUD: ${PRESETS.join(', ')} (default ${LAB_PARAMS.src.default} -> ${LAB_PARAMS.tgt.default})
  --eps: ${LAB_PARAMS.eps.min}..${LAB_PARAMS.eps.max} (default ${LAB_PARAMS.eps.default}), absolute, on c = 0.5 ||x - y||^2
  --steps: the step cap of training (default ${LAB_PARAMS.lsteps.default}); it stops earlier when the smoothed loss levels off,
           unless --no-plateau (then exactly CAP steps)
  --points: where to compare (default "0,0"); each is snapped to its nearest source point for Sinkhorn's row
  --samples: samples per point (default ${SAMPLE_COUNT})`;

const OPTIONS = {
  src: { type: 'string' },
  tgt: { type: 'string' },
  eps: { type: 'string' },
  method: { type: 'string' },
  ns: { type: 'string' },
  nt: { type: 'string' },
  seed: { type: 'string' },
  steps: { type: 'string' },
  'no-plateau': { type: 'boolean' },
  points: { type: 'string' },
  samples: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface LabCliConfig {
  readonly src: Exclude<CloudName, 'drawn'>;
  readonly tgt: Exclude<CloudName, 'drawn'>;
  readonly eps: number;
  readonly method: LabMethod;
  readonly ns: number;
  readonly nt: number;
  readonly seed: number;
  readonly steps: number;
  readonly plateau: boolean;
  readonly points: [number, number][];
  readonly samples: number;
}

export interface LabCliArgs {
  readonly config: LabCliConfig;
  readonly out?: string;
  readonly help: boolean;
}

function parsePoints(s: string): [number, number][] {
  const pts = s.split(';').map((p) => p.split(',').map((t) => t.trim()));
  if (pts.length > 50 || pts.some((p) => p.length !== 2 || p.some((t) => t === '' || !Number.isFinite(Number(t)))))
    throw new Error(`invalid --points: '${s}' (expected up to 50 points "x,y;x,y")`);
  return pts.map(([a, b]) => [Number(a), Number(b)]);
}

function intFlag(name: string, raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < min || v > max) throw new Error(`invalid --${name}: ${raw} (must be an integer from ${min} to ${max})`);
  return v;
}

/** Parse argv; throws one readable message on any bad flag. */
export function parseLabArgs(argv: string[]): LabCliArgs {
  const { values } = parseArgs({ args: attachDashValues(argv, OPTIONS), strict: true, allowPositionals: false, options: OPTIONS });
  const cloud = (side: 'src' | 'tgt'): Exclude<CloudName, 'drawn'> => {
    const raw = values[side];
    if (raw === undefined) return LAB_PARAMS[side].default as Exclude<CloudName, 'drawn'>;
    if (!(PRESETS as readonly string[]).includes(raw)) throw new Error(`invalid --${side}: ${raw} (must be one of ${PRESETS.join(', ')})`);
    return raw as Exclude<CloudName, 'drawn'>;
  };
  const decl = (key: 'eps' | 'ns' | 'nt' | 'lseed' | 'lsteps', flag: string, raw: string | undefined): number => {
    if (raw === undefined) return LAB_PARAMS[key].default;
    try {
      return checkParam(key, LAB_PARAMS[key], raw) as number;
    } catch (e) {
      throw new Error(`invalid --${flag}: ${(e as Error).message.replace(/^invalid \w+: /, '')}`);
    }
  };
  const method = values.method ?? 'vareot';
  if (!(LAB_METHODS as readonly string[]).includes(method)) throw new Error(`invalid --method: ${method} (must be one of ${LAB_METHODS.join(', ')})`);
  const config: LabCliConfig = {
    src: cloud('src'),
    tgt: cloud('tgt'),
    eps: decl('eps', 'eps', values.eps),
    method: method as LabMethod,
    ns: decl('ns', 'ns', values.ns),
    nt: decl('nt', 'nt', values.nt),
    seed: decl('lseed', 'seed', values.seed),
    steps: decl('lsteps', 'steps', values.steps),
    plateau: !values['no-plateau'],
    points: values.points === undefined ? [[0, 0]] : parsePoints(values.points),
    samples: intFlag('samples', values.samples, SAMPLE_COUNT, 1, 5000),
  };
  return { config, out: values.out, help: values.help ?? false };
}

const round = (v: number, digits = 6): number => Number(v.toPrecision(digits));

/** The whole run: the JSON object `npm run lab` writes. */
export async function runLab(c: LabCliConfig, progress: (line: string) => void = () => undefined) {
  const source = presetCloud(c.src, c.ns, c.seed, 'source');
  const target = presetCloud(c.tgt, c.nt, c.seed, 'target');
  const t0 = performance.now();
  const solved = solvePlan(source, target, c.eps);
  const sinkhorn = { iterations: solved.solve.iterations, converged: solved.solve.result.converged, marginalError: solved.solve.result.rowError + solved.solve.result.colError, ms: Math.round(performance.now() - t0) };
  let backend: string | null = null;
  let steps = 0, loss: number | null = null, stopped: string | null = null, trainMs = 0;
  let learner = null;
  if (c.method !== 'sinkhorn') {
    if (c.method === 'vareot') {
      const { initTensorBackend } = await import('../engine/tensor/backend');
      backend = await initTensorBackend('wasm');
    }
    learner = createLearner(c.method, source, target, c.eps, c.seed);
    const t1 = performance.now();
    let last = t1;
    const rule = { ...plateauSettings(c.method, c.steps), ...(c.plateau ? {} : { minSteps: Infinity }) };
    const state = await trainToStop(learner, rule, (r) => {
      const t = performance.now();
      if (t - last < 2000) return;
      last = t;
      progress(`step ${r.state.steps}/${c.steps}, ${((1000 * r.state.steps) / (t - t1)).toFixed(1)} steps/s, smoothed loss ${r.state.smoothed.toFixed(4)}`);
    });
    trainMs = Math.round(performance.now() - t1);
    steps = state.steps;
    loss = round(state.smoothed);
    stopped = state.stopped;
  }
  const points = [];
  for (const [x, y] of c.points) {
    const i = nearestPoint(source, x, y);
    const xi: [number, number] = [source[2 * i], source[2 * i + 1]];
    const row = solved.row(i);
    const rng = sampleRng(c.seed, i);
    const samples = learner ? await learner.sample(xi, c.samples, rng) : rowDraws(target, row, c.samples, rng);
    const f = rowFloor(target, row, c.seed);
    const sinkhornRow: number[][] = [];
    for (let j = 0; j < row.length; j++) if (row[j] > 0) sinkhornRow.push([target[2 * j], target[2 * j + 1], row[j]]);
    points.push({
      x: [x, y],
      source: xi,
      sourceIndex: i,
      samples: Array.from({ length: samples.length / 2 }, (_, k) => [samples[2 * k], samples[2 * k + 1]]),
      sinkhornRow,
      energyDistance: weightedEnergyDistance(samples, target, row),
      floor: f.floor,
      floorSd: f.floorSd,
      resampling: f.meanPairDistance / c.samples,
      effectivePoints: round(f.effectivePoints, 4),
    });
  }
  learner?.dispose();
  return {
    config: c,
    method: c.method,
    steps,
    loss,
    stopped,
    trainMs,
    backend,
    sampling: learner?.sampling ?? 'draws of the plan row (target points with probability = row mass)',
    sinkhorn,
    points,
  };
}

async function main(argv: string[]): Promise<number> {
  let args: LabCliArgs;
  try {
    args = parseLabArgs(argv);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  if (args.help) {
    console.log(LAB_USAGE);
    return 0;
  }
  const result = await runLab(args.config, (line) => process.stderr.write(line + '\n'));
  const json = JSON.stringify(result);
  if (args.out) {
    writeFileSync(args.out, json);
    const eds = result.points.map((p) => `${p.energyDistance.toFixed(4)} (floor ${p.floor.toFixed(4)})`).join(', ');
    console.error(`wrote ${args.out}: ${result.method}, ${result.steps} steps${result.stopped ? ` (${result.stopped})` : ''}, energy distance ${eds}`);
  } else process.stdout.write(json + '\n');
  return 0;
}

// Only as a program (the tests import the parser and runLab).
if (process.argv[1] && /cli[\\/]lab\.ts$/.test(process.argv[1])) runCli(main);
