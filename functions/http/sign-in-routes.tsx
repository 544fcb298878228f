/**
 * Manager sign-in through an OAuth 2.0 authorization server (Cognito's hosted UI on AWS, the
 * development identity locally): authorization code with PKCE, a `state` bound to the browser
 * by a short-lived cookie, and the verified ID token kept in an HttpOnly session cookie.
 *
 *   GET /auth/sign-in?next=/manager/…   → renews the session with the refresh token, if the
 *                                          browser holds a good one; else the server's sign-in page
 *   GET /auth/callback?code&state       → exchanges the code, sets the session (and the refresh
 *                                          token, HttpOnly), goes to `next`
 *   POST /auth/sign-out                 → revokes the refresh token, forgets both, then sends
 *                                          the browser to the server's /logout, which ends its own
 *                                          sign-in session and comes back to SIGNED_OUT_PATH
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { REFRESH_COOKIE, SESSION_COOKIE, type Authenticator } from './auth.js';
import { sameOriginForms } from './same-origin.js';
import { ManagerMessagePage } from './views/manager-pages.js';

export interface OAuthClient {
  /** Base URL of the authorization server: `${url}/oauth2/authorize`, `${url}/oauth2/token`, `${url}/logout`. */
  serverUrl: string;
  clientId: string;
  /** Our own public base URL; the callback is `${appUrl}/auth/callback`. */
  appUrl: string;
}

/**
 * Where the authorization server sends the browser back after /logout. It must be one of the
 * app client's sign-out URLs (infra/manager-auth.ts; the development identity's likewise).
 */
export const SIGNED_OUT_PATH = '/manager';

const SIGN_IN_COOKIE = 'sign-in';
const SIGN_IN_SECONDS = 600;
const random = () => randomBytes(32).toString('base64url');

const pendingSchema = z.object({ state: z.string().min(40), verifier: z.string().min(40), next: z.string() });
const tokenResponseSchema = z.object({
  id_token: z.string().min(1).max(8192),
  expires_in: z.number().int().positive().max(86_400).optional(),
  refresh_token: z.string().min(1).max(8192).optional(),
});
/** As long as the user pool keeps a refresh token valid (infra/manager-auth.ts). */
export const REFRESH_SECONDS = 30 * 86_400;

/** Only a path on this site, and only one a manager would go to: never an open redirect. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(manager|api)(\/[A-Za-z0-9_-]+)*\/?$/.test(next) ? next : '/manager';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signInRoutes(deps: { auth: Authenticator; oauth: OAuthClient; fetchImpl?: typeof fetch }) {
  const { oauth } = deps;
  const fetchImpl = deps.fetchImpl ?? fetch;
  const callbackUrl = `${oauth.appUrl}/auth/callback`;
  const secure = oauth.appUrl.startsWith('https://');
  const app = new Hono();

  /** Asks the token endpoint; the tokens, or undefined when it refuses or answers nonsense. */
  async function requestTokens(grant: Record<string, string>) {
    const response = await fetchImpl(`${oauth.serverUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: oauth.clientId, ...grant }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    const tokens = tokenResponseSchema.safeParse(response?.ok ? await response.json().catch(() => undefined) : undefined);
    return tokens.success ? tokens.data : undefined;
  }

  function startSession(c: Context, tokens: z.infer<typeof tokenResponseSchema>) {
    setCookie(c, SESSION_COOKIE, tokens.id_token, {
      httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: tokens.expires_in ?? 3600,
    });
  }

  app.get('/auth/sign-in', async (c) => {
    const refreshToken = getCookie(c, REFRESH_COOKIE);
    if (refreshToken) {
      const tokens = refreshToken.length <= 8192 ? await requestTokens({ grant_type: 'refresh_token', refresh_token: refreshToken }) : undefined;
      if (tokens && await deps.auth.identify(tokens.id_token)) {
        startSession(c, tokens);
        return c.redirect(safeNext(c.req.query('next')), 302);
      }
      // Expired, revoked or refused: sign in afresh.
      deleteCookie(c, REFRESH_COOKIE, { path: '/' });
    }
    const pending = { state: random(), verifier: random(), next: safeNext(c.req.query('next')) };
    setCookie(c, SIGN_IN_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      httpOnly: true, secure, sameSite: 'Lax', path: '/auth', maxAge: SIGN_IN_SECONDS,
    });
    const authorize = new URL(`${oauth.serverUrl}/oauth2/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: oauth.clientId,
      redirect_uri: callbackUrl,
      scope: 'openid email profile',
      state: pending.state,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return c.redirect(authorize.toString(), 302);
  });

  app.get('/auth/callback', async (c) => {
    const refuse = () => c.html(<ManagerMessagePage kind="unauthorized" signInUrl="/auth/sign-in" />, 401);
    let pending: z.infer<typeof pendingSchema>;
    try {
      const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(getCookie(c, SIGN_IN_COOKIE) ?? '', 'base64url').toString('utf8')));
      if (!parsed.success) return refuse();
      pending = parsed.data;
    } catch {
      return refuse();
    }
    const code = c.req.query('code');
    const state = c.req.query('state');
    if (!code || code.length > 2048 || !state || !sameSecret(state, pending.state)) return refuse();

    const tokens = await requestTokens({ grant_type: 'authorization_code', code, redirect_uri: callbackUrl, code_verifier: pending.verifier });
    if (!tokens || !await deps.auth.identify(tokens.id_token)) return refuse();

    deleteCookie(c, SIGN_IN_COOKIE, { path: '/auth' });
    startSession(c, tokens);
    if (tokens.refresh_token) {
      setCookie(c, REFRESH_COOKIE, tokens.refresh_token, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: REFRESH_SECONDS });
    }
    return c.redirect(pending.next, 303);
  });

  app.use('/auth/sign-out', sameOriginForms());
  app.post('/auth/sign-out', async (c) => {
    const refreshToken = getCookie(c, REFRESH_COOKIE);
    if (refreshToken && refreshToken.length <= 8192) {
      // Revoked at the server too, so a copied cookie is worth nothing; signing out goes on regardless.
      await fetchImpl(`${oauth.serverUrl}/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken, client_id: oauth.clientId }),
        signal: AbortSignal.timeout(5_000),
      }).catch(() => undefined);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, REFRESH_COOKIE, { path: '/' });
    // Cognito's hosted UI keeps a session of its own (a cookie on its domain, an hour): without
    // its /logout, the next sign-in on this browser would need no password. /logout takes the
    // client id and a logout_uri that must be one of the client's sign-out URLs.
    const logout = new URL(`${oauth.serverUrl}/logout`);
    logout.search = new URLSearchParams({ client_id: oauth.clientId, logout_uri: `${oauth.appUrl}${SIGNED_OUT_PATH}` }).toString();
    return c.redirect(logout.toString(), 303);
  });

  return app;
}
