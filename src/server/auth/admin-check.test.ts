import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWhopAdminCheck } from './admin-check';

/**
 * Whop's two account endpoints, answering what each test says. The demo Whop answers one
 * fixed company; these tests need a title with spaces, none, and a failure that passes.
 */
type Answer = { status: number; body: unknown };
type FakeWhop = { baseURL: string; company: Answer[]; access: Answer; paths: string[]; close(): Promise<void> };

const COMPANY_ID = 'biz_unitTest';
let whops: FakeWhop[] = [];
afterEach(async () => {
  await Promise.all(whops.map((w) => w.close()));
  whops = [];
});

async function startFakeWhop(): Promise<FakeWhop> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const whop: FakeWhop = {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    company: [{ status: 200, body: { id: COMPANY_ID, title: 'Unit Test Club' } }],
    access: { status: 200, body: { access_level: 'admin', has_access: true } },
    paths: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const send = (res: ServerResponse, { status, body }: Answer) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    whop.paths.push(path);
    if (path === `/api/v1/companies/${COMPANY_ID}`) {
      // Answers in turn; the last one keeps answering.
      return send(res, whop.company.length > 1 ? whop.company.shift()! : whop.company[0]!);
    }
    if (path === `/api/v1/users/user_x/access/${COMPANY_ID}`) return send(res, whop.access);
    send(res, { status: 404, body: { error: { message: 'not found' } } });
  });
  whops.push(whop);
  return whop;
}

const checkFor = (whop: FakeWhop) =>
  createWhopAdminCheck({
    apiKey: 'test_key',
    baseURL: whop.baseURL,
    deadlineMs: 2000,
    companyId: COMPANY_ID,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0.5 },
  });

const companyCalls = (whop: FakeWhop) => whop.paths.filter((p) => p.includes('/companies/')).length;

describe("the company's name", () => {
  it("is Whop's title, trimmed, asked for once", async () => {
    const whop = await startFakeWhop();
    whop.company = [{ status: 200, body: { id: COMPANY_ID, title: '  Unit Test Club \n' } }];
    const admins = checkFor(whop);
    expect(await admins.companyName()).toBe('Unit Test Club');
    expect(await admins.companyName()).toBe('Unit Test Club');
    expect(companyCalls(whop)).toBe(1);
  });

  it.each([null, '   ', 42])('is the company id when the title is %j, an answer that is kept', async (title) => {
    const whop = await startFakeWhop();
    whop.company = [{ status: 200, body: { id: COMPANY_ID, title } }];
    const admins = checkFor(whop);
    expect(await admins.companyName()).toBe(COMPANY_ID);
    expect(await admins.companyName()).toBe(COMPANY_ID);
    expect(companyCalls(whop)).toBe(1);
  });

  it('is the company id while Whop refuses, and asked for again next time', async () => {
    const whop = await startFakeWhop();
    whop.company = [
      { status: 403, body: { error: { message: 'missing company:basic:read' } } },
      { status: 200, body: { id: COMPANY_ID, title: 'Unit Test Club' } },
    ];
    const admins = checkFor(whop);
    expect(await admins.companyName()).toBe(COMPANY_ID);
    expect(await admins.companyName()).toBe('Unit Test Club');
    expect(companyCalls(whop)).toBe(2);
  });
});

describe('isAdmin', () => {
  it.each([
    ['admin', true],
    ['customer', false],
    ['no_access', false],
    ['a_level_whop_adds_later', false],
  ])('lets in access level %s: %s', async (level, admin) => {
    const whop = await startFakeWhop();
    whop.access = { status: 200, body: { access_level: level, has_access: level !== 'no_access' } };
    expect(await checkFor(whop).isAdmin('user_x')).toStrictEqual({ ok: true, admin, accessLevel: level });
  });

  it('fails, rather than saying no, on an answer without an access level', async () => {
    const whop = await startFakeWhop();
    whop.access = { status: 200, body: { has_access: true } };
    expect(await checkFor(whop).isAdmin('user_x')).toMatchObject({ ok: false });
  });

  it("fails with Whop's status when Whop refuses, and with the problem's code when it cannot be reached", async () => {
    const whop = await startFakeWhop();
    whop.access = { status: 403, body: { error: { message: 'forbidden' } } };
    expect(await checkFor(whop).isAdmin('user_x')).toStrictEqual({ ok: false, detail: 'http_403' });
    const gone = await startFakeWhop();
    const admins = checkFor(gone);
    await gone.close();
    expect(await admins.isAdmin('user_x')).toStrictEqual({ ok: false, detail: 'upstream_error' });
  });
});
