/**
 * The guarded mailer against DynamoDB Local and the local SES server: a message goes out once
 * however often it is asked for; a refused send can be retried at once; a send whose outcome
 * is unknown is not retried until its lease ends, and not at all once SES reported the message
 * (the event recorder then logs it); every tag is one SES accepts.
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, sentUnderTags, type OutgoingEmail } from '../../functions/adapters/email.js';
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

  it('after a send that went out but whose attempt died before recording it, the recorder logs it when SES reports it, and it is never sent again', async () => {
    // Arrange: SES accepts the message, then the attempt dies (the answer is lost)
    const sent: SendEmailCommandInput[] = [];
    const dying = new SESv2Client({ maxAttempts: 1 });
    dying.middlewareStack.add((next) => async (args) => {
      sent.push(args.input as SendEmailCommandInput);
      await next(args);
      throw Object.assign(new Error('the Lambda died'), { name: 'Lambda.Unknown' });
    }, { step: 'initialize' });
    const message = email({ purpose: 'status-update', sequence: '2026-03-01T10:00:00.000Z' });
    await expect(mailerWith(dying).sendOnce(message)).rejects.toThrow('the Lambda died');
    const [{ messageId }] = await delivered(message.to) as [{ messageId: string }, ...unknown[]];

    // Act: SES's Send event, tagged as the message was, reaches the recorder (twice); later, a retry after the lease
    const tags = Object.fromEntries((sent[0]?.EmailTags ?? []).map((tag) => [tag.Name, [tag.Value]])) as Record<string, string[]>;
    const report = { ...sentUnderTags(tags)!, messageId, at: clock.now() };
    await Promise.all([store.recordReportedSend(report), store.recordReportedSend(report)]);
    clock.advance(121_000);
    const retried = await mailerWith(services.ses).sendOnce(message);

    // Assert
    expect(retried).toEqual({ messageId, sentNow: false });
    expect(await delivered(message.to)).toHaveLength(1);
    expect(await store.listEvents(message.engagementId)).toEqual([
      expect.objectContaining({ type: 'email-sent', purpose: 'status-update', messageId, to: message.to, recipient: 'client', kind: 'regular' }),
    ]);
  });

  it('tags every message with values SES accepts, and with its guard', async () => {
    const sent: SendEmailCommandInput[] = [];
    const watched = new SESv2Client({ maxAttempts: 1 });
    watched.middlewareStack.add((next) => async (args) => {
      sent.push(args.input as SendEmailCommandInput);
      return next(args);
    }, { step: 'initialize' });
    const message = email({ purpose: 'manager-alert', sequence: 'bounced:0100019a-1b2c#x.y', recipient: 'manager' });
    await mailerWith(watched).sendOnce(message);
    const tags = sent[0]?.EmailTags ?? [];
    for (const tag of tags) expect(`${tag.Name}=${tag.Value}`).toMatch(/^[A-Za-z0-9_-]{1,256}=[A-Za-z0-9_-]{1,256}$/);
    expect(sentUnderTags(Object.fromEntries(tags.map((tag) => [tag.Name, [tag.Value]])) as Record<string, string[]>)).toEqual({
      engagementId: message.engagementId, purpose: 'manager-alert', sequence: 'bounced:0100019a-1b2c#x.y', claimId: expect.any(String),
    });
  });
});
