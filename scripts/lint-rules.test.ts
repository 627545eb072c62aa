// The house rules hold by machine: each case writes a tiny tree that breaks one rule,
// lints it with the repo's own biome.json, and expects that rule (and only a failure)
// to be reported. A clean tree must pass, so the check cannot be trivially red.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIOME = path.join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Tree = Record<string, string>;

/** Lints `tree` under the repo's rules; returns the exit code and the rule names reported. */
function lint(tree: Tree): { code: number; rules: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-rules-'));
  dirs.push(dir);
  const config = JSON.parse(readFileSync(path.join(ROOT, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  let out = '';
  let code = 0;
  try {
    out = execFileSync(process.execPath, [BIOME, 'lint', '--reporter=json', '--error-on-warnings', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const failed = err as { status: number; stdout: string };
    code = failed.status;
    out = failed.stdout;
  }
  const report = JSON.parse(out.slice(out.indexOf('{'))) as { diagnostics: Array<{ category: string }> };
  return { code, rules: report.diagnostics.map((d) => d.category) };
}

const leaf = 'export const value = 1;\n';

describe('biome.json enforces the house rules', () => {
  it('passes a tree that keeps them', () => {
    const result = lint({
      'src/contract/member.ts': leaf,
      'src/server/config.ts': 'export const port = process.env.PORT;\n',
      'src/server/app.ts':
        "import { value } from '../contract/member';\nimport { port } from './config';\nexport const both = [value, port];\n",
      'src/web/features/member/page.ts': "import { value } from '../../lib/names';\nexport const page = value;\n",
      'src/web/features/member/history/panel.ts':
        "import { value } from '../../../lib/names';\nimport { page } from '../page';\nexport const panel = [value, page];\n",
      'src/web/lib/names.ts': "import { value } from '../../contract/member';\nexport { value };\n",
      'src/web/lib/ui/badge.ts': "import { value } from '../names';\nexport const badge = value;\n",
      'src/web/app/router.ts':
        "import { panel } from '../features/member/history/panel';\nimport { badge } from '../lib/ui/badge';\nexport const routes = [panel, badge];\n",
      'src/web/element-timing.d.ts': 'export type Timing = { id: string };\n',
      'src/demo-whop/server.ts': "import { value } from '../contract/member';\nexport const demo = value;\n",
      'src/server/start.ts': "import { demo } from '../demo-whop/server';\nexport const started = demo;\n",
      'src/server/upstream/call.ts': "import { value } from '../../contract/member';\nexport const call = value;\n",
      'src/server/members/lookup.ts':
        "import { call } from '../upstream/call';\nimport { port } from '../config';\nexport const lookup = [call, port];\n",
      'src/server/page/first-paint.ts': "import { lookup } from '../members/lookup';\nexport const paint = lookup;\n",
      'src/server/http/rate-limit.ts': "import { port } from '../config';\nexport const limit = port;\n",
      'src/server/live/live-hub.ts':
        "import { lookup } from '../members/lookup';\nimport { limit } from '../http/rate-limit';\nexport const hub = [lookup, limit];\n",
    });
    expect(result).toEqual({ code: 0, rules: [] });
  });

  const cases: Array<{ rule: string; tree: Tree; category: string }> = [
    {
      rule: 'a contract file importing the server',
      tree: {
        'src/contract/member.ts': "import { value } from '../server/app';\nexport const v = value;\n",
        'src/server/app.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a web file importing the server',
      tree: {
        'src/web/main.ts': "import { value } from '../server/app';\nexport const v = value;\n",
        'src/server/app.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a web file importing the stand-in',
      tree: {
        'src/web/main.ts': "import { value } from '../demo-whop/fixtures';\nexport const v = value;\n",
        'src/demo-whop/fixtures.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a stand-in file importing the web code',
      tree: {
        'src/demo-whop/server.ts': "import { value } from '../web/main';\nexport const v = value;\n",
        'src/web/main.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a stand-in file importing the server',
      tree: {
        'src/demo-whop/server.ts': "import { value } from '../server/app';\nexport const v = value;\n",
        'src/server/app.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'the server importing the web code',
      tree: {
        'src/server/app.ts': "import { value } from '../web/main';\nexport const v = value;\n",
        'src/web/main.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: "one feature folder reaching into another's files",
      tree: {
        'src/web/features/search/results.ts': "import { value } from '../member/detail';\nexport const v = value;\n",
        'src/web/features/member/detail.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    // server rooms
    {
      rule: 'upstream/ importing members/',
      tree: {
        'src/server/upstream/call.ts': "import { value } from '../members/lookup';\nexport const v = value;\n",
        'src/server/members/lookup.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'upstream/ importing page/',
      tree: {
        'src/server/upstream/call.ts': "import { value } from '../page/shell';\nexport const v = value;\n",
        'src/server/page/shell.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'upstream/ importing http/ (or any other room)',
      tree: {
        'src/server/upstream/call.ts': "import { value } from '../http/problem';\nexport const v = value;\n",
        'src/server/http/problem.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'members/ importing page/',
      tree: {
        'src/server/members/lookup.ts': "import { value } from '../page/first-paint';\nexport const v = value;\n",
        'src/server/page/first-paint.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'members/ importing auth/',
      tree: {
        'src/server/members/lookup.ts': "import { value } from '../auth/gate';\nexport const v = value;\n",
        'src/server/auth/gate.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'http/ importing page/',
      tree: {
        'src/server/http/security-headers.ts':
          "import { value } from '../page/early-theme';\nexport const v = value;\n",
        'src/server/page/early-theme.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'live/ importing auth/',
      tree: {
        'src/server/live/live-routes.ts': "import { value } from '../auth/gate';\nexport const v = value;\n",
        'src/server/auth/gate.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'live/ importing upstream/ (it never calls Whop)',
      tree: {
        'src/server/live/webhook-routes.ts': "import { value } from '../upstream/call';\nexport const v = value;\n",
        'src/server/upstream/call.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'members/ importing live/',
      tree: {
        'src/server/members/lookup.ts': "import { value } from '../live/live-hub';\nexport const v = value;\n",
        'src/server/live/live-hub.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'http/ importing live/',
      tree: {
        'src/server/http/rate-limit.ts': "import { value } from '../live/live-routes';\nexport const v = value;\n",
        'src/server/live/live-routes.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a server module other than start.ts importing the stand-in',
      tree: {
        'src/server/compose.ts': "import { value } from '../demo-whop/fixtures';\nexport const v = value;\n",
        'src/demo-whop/fixtures.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'an import cycle made of type-only imports',
      tree: {
        'src/server/app.ts': "import type { B } from './routes';\nexport type A = { b?: B };\n",
        'src/server/routes.ts': "import type { A } from './app';\nexport type B = { a?: A };\n",
      },
      category: 'lint/suspicious/noImportCycles',
    },
    {
      rule: 'process.env read outside the config module',
      tree: { 'src/server/app.ts': 'export const port = process.env.PORT;\n' },
      category: 'lint/style/noProcessEnv',
    },
    // web rooms
    {
      rule: 'a web lib file importing a feature',
      tree: {
        'src/web/lib/names.ts': "import { page } from '../features/member/page';\nexport const v = page;\n",
        'src/web/features/member/page.ts': 'export const page = 1;\n',
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a web lib file in a sub-folder importing a feature',
      tree: {
        'src/web/lib/ui/badge.ts': "import { page } from '../../features/member/page';\nexport const v = page;\n",
        'src/web/features/member/page.ts': 'export const page = 1;\n',
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a web lib file importing the app',
      tree: {
        'src/web/lib/names.ts': "import { routes } from '../app/router';\nexport const v = routes;\n",
        'src/web/app/router.ts': 'export const routes = 1;\n',
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: "a feature's sub-folder reaching into another feature",
      tree: {
        'src/web/features/member/history/panel.ts':
          "import { value } from '../../search/results';\nexport const v = value;\n",
        'src/web/features/search/results.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: "a feature's sub-folder reaching into another feature by way of src/web",
      tree: {
        'src/web/features/member/history/panel.ts':
          "import { value } from '../../../features/search/results';\nexport const v = value;\n",
        'src/web/features/search/results.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: "a feature's sub-sub-folder reaching into another feature",
      tree: {
        'src/web/features/member/history/rows/row.ts':
          "import { value } from '../../../search/results';\nexport const v = value;\n",
        'src/web/features/search/results.ts': leaf,
      },
      category: 'lint/style/noRestrictedImports',
    },
    {
      rule: 'a file name that is not kebab-case',
      tree: { 'src/web/features/member/MemberPage.ts': leaf },
      category: 'lint/style/useFilenamingConvention',
    },
    {
      rule: 'a snake_case script name',
      tree: { 'scripts/bundle_size.mjs': leaf },
      category: 'lint/style/useFilenamingConvention',
    },
    {
      rule: 'a barrel file',
      tree: {
        'src/web/lib/ui/index.ts': "export { value } from './badge';\n",
        'src/web/lib/ui/badge.ts': leaf,
      },
      category: 'lint/performance/noBarrelFile',
    },
    {
      rule: 'a re-export of everything a module has',
      tree: {
        'src/web/lib/ui/all.ts': "export * from './badge';\n",
        'src/web/lib/ui/badge.ts': leaf,
      },
      category: 'lint/performance/noReExportAll',
    },
  ];
  it.each(cases)('fails on $rule', ({ tree, category }) => {
    const result = lint(tree);
    expect(result.code).not.toBe(0);
    expect(result.rules).toContain(category);
  });
});
