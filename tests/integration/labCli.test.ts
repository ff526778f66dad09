import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLabArgs } from '../../src/cli/lab';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run lab -- args` in dir (the runner's own entry, without npm's banner). */
function lab(args: string[], cwd: string) {
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  return spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/cli/lab.ts'), ...args], { cwd, encoding: 'utf8' });
}

/** The `npm run lab -- ...` lines of docs/lab.md's runner block, as argv lists. */
function docsExamples(): string[][] {
  const doc = readFileSync(path.join(root, 'docs/lab.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('## The runner')))![1];
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npm run lab -- '))
    .map((l) => [...l.slice('npm run lab -- '.length).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]));
}

describe('npm run lab: flags', () => {
  it('reads every flag, with the lab declarations for ranges', () => {
    const a = parseLabArgs(['--src', '8-gaussians', '--tgt', 'two-moons', '--eps', '0.5', '--method', 'lightsb', '--ns', '300', '--nt', '200', '--seed', '4', '--steps', '700', '--points', '-1,0;0.5,-0.25', '--samples', '64', '--out', 'x.json']);
    expect(a.config).toEqual({ src: '8-gaussians', tgt: 'two-moons', eps: 0.5, method: 'lightsb', ns: 300, nt: 200, seed: 4, steps: 700, plateau: true, points: [[-1, 0], [0.5, -0.25]], samples: 64 });
    expect(a.out).toBe('x.json');
    expect(parseLabArgs(['--no-plateau']).config.plateau).toBe(false);
  });

  it.each([
    [['--eps', '0'], 'invalid --eps: 0 (must be >= 0.001 and <= 10)'],
    [['--src', 'drawn'], 'invalid --src: drawn (must be one of gaussian, swiss-roll, two-moons, 8-gaussians)'],
    [['--method', 'sgd'], 'invalid --method: sgd (must be one of sinkhorn, vareot, lightsb)'],
    [['--ns', '1.5'], 'invalid --ns: 1.5 (must be an integer >= 2 and <= 2000)'],
    [['--steps', '5'], 'invalid --steps: 5 (must be an integer >= 10 and <= 20000)'],
    [['--points', '1,2;3'], `invalid --points: '1,2;3' (expected up to 50 points "x,y;x,y")`],
    [['--samples', '0'], 'invalid --samples: 0 (must be an integer from 1 to 5000)'],
  ])('%j: %s', (args, message) => {
    expect(() => parseLabArgs(args)).toThrow(message);
  });

  it('a bad flag is one line on stderr and exit code 2; --help prints the usage', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'etd-lab-'));
    const bad = lab(['--eps', 'abc'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['error: invalid --eps: abc (must be >= 0.001 and <= 10)']);
    expect(bad.stdout).toBe('');
    const unknown = lab(['--epochs', '3'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(lab(['--help'], dir).stdout).toMatch(/^usage: npm run lab --/);
  }, 30_000);
});

describe("docs/lab.md's runner examples", () => {
  it('run (with --steps 20 and --samples 100 to keep the test short) and write the documented JSON', () => {
    const examples = docsExamples();
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const dir = mkdtempSync(path.join(tmpdir(), 'etd-lab-'));
    for (const written of examples) {
      const args = [...written];
      for (const [flag, value] of [['--steps', '20'], ['--samples', '100']]) {
        const k = args.indexOf(flag);
        if (k >= 0) args[k + 1] = value;
        else args.push(flag, value);
      }
      const r = lab(args, dir);
      expect(r.status, `${written.join(' ')}\n${r.stderr}`).toBe(0);
      const out = JSON.parse(readFileSync(path.join(dir, args[args.indexOf('--out') + 1]), 'utf8'));
      const method = args[args.indexOf('--method') + 1];
      expect(out.method).toBe(method);
      expect(out.config.method).toBe(method);
      expect(out.steps).toBe(method === 'sinkhorn' ? 0 : 20);
      expect(out.loss === null).toBe(method === 'sinkhorn');
      const samples = 100;
      for (const p of out.points) {
        expect(p.x).toHaveLength(2);
        expect(p.samples).toHaveLength(samples);
        expect(p.samples.every((s: number[]) => s.length === 2 && s.every(Number.isFinite))).toBe(true);
        const mass = p.sinkhornRow.reduce((s: number, e: number[]) => s + e[2], 0);
        expect(mass).toBeCloseTo(1, 9);
        expect(p.energyDistance).toBeGreaterThanOrEqual(0);
        expect(p.floor).toBeGreaterThan(0);
      }
    }
  }, 120_000);

  it('the same settings give the same numbers (seeded clouds, training and samples)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'etd-lab-'));
    const args = ['--method', 'lightsb', '--ns', '200', '--nt', '200', '--steps', '30', '--points', '0,0;1,-0.5'];
    const a = lab([...args, '--out', 'a.json'], dir), b = lab([...args, '--out', 'b.json'], dir);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    const ja = JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8')), jb = JSON.parse(readFileSync(path.join(dir, 'b.json'), 'utf8'));
    expect(jb.points.map((p: { energyDistance: number }) => p.energyDistance)).toEqual(ja.points.map((p: { energyDistance: number }) => p.energyDistance));
    expect(jb.points[0].samples).toEqual(ja.points[0].samples);
  }, 60_000);
});
