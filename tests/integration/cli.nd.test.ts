import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ND_METRIC_NAMES } from '../../src/engine/metrics/nd';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'etd-cli-nd-'));

function run(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}

describe('the runners on d-dimensional targets', () => {
  it('sample --dim writes (N, d) positions and, with --metrics, the d-dimensional metrics', () => {
    const out = join(dir, 'run.json');
    const r = run('sample', '--target', 'iso-gaussian', '--dim', '12', '--sampler', 'svgd', '--n', '30', '--steps', '20', '--metrics', '--out', out);
    expect(r.stderr).toMatch(/^wrote /);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.config.target).toEqual({ kind: 'nd', name: 'iso-gaussian', dim: 12 });
    const last = json.checkpoints.at(-1);
    expect(last.step).toBe(20);
    expect(last.positions).toHaveLength(30);
    for (const p of last.positions) {
      expect(p).toHaveLength(12);
      expect(p.every(Number.isFinite)).toBe(true);
    }
    // The starting cloud: spread 2 on every coordinate, so the particles differ in all 12 of them.
    const first = json.checkpoints[0].positions as number[][];
    expect(new Set(first.map((p) => p[11])).size).toBe(30);
    expect(Object.keys(last.metrics).sort()).toEqual(ND_METRIC_NAMES.filter((m) => !m.startsWith('mode')).sort());
    expect(last.metrics.varRatioMean).toBeGreaterThan(0);
    // The written config runs again with --config.
    const cfg = join(dir, 'cfg.json');
    writeFileSync(cfg, JSON.stringify(json.config));
    const again = join(dir, 'again.json');
    expect(run('sample', '--config', cfg, '--out', again).code).toBe(0);
    expect(JSON.parse(readFileSync(again, 'utf8')).checkpoints.at(-1).positions).toEqual(last.positions);
  });

  it('refuses a bad --dim, and --dim on a 2D target, with a clear message', () => {
    const bad = run('sample', '--target', 'gmm-d', '--dim', '500', '--steps', '1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: invalid dim: 500 (must be an integer >= 2 and <= 100)');
    const flat = run('sample', '--target', 'u1', '--dim', '5', '--steps', '1');
    expect(flat.code).toBe(2);
    expect(flat.stderr).toMatch(/^error: invalid target: dim only applies to the d-dimensional targets/);
    expect(run('sample', '--dim', '5').stderr).toMatch(/^error: --dim needs --target/);
  });

  it('compare --dim runs every sampler in d dimensions and tables the variance ratio', () => {
    const out = join(dir, 'compare.json');
    const r = run('compare', '--target', 'gmm-d', '--dim', '6', '--n', '20', '--steps', '5', '--seeds', '1', '--samplers', 'svgd,ula', '--jobs', '1', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gmm-d (d = 6)');
    expect(r.stdout).toMatch(/\| sampler \| energy \| meanError \| varRatioMean \| varRatioMin \| modeCoverage \| modeBalance \| msPerStep \|/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.config.target).toEqual({ kind: 'nd', name: 'gmm-d', dim: 6 });
    expect(json.summary.svgd.varRatioMean.count).toBe(1);
    expect(json.summary.ula.modeCoverage.mean).toBeGreaterThanOrEqual(0);
  });
});
