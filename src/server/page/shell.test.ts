import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CookieJar, type SignInTestApp, startSignInTestApp } from '../../../test/sign-in-app';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { WEB_CHUNKS } from '../../contract/web-chunks';
import { EARLY_THEME_SCRIPT } from './early-theme';
import { LOCALE_WARM_UP_SCRIPT } from './locale-warm-up';
import { loadSpa, renderMetaTags } from './shell';

/** A built SPA in a temp dir: the shell loads app-abc123.js and app-jkl.css; the member route adds two chunks. */
function builtSpa(meta: Parameters<typeof loadSpa>[1]) {
  const root = mkdtempSync(path.join(tmpdir(), 'spa-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><html><head><title>x</title><script type="module" crossorigin src="/assets/app-abc123.js"></script><link rel="stylesheet" crossorigin href="/assets/app-jkl.css"></head><body><div id="root"></div></body></html>',
  );
  mkdirSync(path.join(root, '.vite'));
  writeFileSync(
    path.join(root, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/app-abc123.js', isEntry: true },
      'src/web/member-route.ts': {
        file: 'assets/member-route-def.js',
        name: WEB_CHUNKS.memberRoute,
        isDynamicEntry: true,
        imports: ['index.html', '_badges.js'],
      },
      '_badges.js': { file: 'assets/badges-ghi.js', imports: ['index.html'] },
    }),
  );
  return { root, spa: loadSpa(root, meta) };
}

const CODE_LINKS =
  '</assets/app-abc123.js>; rel=modulepreload, </assets/app-jkl.css>; rel=preload; as=style; crossorigin, ' +
  '</assets/member-route-def.js>; rel=modulepreload, </assets/badges-ghi.js>; rel=modulepreload';
const MEMBER_LINKS = `</api/members/mber_demoAvaChen>; rel=preload; as=fetch; crossorigin, ${CODE_LINKS}`;

let t: TestApp;
beforeEach(async () => {
  const { root, spa } = builtSpa({ mode: 'demo', demoMembers: [{ id: 'mber_x', label: 'A "quoted" <b>name</b>' }] });
  writeFileSync(path.join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync('console.log(1)'));
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
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

  it.each([
    ['/members/mber_demoAvaChen', true],
    ['/members/mem_demoAvaPro', true],
    ['/', false],
    ['/search?q=ava', false],
    ['/some/unknown/page', false],
  ])('%s: the locale warm-up script at the end of the body is %s', async (p, warm) => {
    const html = await (await t.get(p)).text();
    expect(html.includes(`<script>${LOCALE_WARM_UP_SCRIPT}</script>`)).toBe(warm);
    if (warm) expect(html.indexOf(LOCALE_WARM_UP_SCRIPT)).toBeGreaterThan(html.indexOf('<div id="root">'));
    // With the early theme (early-theme.ts), the only inline scripts: everything else comes from our own files.
    expect(html.includes(`<script>${EARLY_THEME_SCRIPT}</script>`)).toBe(warm);
    expect(html.match(/<script>/g) ?? []).toHaveLength(warm ? 2 : 0);
  });

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
    expect(await res.text()).not.toContain('member-route-def.js');
  });

  it('refuses path traversal out of the static root', async () => {
    const res = await t.get('/assets/..%2f..%2f..%2fetc%2fpasswd');
    expect(res.status).toBe(404);
  });
});

describe('deep links', () => {
  it("tell the browser to fetch the member's answer, the app's code and the member route's at once", async () => {
    const res = await t.get('/members/mber_demoAvaChen');
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toBe(MEMBER_LINKS);
  });

  it.each([
    ['max-age=0', "the browser's Refresh"],
    ['no-cache', 'a hard reload'],
  ])('after a reload (Cache-Control: %s, %s) preload the code only: the page asks Whop itself', async (cc) => {
    const res = await t.get('/members/mber_demoAvaChen', { headers: { 'cache-control': cc } });
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toBe(CODE_LINKS);
  });

  it.each([
    ['/', 'the search page'],
    ['/search?q=ava', 'a search'],
    ['/members/mber_demoAvaChen/payments', 'a path under a member'],
    ['/members/mem_demoAvaPro', 'a membership id'],
    ['/members/mber_abc%0D%0ASet-Cookie:%20session=evil', 'a CRLF and a header'],
    ['/members/mber_abc%22%3B%20rel=preload', 'a quote'],
    ['/members/mber_abc%3E%3B%20rel=preload%2C%20%3Chttps:%2F%2Fevil.example', 'angle brackets'],
    [`/members/mber_${'a'.repeat(4995)}`, '5,000 characters'],
    ['/members/%20mber_demoAvaChen', 'a space before the id'],
  ])('%s (%s) gets the page and no preload header', async (p) => {
    const res = await t.get(p);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('link')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('says at load which of the chunks a deep link preloads the manifest does not name, and when there is no manifest', () => {
    const { root, spa } = builtSpa({ mode: 'live', demoMembers: [] });
    expect(spa?.deepLinkProblem).toBe(
      `the build manifest has no chunk named ${WEB_CHUNKS.memberSkeleton}, ${WEB_CHUNKS.historyPanels} (src/contract/web-chunks.ts): was a module renamed?`,
    );
    rmSync(path.join(root, '.vite'), { recursive: true });
    expect(loadSpa(root, { mode: 'live', demoMembers: [] })?.deepLinkProblem).toMatch(/manifest\.json is missing$/);
  });

  it("preloads the answer and the shell's own files when the build has no manifest", async () => {
    const { root } = builtSpa({ mode: 'live', demoMembers: [] });
    rmSync(path.join(root, '.vite'), { recursive: true });
    await t.close();
    t = await startTestApp({ spa: loadSpa(root, { mode: 'live', demoMembers: [] }) });
    const res = await t.get('/members/mber_demoAvaChen');
    expect(res.headers.get('link')).toBe(
      '</api/members/mber_demoAvaChen>; rel=preload; as=fetch; crossorigin, ' +
        '</assets/app-abc123.js>; rel=modulepreload, </assets/app-jkl.css>; rel=preload; as=style; crossorigin',
    );
  });
});

describe('deep links with sign-in on', () => {
  let s: SignInTestApp;
  afterEach(async () => {
    await s?.close();
  });

  it('preload on the signed-in page, and never on the way to sign in', async () => {
    s = await startSignInTestApp({ spa: builtSpa({ mode: 'live', demoMembers: [] }).spa });
    const anonymous = await s.request('/members/mber_demoAvaChen', new CookieJar());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('link')).toBeNull();

    const jar = new CookieJar();
    expect((await s.signIn(jar, 'user_demoMarcus', '/')).status).toBe(303);
    const page = await s.request('/members/mber_demoAvaChen', jar);
    expect(page.status).toBe(200);
    expect(page.headers.get('link')).toBe(MEMBER_LINKS);
  });
});

describe('renderMetaTags', () => {
  it.each([
    [{ mode: 'live' as const, demoMembers: [], live: true }, true],
    [{ mode: 'live' as const, demoMembers: [], live: false }, false],
    [{ mode: 'live' as const, demoMembers: [] }, false],
  ])('%o: the app-live tag is there: %s', (meta, there) => {
    expect(renderMetaTags(meta).includes('<meta name="app-live" content="on">')).toBe(there);
  });
});
