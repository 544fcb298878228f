/**
 * The engagement store against real DynamoDB Local: what is written reads back validated,
 * races and repeats are refused by conditions, and a correction never overwrites an answer.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagementStore, type EngagementStore } from '../../functions/adapters/table.js';
import { kickoffRequestId, type ClientRequest } from '../../functions/domain/client-request.js';
import { planEngagement, type Engagement } from '../../functions/domain/engagement.js';
import { AlreadyAnswered, CorruptItem, InProgress, RequestClosed } from '../../functions/domain/errors.js';
import { validExpectations } from '../support/fixtures.js';
import { startServices } from '../support/services.js';

let services: Awaited<ReturnType<typeof startServices>>;
let store: EngagementStore;
const now = new Date('2026-03-01T10:00:00Z');

beforeAll(async () => {
  services = await startServices();
  store = createEngagementStore(services.db, services.tableName, 3600);
});
afterAll(() => services?.stop());

async function newEngagement(managerId = 'mgr-1', email = `client-${randomUUID().slice(0, 6)}@example.com`) {
  const engagement = planEngagement({
    input: { title: 'Relaunch', client: { name: 'Maria', email }, locale: 'en', milestones: [{ title: 'Launch', due: '2026-06-01' }] },
    manager: { id: managerId, email: 'm@agency.example', name: 'Manager' },
    id: randomUUID(), now, kickoff: { reminderEverySeconds: 60, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
  });
  const request: ClientRequest = { id: kickoffRequestId(engagement.id, 0), engagementId: engagement.id, purpose: 'kickoff', round: 0, status: 'open', createdAt: now.toISOString() };
  await store.createEngagement(engagement, request, managerId);
  return { engagement, request };
}

const answerFor = (engagement: Engagement, version: number, round: number) => ({
  engagementId: engagement.id, version, round, contactEmail: engagement.client.email, expectations: validExpectations(), submittedAt: now.toISOString(),
});

describe('engagements', () => {
  it('reads back what was created, with its first request and a creation event', async () => {
    const { engagement, request } = await newEngagement();
    expect(await store.getEngagement(engagement.id)).toEqual(engagement);
    expect(await store.getRequest(request.id)).toEqual(request);
    expect((await store.listEvents(engagement.id)).map((e) => e.type)).toEqual(['engagement-created']);
  });

  it('lists a manager\'s engagements newest first, and only theirs', async () => {
    const managerId = `mgr-${randomUUID()}`;
    const first = await newEngagement(managerId);
    const second = await newEngagement(managerId);
    await newEngagement('someone-else');
    const listed = await store.listEngagementsOfManager(managerId);
    expect(listed.map((e) => e.id).sort()).toEqual([first.engagement.id, second.engagement.id].sort());
  });

  it('refuses to create the same engagement twice', async () => {
    const { engagement, request } = await newEngagement();
    await expect(store.createEngagement(engagement, request, 'x')).rejects.toThrow();
  });

  it('reports a stored item that breaks its schema as CorruptItem, not as data', async () => {
    const id = randomUUID();
    await services.db.send(new PutCommand({ TableName: services.tableName, Item: { pk: `ENG#${id}`, sk: 'META', id, title: 42 } }));
    await expect(store.getEngagement(id)).rejects.toBeInstanceOf(CorruptItem);
  });
});

describe('kickoff answers', () => {
  it('stores an answer as version 1, marks the request answered and logs it', async () => {
    const { engagement, request } = await newEngagement();
    await store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0), note: 'Hello <b>there</b>' });
    expect(await store.latestKickoffAnswer(engagement.id)).toMatchObject({ version: 1, expectations: validExpectations() });
    expect(await store.getRequest(request.id)).toMatchObject({ status: 'answered', answerVersion: 1 });
    expect(await store.getEngagement(engagement.id)).toMatchObject({ status: 'kickoff-answered', expectationsVersion: 1 });
    const events = await store.listEvents(engagement.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['kickoff-answered', 'client-note']));
  });

  it('makes the language the client answered in the engagement\'s, and keeps it when an answer names none', async () => {
    const { engagement, request } = await newEngagement();
    await store.recordKickoffAnswer({ request, engagement, answer: { ...answerFor(engagement, 1, 0), locale: 'ru' } });
    expect(await store.getEngagement(engagement.id)).toMatchObject({ locale: 'ru' });
    const correction: ClientRequest = { ...request, id: kickoffRequestId(engagement.id, 1), round: 1 };
    await store.ensureRequest(correction, now);
    await store.recordKickoffAnswer({ request: correction, engagement: { ...engagement, expectationsVersion: 1 }, answer: answerFor({ ...engagement, expectationsVersion: 1 }, 2, 1) });
    expect(await store.getEngagement(engagement.id)).toMatchObject({ locale: 'ru', expectationsVersion: 2 });
  });

  it('refuses a second answer to the same request and stores nothing more', async () => {
    const { engagement, request } = await newEngagement();
    await store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0) });
    const again = store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0) });
    await expect(again).rejects.toBeInstanceOf(AlreadyAnswered);
    expect((await store.listEvents(engagement.id)).filter((e) => e.type === 'kickoff-answered')).toHaveLength(1);
  });

  it('keeps version 1 when a correction is stored as version 2', async () => {
    const { engagement, request } = await newEngagement();
    await store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0) });
    const correction: ClientRequest = { ...request, id: kickoffRequestId(engagement.id, 1), round: 1 };
    await store.ensureRequest(correction, now);
    const changed = { ...answerFor({ ...engagement, expectationsVersion: 1 }, 2, 1), expectations: { ...validExpectations(), pace: { ...validExpectations().pace, updateCadenceDays: 3 } } };
    await store.recordKickoffAnswer({ request: correction, engagement: { ...engagement, expectationsVersion: 1 }, answer: changed });
    expect((await store.getKickoffAnswer(engagement.id, 1))?.expectations.pace.updateCadenceDays).toBe(7);
    expect((await store.latestKickoffAnswer(engagement.id))?.expectations.pace.updateCadenceDays).toBe(3);
  });

  it('refuses an answer to a closed request', async () => {
    const { engagement, request } = await newEngagement();
    expect(await store.closeRequest(request.id)).toBe('closed');
    await expect(store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0) })).rejects.toBeInstanceOf(RequestClosed);
  });

  it('says "answered" when closing a request the client answered first', async () => {
    const { engagement, request } = await newEngagement();
    await store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0) });
    expect(await store.closeRequest(request.id)).toBe('answered');
  });

  it('finds the same contact\'s answer from an earlier engagement, not this one\'s', async () => {
    const email = `repeat-${randomUUID().slice(0, 6)}@example.com`;
    const earlier = await newEngagement('mgr-1', email);
    await store.recordKickoffAnswer({ request: earlier.request, engagement: earlier.engagement, answer: answerFor(earlier.engagement, 1, 0) });
    const later = await newEngagement('mgr-1', email);
    expect((await store.latestAnswerOfContact(email, later.engagement.id))?.engagementId).toBe(earlier.engagement.id);
    expect(await store.latestAnswerOfContact(email, earlier.engagement.id)).toBeUndefined();
  });
});

describe('task tokens', () => {
  it('registers a token and returns the request as stored', async () => {
    const { request } = await newEngagement();
    expect(await store.registerTaskToken(request.id, 'token-1')).toMatchObject({ status: 'open', taskToken: 'token-1' });
  });

  it('shows an answer that arrived before the token was registered', async () => {
    const { engagement, request } = await newEngagement();
    await store.recordKickoffAnswer({ request, engagement, answer: answerFor(engagement, 1, 0) });
    expect(await store.registerTaskToken(request.id, 'late-token')).toMatchObject({ status: 'answered', answerVersion: 1 });
  });
});

describe('send guards', () => {
  const guard = (engagementId: string) => ({ engagementId, purpose: 'kickoff-invite', sequence: 0, to: 'c@example.com', leaseSeconds: 120 });
  const sentEvent = (engagementId: string) => ({
    type: 'email-sent' as const, engagementId, purpose: 'kickoff-invite' as const, recipient: 'client' as const, to: 'c@example.com', messageId: 'msg-1', kind: 'regular' as const, channel: 'email' as const,
  });
  const claimIdOf = (claim: Awaited<ReturnType<EngagementStore['claimSend']>>) => (claim.claimed ? claim.claimId : expect.unreachable());

  it('lets one attempt claim a message; a concurrent one is told it is in progress', async () => {
    const { engagement } = await newEngagement();
    expect(await store.claimSend({ ...guard(engagement.id), now })).toMatchObject({ claimed: true });
    await expect(store.claimSend({ ...guard(engagement.id), now })).rejects.toBeInstanceOf(InProgress);
  });

  it('after the send is marked, a retry learns the message id and does not claim', async () => {
    const { engagement } = await newEngagement();
    const claimId = claimIdOf(await store.claimSend({ ...guard(engagement.id), now }));
    await store.markSent({ engagementId: engagement.id, purpose: 'kickoff-invite', sequence: 0, claimId, messageId: 'msg-1', now, event: sentEvent(engagement.id) });
    expect(await store.claimSend({ ...guard(engagement.id), now: new Date(now.getTime() + 3_600_000) })).toEqual({ claimed: false, messageId: 'msg-1' });
    expect((await store.listEvents(engagement.id)).filter((e) => e.type === 'email-sent')).toHaveLength(1);
  });

  it('lets a claim abandoned by a dead attempt be taken over after its lease, and then only the new owner can mark it', async () => {
    const { engagement } = await newEngagement();
    const first = claimIdOf(await store.claimSend({ ...guard(engagement.id), now }));
    const second = claimIdOf(await store.claimSend({ ...guard(engagement.id), now: new Date(now.getTime() + 121_000) }));
    const late = store.markSent({ engagementId: engagement.id, purpose: 'kickoff-invite', sequence: 0, claimId: first, messageId: 'late', now, event: sentEvent(engagement.id) });
    await expect(late).rejects.toThrow();
    await store.markSent({ engagementId: engagement.id, purpose: 'kickoff-invite', sequence: 0, claimId: second, messageId: 'msg-2', now, event: sentEvent(engagement.id) });
    expect(await store.claimSend({ ...guard(engagement.id), now })).toEqual({ claimed: false, messageId: 'msg-2' });
  });

  it('frees a released claim at once, but not someone else\'s', async () => {
    const { engagement } = await newEngagement();
    const claimId = claimIdOf(await store.claimSend({ ...guard(engagement.id), now }));
    await store.releaseSend({ engagementId: engagement.id, purpose: 'kickoff-invite', sequence: 0, claimId: 'not-mine' });
    await expect(store.claimSend({ ...guard(engagement.id), now })).rejects.toBeInstanceOf(InProgress);
    await store.releaseSend({ engagementId: engagement.id, purpose: 'kickoff-invite', sequence: 0, claimId });
    expect(await store.claimSend({ ...guard(engagement.id), now })).toMatchObject({ claimed: true });
  });
});
