/**
 * The development identity: locally, managers sign in as one of a few known people, with an
 * RS256 ID token shaped like Cognito's (iss, aud, sub, email, name, `cognito:groups`,
 * token_use) and a JWKS to verify it. The product's HTTP app verifies it exactly as it
 * verifies Cognito's tokens on AWS; only the JWKS URL and issuer differ.
 *
 * The key pair is kept in the data folder, so sessions survive a restart.
 */
import { createPrivateKey, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../functions/http/auth.js';

export const DEV_AUDIENCE = 'local-development';

export const DEV_PEOPLE = {
  alice: { sub: 'dev-alice', email: 'alice.morgan@agency.example', name: 'Alice Morgan', groups: ['managers'] },
  boris: { sub: 'dev-boris', email: 'boris.ivanov@agency.example', name: 'Boris Ivanov', groups: ['managers'] },
  hana: { sub: 'dev-hana', email: 'hana.kato@agency.example', name: 'Hana Kato', groups: ['heads-of-delivery'] },
  nobody: { sub: 'dev-nobody', email: 'guest@agency.example', name: 'Guest Without Role', groups: [] as string[] },
} as const;
export type DevPerson = keyof typeof DEV_PEOPLE;

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function loadOrCreateKey(dataDir?: string): KeyObject {
  const file = dataDir ? join(dataDir, 'dev-identity-key.pem') : undefined;
  if (file && existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (file) writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return privateKey;
}

export function createDevIdentity(options: { issuer: string; dataDir?: string }) {
  const privateKey = loadOrCreateKey(options.dataDir);
  const kid = 'local-dev-1';
  const jwks = { keys: [{ ...privateKey.export({ format: 'jwk' }), d: undefined, p: undefined, q: undefined, dp: undefined, dq: undefined, qi: undefined, kid, alg: 'RS256', use: 'sig' }] };

  function tokenFor(person: DevPerson, lifetimeSeconds = 12 * 3600): string {
    const who = DEV_PEOPLE[person];
    const now = Math.floor(Date.now() / 1000);
    const header = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const payload = b64(JSON.stringify({
      sub: who.sub, email: who.email, name: who.name, 'cognito:groups': who.groups,
      iss: options.issuer, aud: DEV_AUDIENCE, token_use: 'id', iat: now, exp: now + lifetimeSeconds, jti: randomUUID(),
    }));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
    return `${header}.${payload}.${b64(signature)}`;
  }

  /** `/dev/jwks.json`, and a sign-in page: GET shows the people, POST signs in as one. */
  const routes = new Hono();
  routes.get('/dev/jwks.json', (c) => c.json(JSON.parse(JSON.stringify(jwks))));
  routes.get('/dev/sign-in', (c) => {
    const next = safeNext(c.req.query('next'));
    return c.html(
      <html lang="en">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Sign in (local development)</title></head>
        <body>
          <main>
            <h1>Sign in (local development)</h1>
            <p>On AWS, managers sign in with Cognito. Locally, pick who you are:</p>
            {(Object.keys(DEV_PEOPLE) as DevPerson[]).map((person) => (
              <form method="post" action="/dev/sign-in">
                <input type="hidden" name="as" value={person} />
                <input type="hidden" name="next" value={next} />
                <button type="submit">{DEV_PEOPLE[person].name} ({DEV_PEOPLE[person].groups.join(', ') || 'no role'})</button>
              </form>
            ))}
          </main>
        </body>
      </html>,
    );
  });
  routes.post('/dev/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const person = String(body.as ?? '');
    if (!(person in DEV_PEOPLE)) return c.text('unknown person', 400);
    setCookie(c, SESSION_COOKIE, tokenFor(person as DevPerson), { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    return c.redirect(safeNext(String(body.next ?? '')), 303);
  });

  return { jwks, tokenFor, routes, audience: DEV_AUDIENCE, issuer: options.issuer };
}

/** Only paths on this site: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next && /^\/[A-Za-z0-9/_-]*$/.test(next) ? next : '/manager';
}
