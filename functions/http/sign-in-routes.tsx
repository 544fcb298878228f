/**
 * Manager sign-in through an OAuth 2.0 authorization server (Cognito's hosted UI on AWS, the
 * development identity locally): authorization code with PKCE, a `state` bound to the browser
 * by a short-lived cookie, and the verified ID token kept in an HttpOnly session cookie.
 *
 *   GET /auth/sign-in?next=/manager/…   → the server's sign-in page
 *   GET /auth/callback?code&state       → exchanges the code, sets the session, goes to `next`
 *   POST /auth/sign-out                 → forgets the session
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { z } from 'zod';
import { SESSION_COOKIE, type Authenticator } from './auth.js';
import { ManagerMessagePage } from './views/manager-pages.js';

export interface OAuthClient {
  /** Base URL of the authorization server: `${url}/oauth2/authorize`, `${url}/oauth2/token`. */
  serverUrl: string;
  clientId: string;
  /** Our own public base URL; the callback is `${appUrl}/auth/callback`. */
  appUrl: string;
}

const SIGN_IN_COOKIE = 'sign-in';
const SIGN_IN_SECONDS = 600;
const random = () => randomBytes(32).toString('base64url');

const pendingSchema = z.object({ state: z.string().min(40), verifier: z.string().min(40), next: z.string() });
const tokenResponseSchema = z.object({ id_token: z.string().min(1), expires_in: z.number().int().positive().max(86_400).optional() });

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

  app.get('/auth/sign-in', (c) => {
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

    const response = await fetchImpl(`${oauth.serverUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', client_id: oauth.clientId, code, redirect_uri: callbackUrl, code_verifier: pending.verifier,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const tokens = tokenResponseSchema.safeParse(response.ok ? await response.json().catch(() => undefined) : undefined);
    if (!tokens.success) return refuse();
    const identity = await deps.auth.identify(tokens.data.id_token);
    if (!identity) return refuse();

    deleteCookie(c, SIGN_IN_COOKIE, { path: '/auth' });
    setCookie(c, SESSION_COOKIE, tokens.data.id_token, {
      httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: tokens.data.expires_in ?? 3600,
    });
    return c.redirect(pending.next, 303);
  });

  app.use('/auth/sign-out', csrf());
  app.post('/auth/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/auth/sign-in', 303);
  });

  return app;
}
