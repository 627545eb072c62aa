import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar, type SignInTestApp, startSignInTestApp } from '../../../test/sign-in-app';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { loadSpa } from '../page/shell';

let t: TestApp | undefined;
let s: SignInTestApp | undefined;
afterEach(async () => {
  await t?.close();
  await s?.close();
  t = undefined;
  s = undefined;
});

function builtSpa() {
  const root = mkdtempSync(path.join(tmpdir(), 'spa-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  writeFileSync(path.join(root, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return loadSpa(root, { mode: 'demo', demoMembers: [] });
}

const routeOf = (logs: Array<Record<string, unknown>>) => logs.filter((l) => 'route' in l).at(-1)?.route;

describe("the log line's route", () => {
  it.each([
    ['/api/members/mber_demoAvaChen', 'GET', '/api/members/:id'],
    ['/api/members/mem_nope', 'GET', '/api/members/:id'],
    ['/api/members?query=ava', 'GET', '/api/members'],
    ['/api/memberships/mem_demoAvaPro', 'GET', '/api/memberships/:id'],
    ['/api/members/mber_demoAvaChen/memberships', 'GET', '/api/members/:id/memberships'],
    ['/api/health', 'GET', '/api/health'],
    ['/api/health', 'HEAD', '/api/health'],
    ['/api/whatever', 'GET', '/api/*'],
    ['/api/members/mber_demoAvaChen', 'POST', '/api/*'],
    // Its own route: a deep link's page may look the member up (first-paint.ts).
    ['/members/mber_demoAvaChen', 'GET', '/members/:id'],
    ['/', 'GET', 'spa'],
    ['/assets/app-1.js', 'GET', '/assets/*'],
    ['/assets/nope.js', 'GET', '/assets/*'],
    ['/assets/app-1.js', 'POST', '/assets/*'],
    ['/favicon.svg', 'GET', 'unmatched'],
  ])('%s %s is logged as %s', async (url, method, route) => {
    t = await startTestApp({ spa: builtSpa() });
    await t.get(url, { method });
    expect(routeOf(t.logs)).toBe(route);
  });

  it('is unmatched for a path nothing serves, and for a request the rate limit answered', async () => {
    t = await startTestApp({ rateLimitPerMinute: 1 });
    await t.get('/nothing-here');
    expect(routeOf(t.logs)).toBe('unmatched');
    await t.get('/api/members/mber_demoAvaChen');
    expect((await t.get('/api/members/mber_demoAvaChen')).status).toBe(429);
    expect(routeOf(t.logs)).toBe('unmatched');
  });

  it('names the route whose handler crashed', async () => {
    t = await startTestApp({
      lookupOverride: async () => {
        throw new Error('boom');
      },
    });
    expect((await t.get('/api/members/mber_demoAvaChen')).status).toBe(500);
    expect(routeOf(t.logs)).toBe('/api/members/:id');
  });

  it('with sign-in on: auth routes by template, calls the gate turned away as unmatched', async () => {
    s = await startSignInTestApp();
    const jar = new CookieJar();
    await s.request('/auth/login', jar);
    expect(routeOf(s.logs)).toBe('/auth/login');
    await s.request('/auth/nope', jar);
    expect(routeOf(s.logs)).toBe('/auth/*');
    expect((await s.request('/api/session', jar)).status).toBe(401);
    expect(routeOf(s.logs)).toBe('unmatched');
    await s.signIn(jar, 'user_demoMarcus', '/');
    expect(routeOf(s.logs)).toBe('/auth/callback');
    expect((await s.request('/api/session', jar)).status).toBe(200);
    expect(routeOf(s.logs)).toBe('/api/session');
    await s.request('/auth/logout', jar, { method: 'POST' });
    expect(routeOf(s.logs)).toBe('/auth/logout');
  });
});
