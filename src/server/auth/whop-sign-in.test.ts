import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWhopSignIn, newSignInChecks, type SignInChecks } from './whop-sign-in';

/**
 * A bare OpenID issuer on loopback whose every answer a test writes: the oidc-provider
 * stand-in (auth-routes.test.ts) behaves too well to refuse, stall or echo a code back.
 * openid-client checks the ID token's claims, not its signature (code flow over TLS).
 */
type Reply = (req: IncomingMessage, res: ServerResponse, body: URLSearchParams) => void;
type Issuer = {
  issuer: string;
  requests: Array<{ path: string; body: URLSearchParams }>;
  /** How many discovery requests to answer 503 before answering. */
  discoveryFailures: number;
  revocationEndpoint: boolean;
  token: Reply;
  userinfo: Reply;
  revoke: Reply;
  close(): Promise<void>;
};

const CLIENT = { clientId: 'app_unit', clientSecret: 'unit-client-secret-0123456789' };
const REDIRECT_URI = 'http://127.0.0.1:3999/auth/callback';
const CODE = 'code_from_the_issuer_123';

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let issuers: Issuer[] = [];
afterEach(async () => {
  await Promise.all(issuers.map((i) => i.close()));
  issuers = [];
});

async function startIssuer(): Promise<Issuer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: Issuer = {
    issuer,
    requests: [],
    discoveryFailures: 0,
    revocationEndpoint: true,
    token: (_req, res) => json(res, 500, {}),
    userinfo: (_req, res) => json(res, 500, {}),
    revoke: (_req, res) => res.writeHead(200).end(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = new URL(req.url ?? '/', issuer).pathname;
    const body = new URLSearchParams(raw);
    state.requests.push({ path, body });
    if (path === '/.well-known/openid-configuration') {
      if (state.discoveryFailures > 0) {
        state.discoveryFailures -= 1;
        return json(res, 503, {});
      }
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        ...(state.revocationEndpoint && { revocation_endpoint: `${issuer}/revoke` }),
        id_token_signing_alg_values_supported: ['ES256'],
      });
    }
    if (path === '/token') return state.token(req, res, body);
    if (path === '/userinfo') return state.userinfo(req, res, body);
    if (path === '/revoke') return state.revoke(req, res, body);
    res.writeHead(404).end();
  });
  issuers.push(state);
  return state;
}

function idToken(issuer: string, claims: Record<string, unknown>) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: issuer, aud: CLIENT.clientId, iat: now, exp: now + 600, ...claims };
  return `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(payload)}.${Buffer.from('not-checked').toString('base64url')}`;
}

/** A token endpoint that answers a good code exchange with an ID token carrying `claims`. */
function tokensWith(issuer: Issuer, checks: SignInChecks, claims: Record<string, unknown>, refreshToken?: string) {
  issuer.token = (_req, res) =>
    json(res, 200, {
      access_token: 'access_token_1',
      token_type: 'Bearer',
      expires_in: 3600,
      id_token: idToken(issuer.issuer, { nonce: checks.nonce, ...claims }),
      ...(refreshToken && { refresh_token: refreshToken }),
    });
}

function clientFor(issuer: Issuer, timeoutSeconds?: number) {
  return createWhopSignIn({ issuer: issuer.issuer, ...CLIENT, redirectUri: REDIRECT_URI, timeoutSeconds });
}

const callbackFor = (checks: SignInChecks) => new URL(`${REDIRECT_URI}?code=${CODE}&state=${checks.state}`);

