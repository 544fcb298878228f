/**
 * Manager sign-in. Every manager route needs a JWT shaped like a Cognito ID token (iss, aud,
 * sub, email, `cognito:groups`), from `Authorization: Bearer …` (API clients) or the `session`
 * cookie (pages). It is verified against the issuer's JWKS: Cognito's on AWS, the local
 * runtime's development identity locally. The same code path runs in both.
 */
import { getCookie } from 'hono/cookie';
import { verifyWithJwks } from 'hono/jwt';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import { z } from 'zod';

export const SESSION_COOKIE = 'session';
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
  email: z.email(),
  name: z.string().max(200).optional(),
  token_use: z.literal('id'),
  'cognito:groups': z.array(z.string()).default([]),
});

const JWKS_MAX_AGE_MS = 60 * 60 * 1000;

/** Fetches the issuer's keys once an hour, and at once when a token names a key we don't know. */
export function createAuthenticator(config: AuthConfig, fetchImpl: typeof fetch = fetch) {
  let cached: { keys: HonoJsonWebKey[]; at: number } | undefined;

  async function keys(forceRefresh: boolean): Promise<HonoJsonWebKey[]> {
    if (!forceRefresh && cached && Date.now() - cached.at < JWKS_MAX_AGE_MS) return cached.keys;
    const response = await fetchImpl(config.jwksUrl);
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const body = (await response.json()) as { keys?: HonoJsonWebKey[] };
    cached = { keys: body.keys ?? [], at: Date.now() };
    return cached.keys;
  }

  async function verify(token: string, forceRefresh: boolean) {
    return verifyWithJwks(token, {
      keys: await keys(forceRefresh),
      allowedAlgorithms: ['RS256'],
      verification: { iss: config.issuer, aud: config.audience },
    });
  }

  return {
    /** The identity in a request, or undefined when there is none or it is not valid. */
    async identify(authorization: string | undefined, cookie: string | undefined): Promise<Identity | undefined> {
      const bearer = authorization?.match(/^Bearer ([A-Za-z0-9._-]+)$/)?.[1];
      const token = bearer ?? cookie;
      if (!token || token.length > 8192) return undefined;
      let payload: unknown;
      try {
        payload = await verify(token, false);
      } catch (error) {
        // A key rotated since we cached the set: look again once.
        if (!(error instanceof Error && /kid|key/i.test(error.message))) return undefined;
        try { payload = await verify(token, true); } catch { return undefined; }
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return undefined;
      return {
        id: claims.data.sub,
        email: claims.data.email,
        name: claims.data.name ?? claims.data.email,
        groups: claims.data['cognito:groups'],
      };
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

export function identifyRequest(auth: Authenticator, c: Parameters<typeof getCookie>[0]) {
  return auth.identify(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
}
