/**
 * Turns the recipes of `inputs.ts` into what a request carries: the credentials a person (or
 * an impostor) sends, and the client link a recipe forges from a lane's real one. Links are
 * signed with the product's own signer where a recipe needs a correctly signed link (expired,
 * for another purpose, for a request that does not exist), and by hand where it needs a wrong
 * signature.
 *
 * Contract: `credentials(who, where)` gives headers; `refusalFor(who, own)` tells why a
 * person must be refused on an engagement (only its manager and heads of delivery may act); `forgeLink(recipe, …)` gives the
 * token and why a request with it must be refused, if it must.
 */
import { createHmac } from 'node:crypto';
import { parseLinkKeys } from '../../functions/adapters/signed-links.js';
import type { RequestPurpose } from '../../functions/domain/client-request.js';
import type { LocalStack } from '../../local/stack.js';
import type { LinkRecipe, Who } from './inputs.js';

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const DAY = 86_400_000;

export type Place = 'api' | 'page';

export function createForgery(stack: LocalStack) {
  const { identity, deps } = stack;
  const tokens = {
    alice: identity.tokenFor('alice'),
    boris: identity.tokenFor('boris'),
    hana: identity.tokenFor('hana'),
    nobody: identity.tokenFor('nobody'),
    expired: identity.tokenFor('alice', -60),
  };
  const [header = '', payload = ''] = tokens.alice.split('.');
  const impostors: Record<'forged' | 'alg-none' | 'huge' | 'doubled', string> = {
    // Alice's claims, signed by someone else.
    forged: `${header}.${payload}.${b64('not the signature')}`,
    // Alice's claims, unsigned.
    'alg-none': `${b64(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'local-dev-1' }))}.${payload}.`,
    huge: `${header}.${'A'.repeat(100_000)}.${b64('x')}`,
    doubled: `${header}.${payload}.${b64('x')}.${payload}`,
  };
  const keys = parseLinkKeys(process.env.LINK_KEYS ?? '');
  const secret = keys[keys.current ?? ''] ?? '';

  function credentials(who: Who, place: Place, junk: string): Record<string, string> {
    const send = (token: string): Record<string, string> => (place === 'api' ? { authorization: `Bearer ${token}` } : { cookie: `session=${token}` });
    switch (who) {
      case 'alice': case 'boris': case 'hana': case 'nobody': case 'expired':
        return send(tokens[who]);
      case 'anonymous':
        return {};
      case 'garbage':
        return place === 'api' ? { authorization: junk } : { cookie: junk.includes('=') ? junk : `session=${junk}` };
      case 'stale-refresh':
        // No session, and a refresh token the authorization server never issued.
        return { cookie: `refresh=${junk.replace(/[;,\s]/g, '') || 'x'}` };
      case 'wrong-place':
        // A valid token where this kind of route does not take it (the API takes no cookie, pages no bearer).
        return place === 'api' ? { cookie: `session=${tokens.alice}` } : { authorization: `Bearer ${tokens.alice}` };
      default:
        return send(impostors[who]);
    }
  }

  /** Signs a link body by hand: with our key under another version, or with a key that is not ours. */
  function signBy(body: Record<string, unknown>, key: string): string {
    const encoded = b64(JSON.stringify(body));
    return `${encoded}.${createHmac('sha256', key).update(encoded).digest('base64url')}`;
  }

  function flip(text: string, at: number): string {
    const i = at % text.length;
    const c = text[i] === 'A' ? 'B' : 'A';
    return `${text.slice(0, i)}${c}${text.slice(i + 1)}`;
  }

  /**
   * The token a recipe makes of a lane's real one (`real`, for `request`), and why it must be
   * refused; `other` is another real token, whose signature a spliced link borrows.
   */
  function forgeLink(recipe: LinkRecipe, real: string, request: { id: string; purpose: RequestPurpose }, other: string): { token: string; refuse?: string } {
    const [body = '', signature = ''] = real.split('.');
    const future = new Date(deps.clock.now().getTime() + 30 * DAY);
    const e = Math.floor(future.getTime() / 1000);
    switch (recipe.kind) {
      case 'valid':
        return { token: real };
      case 'flip-signature': {
        const flipped = flip(signature, recipe.at);
        // The last character of a base64url signature carries padding bits: a flip there may change nothing.
        const same = Buffer.from(flipped, 'base64url').equals(Buffer.from(signature, 'base64url'));
        return { token: `${body}.${flipped}`, ...(same ? {} : { refuse: 'its signature was tampered with' }) };
      }
      case 'flip-body':
        return { token: `${flip(body, recipe.at)}.${signature}`, refuse: 'its body was tampered with' };
      case 'other-key-version':
        return { token: signBy({ r: request.id, p: request.purpose, e, v: recipe.version }, secret), refuse: `it names key version ${recipe.version}, which does not exist` };
      case 'other-secret':
        return { token: signBy({ r: request.id, p: request.purpose, e, v: keys.current }, 'a secret that is not ours, at least 32 characters'), refuse: 'it is signed with a key that is not ours' };
      case 'spliced':
        return { token: `${body}.${other.split('.')[1] ?? ''}`, refuse: 'its signature belongs to another link' };
      case 'extended': {
        const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
        return { token: `${b64(JSON.stringify({ ...claims, e: 253402300799 }))}.${signature}`, refuse: 'its expiry was pushed out without a new signature' };
      }
      case 'expired':
        return {
          token: deps.links.sign({ requestId: request.id, purpose: request.purpose, expiresAt: new Date(deps.clock.now().getTime() - recipe.secondsAgo * 1000) }),
          refuse: 'it has expired',
        };
      case 'other-purpose':
        return {
          token: deps.links.sign({ requestId: request.id, purpose: recipe.purpose, expiresAt: future }),
          ...(recipe.purpose === request.purpose ? {} : { refuse: `it names the purpose ${recipe.purpose}, not the request's` }),
        };
      case 'no-such-request':
        return { token: deps.links.sign({ requestId: `0000000${request.id.slice(7)}`, purpose: request.purpose, expiresAt: future }), refuse: 'its request does not exist' };
      case 'junk':
        return { token: recipe.token, refuse: 'it is not a link we made' };
      case 'suffix':
        return { token: `${real}${recipe.suffix}` };
    }
  }

  return { credentials, forgeLink };
}

/** Why a person must be refused on a lane's engagement, if they must. */
export function refusalFor(who: Who, ownEngagement: boolean): string | undefined {
  if (who === 'boris') return ownEngagement ? 'Boris does not manage this engagement' : undefined;
  if (who === 'alice') return ownEngagement ? undefined : 'Alice does not manage this engagement';
  if (who === 'hana') return undefined;
  if (who === 'nobody') return 'this account has no manager role';
  return `no valid sign-in (${who})`;
}
