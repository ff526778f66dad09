import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'etd-cli-'));

function sample(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sample.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('npm run sample', () => {
  it('writes config, checkpoints with positions and diagnostics, and timing', () => {
    const out = join(dir, 'run.json');
    const r = sample('--target', 'gmm-grid-4', '--sampler', 'etd-ub-sg', '--n', '40', '--steps', '6', '--seed', '3',
      '--checkpoints', '0,3,6', '--set', 'eps=0.2', '--set', 'M=10', '--out', out);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.config).toMatchObject({ target: { kind: 'preset', name: 'gmm-grid-4' }, sampler: 'etd-ub-sg', params: { eps: 0.2, M: 10 }, run: { n: 40, steps: 6, seed: 3 } });
    expect(json.checkpoints.map((c: { step: number }) => c.step)).toEqual([0, 3, 6]);
    expect(json.checkpoints[2].positions).toHaveLength(40);
    expect(json.checkpoints[2].diagnostics.sinkhornIterations).toBeGreaterThan(0);
    expect(json.timing.msPerStep).toBeGreaterThan(0);
  });

  it('writes a large result to a pipe whole (the exit waits for stdout to flush)', () => {
    const r = sample('--target', 'iso-gaussian', '--dim', '20', '--sampler', 'ula', '--n', '600', '--steps', '1');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(200_000);
    const json = JSON.parse(r.stdout);
    expect(json.checkpoints.at(-1).positions).toHaveLength(600);
    expect(json.checkpoints.at(-1).positions[0]).toHaveLength(20);
  });

  it('runs a typed formula and reads --config, with flags overriding the file', () => {
    const cfg = join(dir, 'cfg.json');
    writeFileSync(cfg, JSON.stringify({ target: { formula: '0.5*(x^2 + y^2)', box: [-3, 3, -3, 3] }, sampler: 'etd-b', run: { n: 30, steps: 9 }, params: { M: 8 } }));
    const r = sample('--config', cfg, '--steps', '2');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.config.run.steps).toBe(2);
    expect(json.config.params.M).toBe(8);
    expect(json.checkpoints.at(-1).positions.flat().every(Number.isFinite)).toBe(true);
  });

  it('reports metrics against the exact target at each checkpoint with --metrics', () => {
    const r = sample('--target', 'gmm-grid-4', '--n', '60', '--steps', '8', '--checkpoints', '0,8', '--metrics');
    expect(r.code).toBe(0);
    const [first, last] = JSON.parse(r.stdout).checkpoints;
    for (const key of ['energy', 'slicedW2', 'ksd', 'meanError', 'varRatioX', 'varRatioY', 'modeCoverage', 'modeBalance'])
      expect(Number.isFinite(last.metrics[key])).toBe(true);
    // Eight ETD steps from the wide initial cloud already move it towards the target.
    expect(last.metrics.energy).toBeLessThan(first.metrics.energy);
  });

  it('runs 1e39*(x^2 + y^2) to finite positions (float64 scores; float32 overflowed to null positions)', () => {
    const r = sample('--formula', '1e39*(x^2 + y^2)', '--n', '10', '--steps', '5', '--set', 'M=5');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).checkpoints.at(-1).positions.flat().every(Number.isFinite)).toBe(true);
  });

  it('exits 1 with the cause when the output has non-finite positions, still writing the output', () => {
    // U is NaN for |x| > sqrt(17), just outside the box: SVGD's kernel average spreads one NaN score to every particle.
    const r = sample('--formula', 'sqrt(17 - x^2) + y^2', '--sampler', 'svgd', '--n', '5', '--steps', '20');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).checkpoints.at(-1).positions[0]).toEqual([null, null]);
    expect(r.stderr).toBe(
      "error: 5 of 5 particles are not finite at step 20 (svgd on U(x, y) = sqrt(17 - x^2) + y^2); particle 0 was at (x, y) = (4.4512, 0.126493) at step 0, where log pi is not finite: sqrt of a negative number (-2.813) in 'sqrt(17 - x^2)' at column 1",
    );
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown flag', ['--bogus'], /Unknown option '--bogus'/],
    ['an unknown target', ['--target', 'nope'], /unknown preset target 'nope' \(valid: u1, u2/],
    ['an unparsable formula', ['--formula', 'sinn(x) + y'], /unknown function 'sinn' at column 1/],
    ['a non-finite formula', ['--formula', 'log(x)'], /not finite at \(x, y\) = \(-4.00, -4.00\): log of a negative number \(-4\) in 'log\(x\)' at column 1/],
    ['an improper formula', ['--formula', 'x'], /U is unbounded below away from the box .* add the presets' soft wall: \+ 12.5\*/],
    ['an unknown sampler', ['--sampler', 'etd-z'], /unknown sampler 'etd-z' \(valid: etd-b/],
    ['an out-of-range parameter', ['--set', 'eps=-5'], /invalid eps: -5 \(must be >= 0.001/],
    ['an eps no Sinkhorn can resolve', ['--set', 'eps=1e-300'], /invalid eps: 1e-300 \(must be >= 0.001 and <= 10\)/],
    ['an unknown parameter', ['--set', 'epsilon=1'], /unknown parameter 'epsilon'/],
    ['a malformed --set', ['--set', 'eps'], /invalid --set 'eps'/],
    ['a bad N', ['--n', '0'], /invalid n: 0/],
    ['a checkpoint after the end', ['--steps', '5', '--checkpoints', '0,9'], /9 is after the last step/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one line and exit code 2`, () => {
      const r = sample(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter((l) => !l.includes('nodedir'))).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});
