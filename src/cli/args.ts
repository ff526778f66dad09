import { parseArgs } from 'node:util';
import { DEFAULT_PRESET } from '../engine/experiment/defaults';

/** Command-line flags of `npm run sample`; everything maps onto one RunConfig object. */
export const USAGE = `usage: npm run sample -- [--target NAME [--dim D] | --formula "U(x,y)" [--box xmin,xmax,ymin,ymax]]
  [--sampler NAME] [--set key=value ...] [--n N] [--steps S] [--seed K]
  [--center x,y] [--spread S] [--no-confine] [--checkpoints 0,10,100] [--metrics] [--out run.json]
  [--config file.json]   (a JSON RunConfig; flags given as well override it)
  [--threads K]          (threads for ETD's kernels on a large panel; default: every core)
  --dim D: dimension (2..100) of the d-dimensional targets iso-gaussian, aniso-gaussian, gmm-d;
  their positions are written as lists of D numbers
  --target blr --data SET|FILE.csv: Bayesian logistic regression on a vendored data set
  (breast-cancer, sonar, ionosphere: metrics against a reference posterior) or on a CSV file
  (labels in the last column or one named 'label'; predictive metrics only)`;

export interface CliArgs {
  readonly config: Record<string, unknown>;
  readonly configFile?: string;
  readonly out?: string;
  /** Threads for ETD's kernels (undefined: every core). Not part of the experiment: results are the same bits. */
  readonly threads?: number;
  readonly help: boolean;
}

const numberList = (flag: string, s: string, len?: number): number[] => {
  const parts = s.split(',').map((t) => t.trim());
  const nums = parts.map(Number);
  if (parts.some((t) => t === '') || nums.some((v) => !Number.isFinite(v)) || (len !== undefined && nums.length !== len))
    throw new Error(`invalid --${flag}: '${s}' (expected ${len ?? 'a list of'} comma-separated numbers)`);
  return nums;
};

/** The target flags shared by the runners. */
export interface TargetFlags {
  readonly target?: string;
  readonly formula?: string;
  readonly box?: string;
  readonly 'no-confine'?: boolean;
  readonly dim?: string;
  readonly data?: string;
}

/**
 * --target / --formula / --box / --no-confine / --dim as the config's target object (read by
 * parseTargetSpec, which checks the dim and that it names a d-dimensional target), or undefined
 * when none was given. Throws on contradictory flags.
 */
export function targetConfig(values: TargetFlags, defaultPreset: string): Record<string, unknown> | undefined {
  if (values.target !== undefined && values.formula !== undefined) throw new Error('give either --target or --formula, not both');
  if (values.target === 'blr' || values.data !== undefined) return blrTargetConfig(values);
  if (values.formula !== undefined && values.dim !== undefined)
    throw new Error('--dim does not apply to --formula: a formula is a 2D target U(x, y); --dim goes with --target iso-gaussian, aniso-gaussian or gmm-d');
  if (values.formula !== undefined) return { formula: values.formula, ...(values.box ? { box: numberList('box', values.box, 4) } : {}) };
  if (values.box !== undefined) throw new Error('--box only applies to --formula targets');
  if (values.dim !== undefined && values.target === undefined) throw new Error('--dim needs --target with a d-dimensional target (iso-gaussian, aniso-gaussian, gmm-d)');
  if (values.target !== undefined || values['no-confine'])
    return {
      preset: values.target ?? defaultPreset,
      ...(values['no-confine'] ? { confine: false } : {}),
      ...(values.dim !== undefined ? { dim: values.dim } : {}),
    };
  return undefined;
}

/** --target blr --data SET|FILE as the config's target: { kind: 'blr', data }. */
function blrTargetConfig(values: TargetFlags): Record<string, unknown> {
  if (values.target !== 'blr') throw new Error(`--data only applies to --target blr (got --target ${values.target ?? 'none'})`);
  if (values.data === undefined || values.data.trim() === '')
    throw new Error('--target blr needs --data: a vendored data set (breast-cancer, sonar, ionosphere) or a CSV file');
  if (values.dim !== undefined) throw new Error('--dim does not apply to --target blr (the dimension is the number of feature columns)');
  if (values['no-confine']) throw new Error('--no-confine does not apply to --target blr');
  return { kind: 'blr', data: values.data };
}

/**
 * `--box -4,4,-4,4` and `--formula "-log(...)"`: a value that starts with a minus is taken as the
 * value of the preceding string option (node's parseArgs would read it as a flag), unless it is
 * itself one of the known flags. Returns argv with such pairs joined as `--name=value`.
 */
export function attachDashValues(argv: readonly string[], options: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>): string[] {
  const flags = new Set(Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : null;
    const next = argv[i + 1];
    if (name !== null && Object.hasOwn(options, name) && options[name].type === 'string' && next !== undefined && next.startsWith('-') && !flags.has(next.split('=')[0])) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

const SAMPLE_OPTIONS = {
  target: { type: 'string' },
  dim: { type: 'string' },
  data: { type: 'string' },
  formula: { type: 'string' },
  box: { type: 'string' },
  'no-confine': { type: 'boolean' },
  sampler: { type: 'string' },
  set: { type: 'string', multiple: true },
  n: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  center: { type: 'string' },
  spread: { type: 'string' },
  checkpoints: { type: 'string' },
  metrics: { type: 'boolean' },
  out: { type: 'string' },
  config: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** --threads: an integer from 1 to 256. */
export function parseThreads(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const k = Number(s);
  if (!(s.trim() !== '' && Number.isInteger(k) && k >= 1 && k <= 256)) throw new Error(`invalid --threads: '${s.slice(0, 200)}' (must be an integer from 1 to 256)`);
  return k;
}

/** Parse argv into a partial config (merged over --config by the caller). Throws on any bad flag. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: attachDashValues(argv, SAMPLE_OPTIONS),
    strict: true,
    allowPositionals: false,
    options: SAMPLE_OPTIONS,
  });
  const config: Record<string, unknown> = {};
  const target = targetConfig(values, DEFAULT_PRESET);
  if (target !== undefined) config.target = target;
  if (values.sampler !== undefined) config.sampler = values.sampler;
  if (values.set) {
    // No prototype: '--set __proto__=1' becomes a key like any other (and is refused as unknown).
    const params: Record<string, string> = Object.create(null);
    for (const kv of values.set) {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new Error(`invalid --set '${kv}' (expected key=value)`);
      params[kv.slice(0, eq).trim()] = kv.slice(eq + 1).trim();
    }
    config.params = params;
  }
  const run: Record<string, unknown> = {};
  for (const key of ['n', 'steps', 'seed', 'spread'] as const) if (values[key] !== undefined) run[key] = values[key];
  if (values.center !== undefined) [run.centerX, run.centerY] = numberList('center', values.center, 2);
  if (Object.keys(run).length) config.run = run;
  if (values.checkpoints !== undefined) config.checkpoints = numberList('checkpoints', values.checkpoints);
  if (values.metrics) config.metrics = true;
  return { config, configFile: values.config, out: values.out, threads: parseThreads(values.threads), help: values.help ?? false };
}
