/**
 * Manager sign-in. Every manager route needs a JWT shaped like a Cognito ID token (iss, aud,
 * sub, email, exp, `cognito:groups`), from `Authorization: Bearer …` (the API) or the
 * `session` cookie (pages). It is verified against the issuer's JWKS: Cognito's on AWS, the local
 * runtime's development identity locally. The same code path runs in both.
 */
import { getCookie } from 'hono/cookie';
import { verifyWithJwks } from 'hono/jwt';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import * as z from 'zod';

export const SESSION_COOKIE = 'session';
/** The authorization server's refresh token: a new session without a new sign-in, until it expires or is revoked. */
export const REFRESH_COOKIE = 'refresh';
export const ROLES = { manager: 'managers', headOfDelivery: 'heads-of-delivery' } as const;

export interface AuthConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export interface Identity {
  id: string;
  email: string;
  name: string;
  groups: string[];
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  email: z.email().max(254),
  name: z.string().optional(),
  token_use: z.literal('id'),
  exp: z.number().int(),
  'cognito:groups': z.array(z.string().max(128)).max(50).default([]),
});

const headerSchema = z.object({ kid: z.string().min(1).max(256), alg: z.literal('RS256') });

const JWKS_MAX_AGE_MS = 60 * 60 * 1000;
/** However many unknown key ids arrive, the issuer is asked at most this often. */
const JWKS_REFRESH_MIN_MS = 60 * 1000;

function keyIdOf(token: string): string | undefined {
  try {
    const header = headerSchema.safeParse(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')));
    return header.success ? header.data.kid : undefined;
  } catch {
    return undefined;
  }
}

/** A display name that fits the domain (one line, at most 200 characters), else the email. */
function displayName(name: string | undefined, email: string): string {
  const trimmed = name?.trim();
  return trimmed && trimmed.length <= 200 && !/[\u0000-\u001F\u007F]/.test(trimmed) ? trimmed : email;
}

/**
 * Fetches the issuer's keys once an hour, and again when a token names a key we don't hold
 * (a rotation), but never more than once a minute: junk tokens can't make us call out.
 */
export function createAuthenticator(config: AuthConfig, fetchImpl: typeof fetch = fetch) {
  let cached: { keys: HonoJsonWebKey[]; at: number } | undefined;

  async function keysFor(kid: string): Promise<HonoJsonWebKey[]> {
    const now = Date.now();
    const known = cached?.keys.some((k) => k.kid === kid);
    const fresh = cached && now - cached.at < JWKS_MAX_AGE_MS;
    const mayRefresh = !cached || now - cached.at >= JWKS_REFRESH_MIN_MS;
    if (cached && (known ? fresh : !mayRefresh)) return cached.keys;
    const response = await fetchImpl(config.jwksUrl, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const body = (await response.json()) as { keys?: HonoJsonWebKey[] };
    cached = { keys: Array.isArray(body.keys) ? body.keys : [], at: now };
    return cached.keys;
  }

  return {
    /** The identity a token proves, or undefined when it proves none. */
    async identify(token: string | undefined): Promise<Identity | undefined> {
      if (!token || token.length > 8192) return undefined;
      const kid = keyIdOf(token);
      if (!kid) return undefined;
      let payload: unknown;
      try {
        payload = await verifyWithJwks(token, {
          keys: await keysFor(kid),
          allowedAlgorithms: ['RS256'],
          verification: { iss: config.issuer, aud: config.audience },
        });
      } catch {
        return undefined;
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return undefined;
      return {
        id: claims.data.sub,
        email: claims.data.email.toLowerCase(),
        name: displayName(claims.data.name, claims.data.email),
        groups: claims.data['cognito:groups'],
      };
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/**
 * The identity of a request: the API takes only a bearer token (so a cookie can't be used
 * cross-site against it), pages only the session cookie (their POSTs are CSRF-checked).
 */
export function identifyRequest(auth: Authenticator, c: Parameters<typeof getCookie>[0], kind: 'api' | 'page') {
  if (kind === 'api') return auth.identify(c.req.header('authorization')?.match(/^Bearer ([A-Za-z0-9._-]+)$/)?.[1]);
  return auth.identify(getCookie(c, SESSION_COOKIE));
}
