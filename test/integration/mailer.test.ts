/**
 * The guarded mailer against DynamoDB Local and the local SES server: a message goes out once
 * however often it is asked for; a refused send can be retried at once; a send whose outcome
 * is unknown is not retried until its lease ends.
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type OutgoingEmail } from '../../functions/adapters/email.js';
import { createEngagementStore, type EngagementStore } from '../../functions/adapters/table.js';
import { fixedClock } from '../../functions/domain/clock.js';
import { InProgress } from '../../functions/domain/errors.js';
import { freePort } from '../../local/ports.js';
import { inbox } from '../../local/ses.js';
import { startServices } from '../support/services.js';

let services: Awaited<ReturnType<typeof startServices>>;
let store: EngagementStore;
const clock = fixedClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  services = await startServices();
  store = createEngagementStore(services.db, services.tableName, 3600);
});
afterAll(() => services?.stop());

const mailerWith = (ses: SESv2Client) => createMailer({ ses, store, clock, sender: 'kickoff@agency.example', configurationSet: 'test' });

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    engagementId: randomUUID(),
    purpose: 'kickoff-invite',
    sequence: 0,
    to: `${randomUUID().slice(0, 8)}@example.com`,
    recipient: 'client',
    kind: 'regular',
    content: { subject: 'Tell us what you expect', html: '<p>Hello</p>', text: 'Hello' },
    ...overrides,
  };
}

const delivered = async (to: string) => (await inbox(services.sesEndpoint)).filter((e) => e.destination.to.includes(to));

describe('sendOnce', () => {
  it('sends a message once, logs it once, and tells a repeat that it was already sent', async () => {
    const mailer = mailerWith(services.ses);
    const message = email();
    const first = await mailer.sendOnce(message);
    const again = await Promise.all([mailer.sendOnce(message), mailer.sendOnce(message)]);
    expect(first.sentNow).toBe(true);
    expect(again).toEqual([{ messageId: first.messageId, sentNow: false }, { messageId: first.messageId, sentNow: false }]);
    expect(await delivered(message.to)).toHaveLength(1);
    const events = await store.listEvents(message.engagementId);
    expect(events).toEqual([expect.objectContaining({ type: 'email-sent', purpose: 'kickoff-invite', to: message.to, messageId: first.messageId, channel: 'email' })]);
  });

  it('treats another sequence of the same purpose as another message', async () => {
    const mailer = mailerWith(services.ses);
    const message = email({ purpose: 'kickoff-reminder', sequence: 1 });
    await mailer.sendOnce(message);
    await mailer.sendOnce({ ...message, sequence: 2 });
    expect(await delivered(message.to)).toHaveLength(2);
  });

  it('after SES refuses a message, the next attempt may send it at once', async () => {
    const mailer = mailerWith(services.ses);
    const refused = email({ content: { subject: '', html: '<p>x</p>', text: 'x' } });
    await expect(mailer.sendOnce(refused)).rejects.toThrow();
    const retried = await mailer.sendOnce({ ...refused, content: { subject: 'Fixed', html: '<p>x</p>', text: 'x' } });
    expect(retried.sentNow).toBe(true);
    expect(await delivered(refused.to)).toHaveLength(1);
  });

  it('after a send whose outcome is unknown, holds off retries until the lease ends', async () => {
    const unreachable = new SESv2Client({ endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 1 });
    const message = email();
    await expect(mailerWith(unreachable).sendOnce(message)).rejects.toThrow();
    await expect(mailerWith(services.ses).sendOnce(message)).rejects.toBeInstanceOf(InProgress);
    clock.advance(121_000);
    expect((await mailerWith(services.ses).sendOnce(message)).sentNow).toBe(true);
  });
});
