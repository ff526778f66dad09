import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initialCloud } from '../engine/samplers/initialCloud';
import { createSampler } from '../engine/samplers/catalog';
import { createPresetTarget } from '../engine/targets/presets';

export interface NumpyStep {
  readonly n: number;
  readonly msPerStep: number;
  readonly iterations: number;
}

/**
 * A NumPy ETD-B step (etdNumpy.py: the same algorithm with the ETD authors' stop rule, tol 1e-2)
 * from the particles ETD-B has after 5 steps on gmm-grid-4, through Debian's python3.
 */
export function numpyEtdSteps(sizes: readonly number[]): { rows: NumpyStep[]; error?: string } {
  const jobs = sizes.map((n) => {
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler('etd-b', { target, seed: 1, initial: initialCloud(1, { n, center: [0, 0], spread: 2 }) });
    for (let k = 0; k < 5; k++) s.step();
    const x = s.positions();
    return { x: Array.from({ length: n }, (_, i) => [x[2 * i], x[2 * i + 1]]), steps: n <= 250 ? 5 : 2 };
  });
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('./etdNumpy.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify(jobs), env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { rows: [], error: (r.stderr || r.error?.message || 'python3 failed').trim().split('\n').at(-1) };
  return { rows: (JSON.parse(r.stdout) as { results: NumpyStep[] }).results };
}
