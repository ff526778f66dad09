import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../src/cli/configFile';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'etd-cli-inputs-'));

function sample(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sample.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('nodedir'));
  return { code: r.status, stdout: r.stdout, stderr: lines.join('\n'), lines };
}

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** Every bad input the runner can be given: one line on stderr, exit 2, nothing run. */
describe('npm run sample: bad inputs give one clear line and exit 2', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['an endless file (/dev/zero)', () => ['--config', '/dev/zero'], /^error: config file \/dev\/zero is larger than 1 MB: not read$/],
    ['a config over 1 MB', () => ['--config', file('big.json', `{"target": "${'u'.repeat(1_100_000)}"}`)], /^error: config file .*big\.json is larger than 1 MB \(1\.0 MB\): not read$/],
    ['a JSON array', () => ['--config', file('array.json', '[]')], /^error: config file .* must hold a JSON object .*, not an array$/],
    ['JSON null', () => ['--config', file('null.json', 'null')], /^error: config file .* must hold a JSON object .*, not null$/],
    ['run as an array', () => ['--config', file('run.json', '{"run": []}')], /^error: invalid run in the config file: must be an object .*, not an array$/],
    ['params as a number', () => ['--config', file('params.json', '{"params": 3}')], /^error: invalid params in the config file: must be an object .*, not a number$/],
    ['a target of the wrong type', () => ['--config', file('target.json', '{"target": [1, 2]}')], /^error: invalid target: must be a preset name or/],
    ['deep nesting', () => ['--config', file('deep.json', `{"run": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)], /^error: config file .* is nested more than 1000 levels deep \(at most 16\)$/],
    ['not JSON', () => ['--config', file('bad.json', '{"run": {"n": 30,}}')], /^error: config file .* is not JSON: /],
    ['a missing file', () => ['--config', join(dir, 'missing.json')], /^error: cannot read config file .*missing\.json: no such file$/],
    ['a huge unknown key (echoed cut)', () => ['--config', file('key.json', `{"${'k'.repeat(500_000)}": 1}`)], /^error: unknown config key 'k{200}… \(500000 characters\)' \(valid: target, /],
    ['a zero-mass drawing', () => ['--config', file('zero.json', JSON.stringify({ target: { kind: 'drawn', box: [-4, 4, -4, 4], bumps: [[0, 0, 1, 1e-320]] } }))], /^error: the drawing has no mass/],
    ['--dim with a formula', () => ['--formula', 'x^2 + y^2', '--dim', '5'], /^error: --dim does not apply to --formula: a formula is a 2D target U\(x, y\)/],
    ['a formula that does not fall away (log(1 + x^2 + y^2))', () => ['--formula', 'log(1 + x^2 + y^2)'], /^error: exp\(-U\) does not fall away from the box fast enough to have finite mass: .* add the presets' soft wall: \+ 12\.5\*\(max\(0, abs\(x\) - 4\)\^2 \+ max\(0, abs\(y\) - 4\)\^2\)$/],
    ['a formula that does not fall away (exp(-(x^2 + y^2)))', () => ['--formula', 'exp(-(x^2 + y^2))'], /^error: exp\(-U\) does not fall away from the box fast enough/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, { timeout: 60_000 }, () => {
      const r = sample([...args(), '--steps', '1']);
      expect(r.code).toBe(2);
      expect(r.lines).toHaveLength(1);
      expect(r.stderr.length).toBeLessThan(700);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }
});

describe('npm run sample: a long step is never silent', () => {
  it('prints "step 1 running, N s" while the first step runs', { timeout: 60_000 }, () => {
    // ~1 s of Sinkhorn iterations in one step; the heartbeat shortened to 100 ms for the test (10 s by default).
    const r = sample(['--target', 'gmm-ring-8', '--n', '200', '--steps', '1', '--set', 'maxIter=5000', '--set', 'tol=1e-9', '--set', 'relax=off', '--out', join(dir, 'long.json')], {
      ETD_HEARTBEAT_MS: '100',
    });
    expect(r.code).toBe(0);
    expect(r.lines.filter((l) => /^step 1 running, \d+ s$/.test(l)).length).toBeGreaterThan(0);
  });
});

describe('config nesting depth', () => {
  it('counts brackets outside strings only', () => {
    expect(nestingDepth('{"a": [1, {"b": "[[[{{{"}]}')).toBe(3);
    expect(nestingDepth('"\\"[["')).toBe(0);
    expect(nestingDepth('[[[]]]')).toBe(3);
  });
});