describe('finishing a sign-in', () => {
  it("takes the name from the ID token, trimmed, without asking UserInfo, and keeps Whop's refresh token", async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    tokensWith(issuer, checks, { sub: 'user_ann', name: '  Ann Lee  ' }, 'refresh_token_1');
    expect(await clientFor(issuer).finish(callbackFor(checks), checks)).toStrictEqual({
      ok: true,
      userId: 'user_ann',
      name: 'Ann Lee',
      refreshToken: 'refresh_token_1',
    });
    expect(issuer.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration', '/token']);
    const exchange = issuer.requests[1]!.body;
    expect(exchange.get('code')).toBe(CODE);
    expect(exchange.get('code_verifier')).toBe(checks.codeVerifier);
  });

  it('caps a long name at 200 characters', async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    tokensWith(issuer, checks, { sub: 'user_ann', name: ` ${'x'.repeat(300)} ` });
    const result = await clientFor(issuer).finish(callbackFor(checks), checks);
    expect(result).toMatchObject({ ok: true, name: 'x'.repeat(200) });
  });

  it.each([
    [{ sub: 'user_ann', preferred_username: 'annlee' }, 'annlee'],
    [{ sub: 'user_ann', name: '   ', email: 'ann@example.com' }, 'ann@example.com'],
    [{ sub: 'user_ann' }, 'user_ann'],
  ])('without a name in the ID token, asks UserInfo (%j) and shows %j', async (info, shown) => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    tokensWith(issuer, checks, { sub: 'user_ann' });
    issuer.userinfo = (_req, res) => json(res, 200, info);
    const result = await clientFor(issuer).finish(callbackFor(checks), checks);
    expect(result).toMatchObject({ ok: true, userId: 'user_ann', name: shown });
    expect(issuer.requests.map((r) => r.path)).toContain('/userinfo');
  });

  it('shows the user id when UserInfo fails; the sign-in still counts', async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    tokensWith(issuer, checks, { sub: 'user_ann' });
    const result = await clientFor(issuer).finish(callbackFor(checks), checks);
    expect(result).toMatchObject({ ok: true, userId: 'user_ann', name: 'user_ann' });
  });

  it('refuses an ID token minted for another sign-in (nonce mismatch)', async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    tokensWith(issuer, { ...checks, nonce: 'a-nonce-from-another-sign-in' }, { sub: 'user_ann', name: 'Ann' });
    expect(await clientFor(issuer).finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'invalid',
      detail: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
    });
  });

  it('refuses an ID token without a subject (openid-client checks it before our own check sees it)', async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    tokensWith(issuer, checks, { name: 'Ann' });
    expect(await clientFor(issuer).finish(callbackFor(checks), checks)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it("logs Whop's refusal with code, verifier and client secret cut out of its description", async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    issuer.token = (_req, res) =>
      json(res, 400, {
        error: 'invalid_grant',
        error_description: `code ${CODE} with verifier ${checks.codeVerifier} and secret ${CLIENT.clientSecret} failed`,
      });
    expect(await clientFor(issuer).finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'invalid',
      detail: 'invalid_grant',
      status: 400,
      description: 'code [redacted] with verifier [redacted] and secret [redacted] failed',
    });
  });

  it.each<[string, Reply, string]>([
    [
      'a gateway error page',
      (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'),
      'OAUTH_RESPONSE_IS_NOT_CONFORM',
    ],
    [
      'HTML where JSON belongs',
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Maintenance</h1>'),
      'OAUTH_RESPONSE_IS_NOT_JSON',
    ],
  ])('counts %s from the token endpoint as Whop being unavailable', async (_what, reply, detail) => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    issuer.token = reply;
    expect(await clientFor(issuer).finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'unavailable',
      detail,
    });
  });

  // openid-client's deadline is an AbortSignal.timeout, which fake timers do not drive: this
  // waits 1 s. The test's own 6 s limit fails the default of 10 s, were timeoutSeconds ignored.
  it('gives up on a token endpoint that does not answer within timeoutSeconds', { timeout: 6000 }, async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    issuer.token = () => {
      // Never answers.
    };
    expect(await clientFor(issuer, 1).finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'OAUTH_TIMEOUT',
    });
  });

  it('counts a Bearer challenge from the token endpoint as a failed check, named by its kind', async () => {
    const issuer = await startIssuer();
    const checks = newSignInChecks();
    issuer.token = (_req, res) =>
      json(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Bearer error="invalid_client"' });
    expect(await clientFor(issuer).finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'invalid',
      detail: 'WWWAuthenticateChallengeError',
    });
  });

  it('counts an issuer that went away after discovery as unavailable (network)', async () => {
    const issuer = await startIssuer();
    const client = clientFor(issuer);
    const checks = newSignInChecks();
    await client.authorizationUrl(checks);
    await issuer.close();
    expect(await client.finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'network',
    });
  });
});

describe('discovery', () => {
  it('is tried again on the next sign-in after Whop failed to answer it', async () => {
    const issuer = await startIssuer();
    issuer.discoveryFailures = 1;
    const client = clientFor(issuer);
    const checks = newSignInChecks();
    expect(await client.finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'OAUTH_RESPONSE_IS_NOT_CONFORM',
    });
    const url = await client.authorizationUrl(checks);
    expect(url.origin + url.pathname).toBe(`${issuer.issuer}/authorize`);
    expect(url.searchParams.get('state')).toBe(checks.state);
  });

  it('refuses a plain-http issuer that is not on loopback', async () => {
    const client = createWhopSignIn({
      issuer: 'http://192.0.2.1:8080',
      ...CLIENT,
      redirectUri: REDIRECT_URI,
      timeoutSeconds: 1,
    });
    const checks = newSignInChecks();
    expect(await client.finish(callbackFor(checks), checks)).toStrictEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'OAUTH_HTTP_REQUEST_FORBIDDEN',
    });
  });
});

describe('revoking a refresh token', () => {
  it('sends the token with the refresh_token hint', async () => {
    const issuer = await startIssuer();
    expect(await clientFor(issuer).revoke('refresh_token_1')).toStrictEqual({ ok: true });
    const [, revocation] = issuer.requests;
    expect(revocation?.path).toBe('/revoke');
    expect(revocation?.body.get('token')).toBe('refresh_token_1');
    expect(revocation?.body.get('token_type_hint')).toBe('refresh_token');
  });

  it('says so, without sending anything, when Whop has no revocation endpoint', async () => {
    const issuer = await startIssuer();
    issuer.revocationEndpoint = false;
    expect(await clientFor(issuer).revoke('refresh_token_1')).toStrictEqual({
      ok: false,
      detail: 'no_revocation_endpoint',
    });
    expect(issuer.requests.map((r) => r.path)).toEqual(['/.well-known/openid-configuration']);
  });

  it("reports Whop's refusal with its status, and the token and client secret cut out", async () => {
    const issuer = await startIssuer();
    issuer.revoke = (_req, res) =>
      json(res, 400, {
        error: 'invalid_request',
        error_description: `token refresh_token_1 for secret ${CLIENT.clientSecret} rejected`,
      });
    expect(await clientFor(issuer).revoke('refresh_token_1')).toStrictEqual({
      ok: false,
      detail: 'invalid_request',
      description: 'token [redacted] for secret [redacted] rejected',
      status: 400,
    });
  });

  it('reports only the kind of failure when Whop cannot be reached', async () => {
    const issuer = await startIssuer();
    const client = clientFor(issuer);
    await client.authorizationUrl(newSignInChecks());
    await issuer.close();
    expect(await client.revoke('refresh_token_1')).toStrictEqual({ ok: false, detail: 'network' });
  });
});
