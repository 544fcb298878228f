/**
 * Signed client links. A link names a request and a purpose, carries its expiry and the
 * version of the key that signed it, and is HMAC-SHA256 signed. Verification is constant-time
 * and tells tampered (403) from expired (410). Rotating keys: add a new version, make it
 * current; links signed with an older version keep working while that key is kept.
 *
 * Keys come as JSON `{"current":"2","1":"<secret>","2":"<secret>"}`, inline (local) or from
 * Secrets Manager (AWS); see `loadLinkKeys`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { requestIdSchema, requestPurposeSchema, type RequestPurpose } from '../domain/client-request.js';

export const linkKeysSchema = z.record(z.string().regex(/^(current|[0-9]{1,4})$/), z.string())
  .refine((keys) => keys.current !== undefined && (keys[keys.current]?.length ?? 0) >= 32, {
    message: 'needs "current" naming a key version whose secret has at least 32 characters',
  });
export type LinkKeys = z.infer<typeof linkKeysSchema>;

const payloadSchema = z.object({
  r: requestIdSchema,
  p: requestPurposeSchema,
  e: z.number().int().positive(),
  v: z.string().regex(/^[0-9]{1,4}$/),
}).strict();

export type LinkCheck =
  | { status: 'valid'; requestId: string; purpose: RequestPurpose; expiresAt: Date }
  | { status: 'tampered' }
  | { status: 'expired'; requestId: string };

const encode = (buffer: Buffer) => buffer.toString('base64url');

export function createLinkSigner(keys: LinkKeys) {
  const current = keys.current as string;
  const sign = (body: string, version: string) => createHmac('sha256', keys[version] as string).update(body).digest();

  return {
    /** The opaque token that goes into a URL path. */
    sign(args: { requestId: string; purpose: RequestPurpose; expiresAt: Date }): string {
      const body = encode(Buffer.from(JSON.stringify({
        r: args.requestId, p: args.purpose, e: Math.floor(args.expiresAt.getTime() / 1000), v: current,
      })));
      return `${body}.${encode(sign(body, current))}`;
    },

    verify(token: string, now: Date): LinkCheck {
      if (token.length > 1024) return { status: 'tampered' };
      const [body, signature, extra] = token.split('.');
      if (!body || !signature || extra !== undefined) return { status: 'tampered' };
      let payload: z.infer<typeof payloadSchema>;
      try {
        const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
        if (!parsed.success) return { status: 'tampered' };
        payload = parsed.data;
      } catch {
        return { status: 'tampered' };
      }
      if (!Object.hasOwn(keys, payload.v)) return { status: 'tampered' };
      const expected = sign(body, payload.v);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'tampered' };
      if (payload.e * 1000 <= now.getTime()) return { status: 'expired', requestId: payload.r };
      return { status: 'valid', requestId: payload.r, purpose: payload.p, expiresAt: new Date(payload.e * 1000) };
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;

export function parseLinkKeys(json: string): LinkKeys {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('link keys are not valid JSON');
  }
  const parsed = linkKeysSchema.safeParse(value);
  if (!parsed.success) throw new Error(`link keys are invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}
