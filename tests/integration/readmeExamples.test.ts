import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The `npm run sample -- ...` lines of the README's "Run it from the command line" block, as argv lists. */
function readmeExamples(): string[][] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Run it from the command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1];
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npm run sample -- '))
    .map((l) => [...l.slice('npm run sample -- '.length).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]));
}

/** `npm run sample -- args` in dir (the runner's own entry, without npm's banner). */
function sample(args: string[], cwd: string) {
  const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  return spawnSync(process.execPath, ['--import', tsx, path.join(root, 'src/cli/sample.ts'), ...args], { cwd, encoding: 'utf8' });
}

describe("the README's runner examples, run as written", () => {
  it('all succeed; a run\'s own config fed back with --config reproduces its particles', () => {
    const examples = readmeExamples();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const dir = mkdtempSync(path.join(tmpdir(), 'etd-readme-'));
    for (const args of examples) {
      // The --config example reads run.json: the config an earlier run wrote, as the README says.
      const k = args.indexOf('--config');
      if (k >= 0) writeFileSync(path.join(dir, args[k + 1]), JSON.stringify(JSON.parse(readFileSync(path.join(dir, 'u3.json'), 'utf8')).config));
      const r = sample(args, dir);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('error')), args.join(' ')).toEqual([]);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    }
    // u3.json's config, run again from --config, gives exactly the same particles.
    const first = JSON.parse(readFileSync(path.join(dir, 'u3.json'), 'utf8'));
    writeFileSync(path.join(dir, 'again.json'), JSON.stringify(first.config));
    const r = sample(['--config', 'again.json', '--out', 'again-out.json'], dir);
    expect(r.status, r.stderr).toBe(0);
    const second = JSON.parse(readFileSync(path.join(dir, 'again-out.json'), 'utf8'));
    expect(second.config).toEqual(first.config);
    expect(second.checkpoints.map((c: { positions: unknown }) => c.positions)).toEqual(first.checkpoints.map((c: { positions: unknown }) => c.positions));
  }, 120_000);
});
