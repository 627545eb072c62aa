// The CSP and key-leak watchers (fixtures.ts) guard every other spec. These make sure they
// also see what happens in the contexts a spec opens itself, and that no spec opens one
// around them.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test as base, expect } from './fixtures';

// Here the findings are the point: read them instead of failing the test at teardown.
const test = base.extend({
  cspViolations: async ({ watchers }, use) => use(watchers.cspViolations),
  keyLeaks: async ({ watchers }, use) => use(watchers.keyLeaks),
});

test('a CSP violation in a context the spec opened is caught', async ({ newContext, cspViolations }) => {
  const page = await (await newContext()).newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a member');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://csp-probe.invalid/pixel.png';
    img.alt = '';
    document.body.append(img);
  });
  await expect.poll(() => cspViolations).toContainEqual('img-src https://csp-probe.invalid/pixel.png');
});

test('a key leak in a context the spec opened is caught', async ({ newContext, keyLeaks, canary, baseURL }) => {
  const context = await newContext();
  await context.route('**/leak-probe', (route) => route.fulfill({ contentType: 'text/plain', body: `key ${canary}` }));
  await (await context.newPage()).goto('/leak-probe');
  await expect.poll(() => keyLeaks).toEqual([`${baseURL}/leak-probe`]);
});

test('a key leak in a request context the spec opened is caught', async ({ newRequestContext, keyLeaks, canary }) => {
  const server = createServer((_req, res) => res.writeHead(200, { 'x-probe': canary }).end('nothing in the body'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await (await newRequestContext()).get(url);
    expect(keyLeaks).toEqual([url]);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('no spec opens a browser or request context around the watchers', () => {
  const specs = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(file);
      return entry.name.endsWith('.spec.ts') ? [file] : [];
    });
  })('e2e');
  expect(specs.length).toBeGreaterThan(5);
  const bypasses = specs.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (/\b(browser|request)\.new(Context|Page)\(/.test(line) ? [`${file}:${i + 1}`] : [])),
  );
  expect(bypasses, 'use the newContext / newRequestContext fixtures instead').toEqual([]);
});
