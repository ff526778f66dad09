import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sinkhornScaling } from '../../src/engine/etd/coupling/sinkhorn';
import { SimdOnline } from '../../src/engine/etd/coupling/simdOnline';
import { mixtureLogDensity } from '../../src/engine/etd/weights/mixture';
import { spawnNodeThread } from '../../src/engine/parallel/nodeThreads';
import { KernelTeam } from '../../src/engine/parallel/team';
import { initialCloud } from '../../src/engine/samplers/initialCloud';
import { createSampler } from '../../src/engine/samplers/catalog';
import { createPresetTarget } from '../../src/engine/targets/presets';
import { simd, useKernels } from '../../src/engine/wasm/simd';
import { etdProblem } from '../../src/bench/problems';

// The kernels on a team of worker threads (shared WebAssembly memory) must give exactly what one
// thread gives: every piece writes only its own outputs, and sums across rows go by blocks fixed
// by N alone, added in block order.

let team: KernelTeam;

beforeAll(async () => {
  const started = await KernelTeam.start(3, spawnNodeThread);
  if (!started.team) throw new Error(`no team: ${started.reason}`);
  team = started.team;
}, 60_000);

afterAll(() => {
  useKernels(null);
  team?.dispose();
});

/** Positions after `steps` steps of a sampler on gmm-grid-4, with the kernels on one thread or on the team. */
function run(sampler: string, n: number, steps: number, params: Record<string, unknown>, onTeam: boolean): Float64Array {
  useKernels(onTeam ? team : null);
  try {
    const target = createPresetTarget('gmm-grid-4');
    const s = createSampler(sampler, { target, seed: 4, initial: initialCloud(4, { n, center: [0, 0], spread: 2 }), params });
    for (let k = 0; k < steps; k++) s.step();
    return Float64Array.from(s.positions());
  } finally {
    useKernels(null);
  }
}

describe('kernel threads (worker_threads, shared memory)', () => {
  it('ETD steps give the same particles bit for bit on 1 and 3 threads (categorical, barycentric, unbalanced)', { timeout: 120_000 }, () => {
    for (const [sampler, params] of [
      ['etd-b', {}],
      ['etd-b', { update: 'barycentric', eta: 0.7 }],
      ['etd-ub-sg', {}],
    ] as const) {
      const jobs = team.stats.jobs;
      const one = run(sampler, 150, 4, params, false);
      const many = run(sampler, 150, 4, params, true);
      expect(team.stats.jobs, 'the team never split a job').toBeGreaterThan(jobs);
      expect(Array.from(many), `${sampler} ${JSON.stringify(params)}`).toEqual(Array.from(one));
    }
  });

  it('the log-domain reductions (above the held-kernel budget) and the mixture density are the same on the team', { timeout: 60_000 }, () => {
    const pb = etdProblem(120);
    const solve = (onTeam: boolean) => {
      useKernels(onTeam ? team : null);
      try {
        const s = simd()!;
        return sinkhornScaling(pb, null, { maxIter: 6, tol: 0 }, 1, 1, (p) => new SimdOnline(s.exports, s.arena, p, s.runner));
      } finally {
        useKernels(null);
      }
    };
    const a = solve(false), b = solve(true);
    expect(Array.from(b.F)).toEqual(Array.from(a.F));
    expect(Array.from(b.G)).toEqual(Array.from(a.G));
    expect(Array.from(b.rowEss)).toEqual(Array.from(a.rowEss));
    const mu = pb.z, y = pb.y;
    const density = (onTeam: boolean) => {
      useKernels(onTeam ? team : null);
      try {
        const f = mixtureLogDensity(y, mu, 3, new Float64Array(mu.length / 2));
        return Array.from({ length: y.length / 2 }, (_, j) => f(j));
      } finally {
        useKernels(null);
      }
    };
    expect(density(true)).toEqual(density(false));
  });

  it('a kernel that traps on a helper fails the job with a message, and the team still works', { timeout: 60_000 }, () => {
    const pages = team.exports.memory.buffer.byteLength;
    // expArray far past the end of memory: a WebAssembly trap on whichever thread takes a piece.
    expect(() => team.run('expArray', [pages, pages], 1 << 20, 1)).toThrow(/expArray failed|out of bounds/);
    const s = team.arena;
    s.reset();
    const x = s.alloc(1 << 18), out = s.alloc(1 << 18);
    const xs = s.f32(x, 1 << 18);
    for (let k = 0; k < xs.length; k++) xs[k] = -10 + (20 * k) / xs.length;
    team.run('expArray', [x, out], 1 << 18, 1, 4);
    const ys = s.f32(out, 1 << 18);
    for (let k = 0; k < xs.length; k += 997) expect(Math.abs(ys[k] / Math.exp(xs[k]) - 1)).toBeLessThan(3e-7);
  });
});
