import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpa } from './spa';
import { startTestApp, type TestApp } from './testing/test-app';

let t: TestApp;
beforeEach(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'spa-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><title>x</title></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync('console.log(1)'));
  mkdirSync(path.join(root, '.vite'));
  writeFileSync(path.join(root, '.vite', 'manifest.json'), '{}');
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const spa = loadSpa(root, { mode: 'demo', demoMembers: [{ id: 'mber_x', label: 'A "quoted" <b>name</b>' }] });
  t = await startTestApp({ spa });
});
afterEach(async () => {
  await t.close();
});

describe('serving the built SPA', () => {
  it.each(['/', '/members/mber_demoAvaChen', '/some/unknown/page'])(
    'answers %s with index.html and the meta tags',
    async (p) => {
      const res = await t.get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      expect(html).toContain('<meta name="app-mode" content="demo">');
      expect(html).toContain('\\&quot;quoted\\&quot; &lt;b&gt;name&lt;/b&gt;');
      expect(html).not.toContain('<b>name</b>');
    },
  );

  it('serves hashed assets with a long cache', async () => {
    const res = await t.get('/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('serves the precompressed file to browsers that accept it', async () => {
    const res = await t.get('/assets/app-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('a missing asset is a real 404, not index.html', async () => {
    const res = await t.get('/assets/app-missing.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<div id="root">');
  });

  it('serves other public files', async () => {
    const res = await t.get('/favicon.svg');
    expect(res.status).toBe(200);
  });

  it('does not serve the build manifest', async () => {
    const res = await t.get('/.vite/manifest.json');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('{}');
  });

  it('refuses path traversal out of the static root', async () => {
    const res = await t.get('/assets/..%2f..%2f..%2fetc%2fpasswd');
    expect(res.status).toBe(404);
  });
});
