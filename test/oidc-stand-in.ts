import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** People who can sign in at the stand-in, by Whop user id (the ID token's `sub`). */
export const TEST_ACCOUNTS: Record<string, { name: string; username: string; email: string }> = {
  user_demoMarcus: { name: 'Marcus Weber', username: 'mweber', email: 'marcus@example.de' },
  user_demoGrace: { name: 'Grace Lee', username: 'gracel', email: 'grace@example.kr' },
  user_demoAva: { name: 'Ava Chen', username: 'avachen', email: 'ava.chen@example.com' },
  user_demoFormerAdmin: { name: 'Frances Former', username: 'fformer', email: 'frances@example.com' },
  user_demoAccessCheckFails: { name: 'Erin Error', username: 'erin', email: 'erin@example.com' },
};

export type OidcStandInOptions = {
  port?: number;
  client: { clientId: string; clientSecret: string; redirectUris: string[] };
};

export type OidcStandIn = {
  /** The issuer identifier, e.g. http://127.0.0.1:3412 */
  issuer: string;
  /** Whose refresh tokens were revoked, in order (user ids). */
  readonly revokedRefreshTokens: ReadonlyArray<string>;
  /**
   * Switches for tests, as Whop might behave: `refuseRevocations` answers the revocation
   * endpoint with a 400 OAuth error; `issueRefreshTokens: false` grants no refresh token.
   */
  readonly control: { refuseRevocations: boolean; issueRefreshTokens: boolean };
  close(): Promise<void>;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to Whop (test stand-in)</title></head>
<body>
  <main>
    <h1>Sign in to Whop</h1>
    <p>Test stand-in for Whop's OAuth. Known users: ${Object.keys(TEST_ACCOUNTS).map(esc).join(', ')}.</p>
    ${error ? `<p role="alert">${esc(error)}</p>` : ''}
    <form method="post" action="/interaction/${esc(uid)}/login">
      <label>Whop user <input name="login" autocomplete="off" required></label>
      <button type="submit">Sign in</button>
    </form>
    <form method="post" action="/interaction/${esc(uid)}/abort">
      <button type="submit">Cancel</button>
    </form>
  </main>
</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/**
 * A real OpenID provider (oidc-provider) configured like Whop's issuer: authorization
 * code + PKCE, client_secret_post, ES256 ID tokens, UserInfo, refresh tokens, revocation.
 * Sign-in is a one-field form (a Whop user id); consent is implied, as for an app the
 * user already approved.
 */
export async function startOidcStandIn(options: OidcStandInOptions): Promise<OidcStandIn> {
  const server = createServer();
  const control = { refuseRevocations: false, issueRefreshTokens: true };
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-es256', alg: 'ES256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: options.client.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [signingKey as never] },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86_400,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async findAccount(_ctx, sub) {
      const account = TEST_ACCOUNTS[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          name: account.name,
          preferred_username: account.username,
          email: account.email,
          email_verified: true,
        }),
      };
    },
    // Like Whop for an app the user already approved: no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => control.issueRefreshTokens && client.grantTypeAllowed('refresh_token'),
  });

  const revokedRefreshTokens: string[] = [];
  provider.on('refresh_token.destroyed', (token: { accountId?: string }) => {
    if (token.accountId) revokedRefreshTokens.push(token.accountId);
  });

  const callback = provider.callback();
  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !action) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(loginPage(uid));
    }
    if (req.method === 'POST' && action === 'login') {
      const login = (await readForm(req)).get('login')?.trim() ?? '';
      if (!TEST_ACCOUNTS[login]) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(loginPage(uid, `No Whop user ${login}.`));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: login } },
        { mergeWithLastSubmission: false },
      );
    }
    if (req.method === 'POST' && action === 'abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
    }
    res.writeHead(404).end();
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // For browser tests in another process: whose refresh tokens were revoked so far.
    if (req.url === '/__test/revocations') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(revokedRefreshTokens));
    }
    if (control.refuseRevocations && req.method === 'POST' && req.url === '/token/revocation') {
      res.writeHead(400, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          error: 'unsupported_token_type',
          error_description: 'Refresh tokens cannot be revoked here.',
        }),
      );
    }
    const match = /^\/interaction\/([^/?]+)(?:\/(login|abort))?(?:\?|$)/.exec(req.url ?? '');
    if (!match) return void callback(req, res);
    interaction(req, res, match[1]!, match[2]).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('This sign-in has expired. Start again from the dashboard.');
    });
  });

  return {
    issuer,
    revokedRefreshTokens,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
