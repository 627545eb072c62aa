import * as oidc from 'openid-client';
import { isLoopbackHost } from '../config';

export const SCOPES = 'openid profile email';

export type SignInChecks = { state: string; nonce: string; codeVerifier: string };

export type SignedInUser = { userId: string; name: string; refreshToken?: string | undefined };

export type SignInFailure = {
  ok: false;
  /** denied: Whop (or the person) said no; invalid: the answer failed a check; unavailable: no answer. */
  reason: 'denied' | 'invalid' | 'unavailable';
  /** For the log only: an OAuth error code or an error class, never a token or a code. */
  detail: string;
  /** For the log only: the `error_description` Whop sent with a refusal, scrubbed (see oauthDescription). */
  description?: string;
  /** The HTTP status of the token endpoint's refusal, when it answered one. */
  status?: number;
};

/** Whether Whop revoked a refresh token; why not, for the log, when it did not. */
export type RevokeResult = { ok: true } | { ok: false; detail: string; description?: string; status?: number };

export type SignInClient = {
  /** The authorization request: code flow, PKCE S256, state and nonce. */
  authorizationUrl(checks: SignInChecks): Promise<URL>;
  /** Checks the callback (state, PKCE, ID token signature, issuer, audience, nonce) and redeems the code. */
  finish(callbackUrl: URL, checks: SignInChecks): Promise<({ ok: true } & SignedInUser) | SignInFailure>;
  /** Best effort: revokes a refresh token at Whop; never throws. */
  revoke(refreshToken: string): Promise<RevokeResult>;
};

export type WhopSignInOptions = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Seconds each request to the issuer may take. */
  timeoutSeconds?: number;
};

/**
 * Sign in with Whop through openid-client (OpenID certified): discovery from the issuer
 * (`https://api.whop.com/.well-known/openid-configuration`), client_secret_post at the
 * token endpoint, as Whop's OAuth guide describes. Discovery happens on first use and is
 * retried on the next sign-in if it failed, so a Whop hiccup at start-up is not fatal.
 */
export function createWhopSignIn(options: WhopSignInOptions): SignInClient {
  const issuer = new URL(options.issuer);
  // Plain http only for a loopback issuer (the tests' OpenID provider).
  const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
  let configuration: Promise<oidc.Configuration> | null = null;

  function config(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(issuer, options.clientId, options.clientSecret, oidc.ClientSecretPost(options.clientSecret), {
        timeout: options.timeoutSeconds ?? 10,
        ...(insecure && { execute: [oidc.allowInsecureRequests] }),
      })
      .catch((err: unknown) => {
        configuration = null;
        throw err;
      });
    return configuration;
  }

  return {
    async authorizationUrl(checks) {
      const cfg = await config();
      return oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: options.redirectUri,
        scope: SCOPES,
        response_type: 'code',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    async finish(callbackUrl, checks) {
      let cfg: oidc.Configuration;
      try {
        cfg = await config();
      } catch (err) {
        return { ok: false, reason: 'unavailable', detail: errorDetail(err) };
      }
      try {
        const tokens = await oidc.authorizationCodeGrant(cfg, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims?.sub) return { ok: false, reason: 'invalid', detail: 'id_token without sub' };
        let name = displayName(claims);
        if (!name) {
          // Some providers keep profile claims out of the ID token; ask UserInfo.
          try {
            name = displayName(await oidc.fetchUserInfo(cfg, tokens.access_token, claims.sub));
          } catch {
            // The name is for the header only; the user id is what counts.
          }
        }
        return { ok: true, userId: claims.sub, name: name ?? claims.sub, refreshToken: tokens.refresh_token };
      } catch (err) {
        // Whop's own words say what to fix (a redirect URI, a secret); they never need the code.
        const hide = [callbackUrl.searchParams.get('code'), checks.codeVerifier, options.clientSecret];
        return { ok: false, ...classify(err, hide) };
      }
    },

    async revoke(refreshToken) {
      try {
        const cfg = await config();
        if (!cfg.serverMetadata().revocation_endpoint) return { ok: false, detail: 'no_revocation_endpoint' };
        await oidc.tokenRevocation(cfg, refreshToken, { token_type_hint: 'refresh_token' });
        return { ok: true };
      } catch (err) {
        const { detail, description, status } = classify(err, [refreshToken, options.clientSecret]);
        return { ok: false, detail, ...(description && { description }), ...(status && { status }) };
      }
    },
  };
}

function displayName(claims: Record<string, unknown>): string | undefined {
  for (const key of ['name', 'preferred_username', 'email']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  }
  return undefined;
}

function errorDetail(err: unknown): string {
  if (err instanceof oidc.ClientError && err.code) return err.code;
  return err instanceof Error ? err.name : 'unknown';
}

/**
 * The `error_description` of an OAuth refusal, fit for a log line: text only, at most 300
 * characters, and with anything secret we know of (code, verifier, client secret, token)
 * cut out should the issuer ever echo it back.
 */
export function oauthDescription(
  value: unknown,
  secrets: ReadonlyArray<string | null | undefined>,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.replace(/\p{Cc}+/gu, ' ').trim();
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text ? text.slice(0, 300) : undefined;
}

function classify(err: unknown, secrets: ReadonlyArray<string | null | undefined>): Omit<SignInFailure, 'ok'> {
  const description = (e: { error_description?: string }) => {
    const text = oauthDescription(e.error_description, secrets);
    return text ? { description: text } : {};
  };
  if (err instanceof oidc.AuthorizationResponseError)
    return { reason: 'denied', detail: err.error, ...description(err) };
  if (err instanceof oidc.ResponseBodyError) {
    return { reason: 'invalid', detail: err.error, status: err.status, ...description(err) };
  }
  if (err instanceof TypeError) return { reason: 'unavailable', detail: 'network' };
  if (err instanceof oidc.ClientError) {
    const unavailable = ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON'];
    return {
      reason: err.code && unavailable.includes(err.code) ? 'unavailable' : 'invalid',
      detail: err.code ?? 'client_error',
    };
  }
  return { reason: 'invalid', detail: errorDetail(err) };
}

/** Fresh state, nonce and PKCE verifier for one sign-in. */
export function newSignInChecks(): SignInChecks {
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
}
