import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { basePath } from '../../vite.config';

const root = new URL('../..', import.meta.url).pathname;
const workflow = readFileSync(`${root}.github/workflows/pages.yml`, 'utf8');
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };

describe('the GitHub Pages workflow', () => {
  it('runs on push to main and deploys with the standard Pages actions', () => {
    expect(workflow).toMatch(/on:\n\s+push:\n\s+branches: \[main\]/);
    for (const action of ['actions/checkout@', 'actions/setup-node@', 'actions/configure-pages@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@'])
      expect(workflow).toContain(`uses: ${action}`);
    expect(workflow).toMatch(/permissions:\n(\s+\S+: \S+\n)*\s+pages: write/);
    expect(workflow).toMatch(/id-token: write/);
  });

  it('installs with npm ci and builds the site the sub-path browser test serves: npm run build with BASE_PATH=/<repository>/, uploading dist', () => {
    const runs = [...workflow.matchAll(/run: (.+)/g)].map((m) => m[1].trim());
    expect(runs).toEqual(['npm ci', 'npm run build']);
    expect(workflow).toMatch(/run: npm run build\n\s+env:\n\s+BASE_PATH: \/\$\{\{ github\.event\.repository\.name \}\}\//);
    expect(workflow).toMatch(/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist/);
    // npm run build is the typecheck and then the production vite build (the one the sub-path test runs).
    expect(pkg.scripts.build).toMatch(/&& vite build$/);
    expect(pkg.scripts.build).not.toContain('--mode');
  });
});

describe('BASE_PATH', () => {
  it("defaults to '/' and takes a sub-path that starts and ends with '/'", () => {
    expect(basePath({})).toBe('/');
    expect(basePath({ BASE_PATH: '' })).toBe('/');
    expect(basePath({ BASE_PATH: '/etd-playground/' })).toBe('/etd-playground/');
    expect(basePath({ BASE_PATH: '/a/b.c_d-e/' })).toBe('/a/b.c_d-e/');
  });

  it('refuses a base the site could not be served from, with the fix', () => {
    for (const bad of ['etd-playground', '/etd-playground', 'https://x.io/', '/a b/', '/../'])
      expect(() => basePath({ BASE_PATH: bad })).toThrow(/^BASE_PATH must start and end with '\/' \(e\.g\. \/etd-playground\/\)/);
  });
});
