/**
 * Proves that a client link opens only what it was signed for, until it expires, and that
 * rotating keys keeps links already sent working while old keys are kept.
 */
import { describe, expect, it } from 'vitest';
import { createLinkSigner, parseLinkKeys } from '../../functions/adapters/signed-links.js';

const KEY_1 = 'k1-'.padEnd(40, 'a');
const KEY_2 = 'k2-'.padEnd(40, 'b');
const now = new Date('2026-03-01T10:00:00Z');
const inAWeek = new Date('2026-03-08T10:00:00Z');
const requestId = '0b7e4d2a-1111-4222-8333-944455556666.kickoff.0';

describe('signed links', () => {
  const signer = createLinkSigner(parseLinkKeys(JSON.stringify({ current: '1', 1: KEY_1 })));

  it('verifies a link it signed and says what it points to', () => {
    const token = signer.sign({ requestId, purpose: 'kickoff', expiresAt: inAWeek });
    expect(signer.verify(token, now)).toEqual({ status: 'valid', requestId, purpose: 'kickoff', expiresAt: new Date('2026-03-08T10:00:00Z') });
  });

  it('says expired (not tampered) once the expiry has passed', () => {
    const token = signer.sign({ requestId, purpose: 'kickoff', expiresAt: inAWeek });
    expect(signer.verify(token, new Date('2026-03-08T10:00:00Z'))).toEqual({ status: 'expired', requestId });
  });

  it.each([
    ['a changed payload', (t: string) => `${Buffer.from(JSON.stringify({ r: requestId.replace('.0', '.1'), p: 'kickoff', e: 1900000000, v: '1' })).toString('base64url')}.${t.split('.')[1]}`],
    ['a changed signature', (t: string) => `${t.split('.')[0]}.${'A'.repeat(43)}`],
    ['a missing signature', (t: string) => t.split('.')[0] as string],
    ['an extra part', (t: string) => `${t}.x`],
    ['garbage', () => 'not-a-link'],
    ['an empty string', () => ''],
    ['a huge string', () => 'a'.repeat(5000)],
    ['a truncated link', (t: string) => t.slice(0, -5)],
  ])('rejects %s as tampered', (_, tamper) => {
    const token = signer.sign({ requestId, purpose: 'kickoff', expiresAt: inAWeek });
    expect(signer.verify(tamper(token), now)).toEqual({ status: 'tampered' });
  });

  it.each(['constructor', '__proto__', 'toString', 'current', '2'])('rejects a link naming key version %j', (version) => {
    const body = Buffer.from(JSON.stringify({ r: requestId, p: 'kickoff', e: 1900000000, v: version })).toString('base64url');
    expect(signer.verify(`${body}.${'A'.repeat(43)}`, now)).toEqual({ status: 'tampered' });
  });

  it('rejects a link signed with a key it does not have', () => {
    const other = createLinkSigner(parseLinkKeys(JSON.stringify({ current: '1', 1: KEY_2 })));
    expect(signer.verify(other.sign({ requestId, purpose: 'kickoff', expiresAt: inAWeek }), now)).toEqual({ status: 'tampered' });
  });

  it('keeps old links working after a rotation, and signs new ones with the new key', () => {
    const before = signer.sign({ requestId, purpose: 'kickoff', expiresAt: inAWeek });
    const rotated = createLinkSigner(parseLinkKeys(JSON.stringify({ current: '2', 1: KEY_1, 2: KEY_2 })));
    expect(rotated.verify(before, now).status).toBe('valid');
    const after = rotated.sign({ requestId, purpose: 'kickoff', expiresAt: inAWeek });
    expect(signer.verify(after, now)).toEqual({ status: 'tampered' });
  });

  it.each([
    ['not JSON', 'nope'],
    ['no current key', JSON.stringify({ 1: KEY_1 })],
    ['a current key that is missing', JSON.stringify({ current: '2', 1: KEY_1 })],
    ['a short key', JSON.stringify({ current: '1', 1: 'short' })],
  ])('refuses link keys with %s', (_, json) => {
    expect(() => parseLinkKeys(json)).toThrow(/link keys/);
  });
});
