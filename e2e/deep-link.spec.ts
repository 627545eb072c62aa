// A deep link opened cold: the app shell's Link header starts the member's answer, the app's
// own code and the member route's at once, and the app then uses that answer rather than
// asking again (src/server/deep-link-preload.ts).
import { readFileSync } from 'node:fs';
import { chunkFiles, measureEntryAssets, readManifest } from '../scripts/bundle-size.mjs';
import { expect, test } from './fixtures';

/** The member route's chunks and the member skeleton's the shell does not load itself, from the build's manifest. */
function memberRouteChunks(): string[] {
  const onShell = new Set(measureEntryAssets().files.map((f) => f.ref));
  const manifest = readManifest();
  const files = chunkFiles(manifest, 'src/web/features/member/member-route.ts');
  chunkFiles(manifest, 'src/web/features/member/member-skeleton.tsx', files);
  return [...files].filter((f) => !onShell.has(f));
}

/** The entry script and the stylesheet the built index.html loads. */
function shellFiles() {
  const html = readFileSync('dist/client/index.html', 'utf8');
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  const style = /<link rel="stylesheet" crossorigin href="([^"]+)"/.exec(html)?.[1];
  if (!script || !style) throw new Error('dist/client/index.html has no entry script or stylesheet');
  return { script, style };
}

test('the page for a member id preloads its answer, the app shell and the member route, in that order', async ({
  request,
}) => {
  const res = await request.get('/members/mber_demoWhale');
  expect(res.status()).toBe(200);
  const links = (res.headers().link ?? '').split(', ');
  expect(links[0]).toBe('</api/members/mber_demoWhale>; rel=preload; as=fetch; crossorigin');
  // The entry script first: everything else waits on it, and Chromium has six connections.
  const { script, style } = shellFiles();
  expect(links.slice(1, 3)).toEqual([
    `<${script}>; rel=modulepreload`,
    `<${style}>; rel=preload; as=style; crossorigin`,
  ]);
  const chunks = memberRouteChunks();
  expect(chunks.length).toBeGreaterThan(0);
  expect(links.slice(3).sort()).toEqual(chunks.map((href) => `<${href}>; rel=modulepreload`).sort());
});

for (const [what, path] of [
  ['a membership id', '/members/mem_demoAvaPro'],
  ['a CRLF with a header after it', '/members/mber_x%0D%0AX-Injected:%201'],
  ['quotes', '/members/mber_x%22%3B%20rel=preload%3B%20as=script'],
  ['angle brackets', '/members/mber_x%3E%3B%20rel=preload%2C%20%3Chttps:%2F%2Fevil.example%2Fx'],
  ['5,000 characters', `/members/mber_${'A'.repeat(4995)}`],
] as const) {
  test(`the page for ${what} is served without any preload header`, async ({ request }) => {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/html');
    expect(res.headers().link).toBeUndefined();
    expect(res.headers()['x-injected']).toBeUndefined();
  });
}

test('a deep link opened cold asks for its member exactly once: the preloaded answer is used', async ({
  page,
  memberPage,
}) => {
  const member: string[] = [];
  const chunks: string[] = [];
  const warnings: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname === '/api/members/mber_demoWhale') member.push(r.method());
    if (pathname.startsWith('/assets/')) chunks.push(pathname);
  });
  page.on('console', (m) => {
    if (/preload/i.test(m.text())) warnings.push(m.text());
  });
  await page.goto('/members/mber_demoWhale');
  await expect(memberPage.heading).toHaveText('Harriet Okafor');
  // Everything the page starts by itself has finished: a second fetch would have shown by now.
  await expect(memberPage.payments).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(member).toEqual(['GET']);
  // Each file once: the preloads were used, the entry and the stylesheet included.
  const { script, style } = shellFiles();
  for (const chunk of [script, style, ...memberRouteChunks()])
    expect(chunks.filter((c) => c === chunk)).toEqual([chunk]);
  // Chromium says so on the console when a preload goes unused or does not match.
  expect(warnings).toEqual([]);
});

test('a deep link whose id is not a member id shows why, without asking the API', async ({
  page,
  memberPage,
  apiRequests,
}) => {
  await page.goto('/members/mem_demoAvaPro');
  await expect(memberPage.alert.first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(apiRequests).toEqual([]);
});
