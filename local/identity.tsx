/**
 * The development identity: locally, managers sign in as one of a few known people, through
 * the same OAuth code flow (with PKCE) the product uses against Cognito's hosted UI, and get an
 * RS256 ID token shaped like Cognito's (iss, aud, sub, email, name, `cognito:groups`,
 * token_use) with a JWKS to verify it. The product's HTTP app cannot tell the difference;
 * only the URLs in its environment differ.
 *
 * Like the hosted UI, it keeps a sign-in session of its own in the browser (Cognito's `cognito`
 * cookie lasts an hour): while it lasts, `/oauth2/authorize` signs the same person straight in,
 * without the picker (Cognito may first offer a one-click "Sign in as …"; it asks for no
 * password either way). `/logout?client_id&logout_uri` ends it and redirects to `logout_uri`, which
 * must be one of the sign-out URLs it was configured with (the app's SIGNED_OUT_PATH, as the app
 * client on AWS lists it); anything else is refused with 400 and no redirect, as Cognito shows an
 * error instead of redirecting to a URL its app client does not list.
 *
 * The key pair is kept in the data folder, so the app's sessions (signed tokens) survive a restart;
 * the identity's own sign-in sessions are kept in memory and do not.
 */
import { createHash, createPrivateKey, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { SIGNED_OUT_PATH } from '../functions/http/sign-in-routes.js';

export const DEV_AUDIENCE = 'local-development';

export const DEV_PEOPLE = {
  alice: { sub: 'dev-alice', email: 'alice.morgan@agency.example', name: 'Alice Morgan', groups: ['managers'] },
  boris: { sub: 'dev-boris', email: 'boris.ivanov@agency.example', name: 'Boris Ivanov', groups: ['managers'] },
  hana: { sub: 'dev-hana', email: 'hana.kato@agency.example', name: 'Hana Kato', groups: ['heads-of-delivery'] },
  nobody: { sub: 'dev-nobody', email: 'guest@agency.example', name: 'Guest Without Role', groups: [] as string[] },
} as const;
export type DevPerson = keyof typeof DEV_PEOPLE;

/** Token lifetimes as the user pool sets them on AWS (infra/manager-auth.ts). */
const ID_TOKEN_SECONDS = 3600;
const REFRESH_SECONDS = 30 * 86_400;
/** The hosted UI's own sign-in session, as long as Cognito keeps its `cognito` cookie. */
const HOSTED_SESSION_SECONDS = 3600;
const HOSTED_SESSION_COOKIE = 'dev-identity-session';
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function loadOrCreateKey(dataDir?: string): KeyObject {
  const file = dataDir ? join(dataDir, 'dev-identity-key.pem') : undefined;
  if (file && existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (file) writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return privateKey;
}

export function createDevIdentity(options: { appUrl: string; dataDir?: string }) {
  const issuer = `${options.appUrl}/dev`;
  const privateKey = loadOrCreateKey(options.dataDir);
  const kid = 'local-dev-1';
  const jwks = { keys: [{ ...privateKey.export({ format: 'jwk' }), d: undefined, p: undefined, q: undefined, dp: undefined, dq: undefined, qi: undefined, kid, alg: 'RS256', use: 'sig' }] };

  function tokenFor(person: DevPerson, lifetimeSeconds = 12 * 3600): string {
    const who = DEV_PEOPLE[person];
    const now = Math.floor(Date.now() / 1000);
    const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const payload = b64(JSON.stringify({
      sub: who.sub, email: who.email, name: who.name, 'cognito:groups': who.groups,
      iss: issuer, aud: DEV_AUDIENCE, token_use: 'id', iat: now, exp: now + lifetimeSeconds, jti: randomUUID(),
    }));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${b64(signature)}`;
  }

  /**
   * A tiny OAuth 2.0 authorization server with Cognito's paths under `/dev`: the product's
   * sign-in routes talk to it exactly as they talk to the hosted UI on AWS (code + PKCE).
   */
  const codes = new Map<string, { person: DevPerson; challenge: string; redirectUri: string; expires: number }>();
  const refreshTokens = new Map<string, { person: DevPerson; expires: number }>();
  const hostedSessions = new Map<string, { person: DevPerson; expires: number }>();
  const logoutUrls = [`${options.appUrl}${SIGNED_OUT_PATH}`] as const;
  const logoutSchema = z.object({ client_id: z.literal(DEV_AUDIENCE), logout_uri: z.enum(logoutUrls) });
  const sessionCookie = { path: '/dev', httpOnly: true, secure: options.appUrl.startsWith('https://'), sameSite: 'Lax' } as const;
  const routes = new Hono();
  routes.get('/dev/jwks.json', (c) => c.json(JSON.parse(JSON.stringify(jwks))));

  /** Sends the browser back to the app with a one-minute code for `person`. */
  function redirectWithCode(person: DevPerson, grant: { redirectUri: string; challenge: string; state: string }) {
    const code = randomUUID();
    codes.set(code, { person, challenge: grant.challenge, redirectUri: grant.redirectUri, expires: Date.now() + 60_000 });
    return `${grant.redirectUri}?${new URLSearchParams({ code, state: grant.state })}`;
  }

  routes.get('/dev/oauth2/authorize', (c) => {
    const q = c.req.query();
    if (q.client_id !== DEV_AUDIENCE || q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge || !q.state
      || !q.redirect_uri?.startsWith(`${options.appUrl}/`)) {
      return c.text('invalid authorization request', 400);
    }
    const session = hostedSessions.get(getCookie(c, HOSTED_SESSION_COOKIE) ?? '');
    if (session && session.expires > Date.now()) {
      return c.redirect(redirectWithCode(session.person, { redirectUri: q.redirect_uri, challenge: q.code_challenge, state: q.state }), 302);
    }
    return c.html(
      <html lang="en">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Sign in (local development)</title></head>
        <body>
          <main>
            <h1>Sign in (local development)</h1>
            <p>On AWS, managers sign in with Cognito. Locally, pick who you are:</p>
            {(Object.keys(DEV_PEOPLE) as DevPerson[]).map((person) => (
              <form method="post" action="/dev/oauth2/authorize">
                <input type="hidden" name="person" value={person} />
                <input type="hidden" name="state" value={q.state} />
                <input type="hidden" name="redirect_uri" value={q.redirect_uri} />
                <input type="hidden" name="code_challenge" value={q.code_challenge} />
                <p><button type="submit">{DEV_PEOPLE[person].name} ({DEV_PEOPLE[person].groups.join(', ') || 'no role'})</button></p>
              </form>
            ))}
          </main>
        </body>
      </html>,
    );
  });

  routes.post('/dev/oauth2/authorize', async (c) => {
    const body = await c.req.parseBody();
    const person = String(body.person ?? '');
    const redirectUri = String(body.redirect_uri ?? '');
    if (!(person in DEV_PEOPLE) || !redirectUri.startsWith(`${options.appUrl}/`)) return c.text('invalid sign-in', 400);
    const sessionId = randomUUID();
    hostedSessions.set(sessionId, { person: person as DevPerson, expires: Date.now() + HOSTED_SESSION_SECONDS * 1000 });
    setCookie(c, HOSTED_SESSION_COOKIE, sessionId, { ...sessionCookie, maxAge: HOSTED_SESSION_SECONDS });
    return c.redirect(redirectWithCode(person as DevPerson, { redirectUri, challenge: String(body.code_challenge ?? ''), state: String(body.state ?? '') }), 302);
  });

  routes.get('/dev/logout', (c) => {
    const request = logoutSchema.safeParse(c.req.query());
    if (!request.success) return c.text(`invalid logout request: ${z.prettifyError(request.error)}`, 400);
    // Ended here too, so a browser that kept the cookie is asked again.
    hostedSessions.delete(getCookie(c, HOSTED_SESSION_COOKIE) ?? '');
    deleteCookie(c, HOSTED_SESSION_COOKIE, sessionCookie);
    return c.redirect(request.data.logout_uri, 302);
  });

  routes.post('/dev/oauth2/token', async (c) => {
    const body = await c.req.parseBody();
    if (body.grant_type === 'refresh_token') {
      // As Cognito: a new ID token, the same refresh token kept by the client.
      const held = refreshTokens.get(String(body.refresh_token ?? ''));
      if (!held || held.expires < Date.now() || body.client_id !== DEV_AUDIENCE) return c.json({ error: 'invalid_grant' }, 400);
      return c.json({ id_token: tokenFor(held.person, ID_TOKEN_SECONDS), token_type: 'Bearer', expires_in: ID_TOKEN_SECONDS });
    }
    const grant = codes.get(String(body.code ?? ''));
    codes.delete(String(body.code ?? ''));
    const verifier = String(body.code_verifier ?? '');
    if (!grant || grant.expires < Date.now() || body.client_id !== DEV_AUDIENCE || body.redirect_uri !== grant.redirectUri
      || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
      return c.json({ error: 'invalid_grant' }, 400);
    }
    const refreshToken = randomUUID();
    refreshTokens.set(refreshToken, { person: grant.person, expires: Date.now() + REFRESH_SECONDS * 1000 });
    return c.json({ id_token: tokenFor(grant.person, ID_TOKEN_SECONDS), token_type: 'Bearer', expires_in: ID_TOKEN_SECONDS, refresh_token: refreshToken });
  });

  routes.post('/dev/oauth2/revoke', async (c) => {
    const body = await c.req.parseBody();
    refreshTokens.delete(String(body.token ?? ''));
    return c.body(null, 200);
  });

  return { jwks, tokenFor, routes, audience: DEV_AUDIENCE, issuer, oauthUrl: issuer };
}
