import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_PAINT_SCRIPT } from '../../src/server/page/after-paint';
import { startWithoutAppCode, type WithoutAppCode } from './without-app-code';

const PAGE = `<!doctype html><body><div id="root"><h1>Ava Chen</h1><template id="first-paint-end"></template></div><script type="application/json" id="app-after-paint">["/assets/index.js"]</script><script>${AFTER_PAINT_SCRIPT}</script>\n</body>`;

let upstream: http.Server;
let front: WithoutAppCode;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const headers = { 'content-type': 'text/html; charset=UTF-8', 'content-security-policy': "default-src 'self'" };
    if (req.url === '/members/mber_a') return res.writeHead(200, headers).end(PAGE);
    // Whop too slow: the page without its member, its loader still at the end.
    if (req.url === '/members/mber_slow')
      return res.writeHead(200, headers).end(PAGE.replace(/<h1>.*<\/template>/, ''));
    if (req.url === '/api/members/mber_a') return res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(200, headers).end(`<p>${req.url}</p><script>${AFTER_PAINT_SCRIPT}</script>`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  front = await startWithoutAppCode(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await front.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

describe("the bench's front without the app's code", () => {
  it("serves a member page without its code's loader, everything else of it and its headers as they were", async () => {
    const res = await fetch(`${front.baseURL}/members/mber_a`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await res.text()).toBe(PAGE.replace(`<script>${AFTER_PAINT_SCRIPT}</script>`, ''));
    expect(front.stripped()).toBe(1);
  });

  it('counts only pages that came with their member', async () => {
    const html = await (await fetch(`${front.baseURL}/members/mber_slow`)).text();
    expect(html).not.toContain(AFTER_PAINT_SCRIPT);
    expect(html).not.toContain('Ava Chen');
    expect(front.stripped()).toBe(1);
  });

  it('passes every other request through untouched, its status too', async () => {
    const api = await fetch(`${front.baseURL}/api/members/mber_a`);
    expect([api.status, await api.text()]).toEqual([404, '{}']);
    expect(await (await fetch(`${front.baseURL}/`)).text()).toContain(AFTER_PAINT_SCRIPT);
    expect(front.stripped()).toBe(1);
  });
});
