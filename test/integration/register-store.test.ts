/**
 * The store's side of the scope register against real DynamoDB Local: a client's answer and
 * what it causes (the later date they chose moves the milestone) are written together or not
 * at all, and a second answer (a double click) writes neither; a request, a decision and a move
 * are each recorded once under their once-marker, however often they are submitted.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagementStore, type EngagementStore } from '../../functions/adapters/table.js';
import { kickoffRequestId, scopeAnswerRequestId, type ClientRequest } from '../../functions/domain/client-request.js';
import { planEngagement } from '../../functions/domain/engagement.js';
import { AlreadyAnswered } from '../../functions/domain/errors.js';
import type { NewEvent } from '../../functions/domain/events.js';
import { startServices } from '../support/services.js';

let services: Awaited<ReturnType<typeof startServices>>;
let store: EngagementStore;
const now = new Date('2026-03-01T10:00:00Z');

beforeAll(async () => {
  services = await startServices();
  store = createEngagementStore(services.db, services.tableName, 3600);
});
afterAll(() => services?.stop());

async function newEngagement() {
  const engagement = planEngagement({
    input: { title: 'Relaunch', client: { name: 'Maria', email: 'maria@example.com' }, locale: 'en', milestones: [{ title: 'Launch', due: '2026-06-01' }] },
    manager: { id: 'mgr', email: 'm@agency.example', name: 'Manager' },
    id: randomUUID(), now, kickoff: { reminderEverySeconds: 60, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
  });
  await store.createEngagement(engagement, {
    id: kickoffRequestId(engagement.id, 0), engagementId: engagement.id, purpose: 'kickoff', round: 0, status: 'open', createdAt: now.toISOString(),
  }, 'mgr');
  return engagement;
}

describe('a client\'s answer to a scope decision', () => {
  it('is written with the move it causes, once: a second answer writes neither', async () => {
    const engagement = await newEngagement();
    const request = await store.ensureRequest({
      id: scopeAnswerRequestId(engagement.id, 'abcdef123456'), engagementId: engagement.id, purpose: 'scope', round: 0, status: 'open',
      createdAt: now.toISOString(), scopeRequestId: 'abcdef123456',
    }, now);
    const answer: NewEvent = { type: 'scope-decision-answered', engagementId: engagement.id, scopeRequestId: 'abcdef123456', answer: 'later-date' };
    const move: NewEvent = {
      type: 'deadline-shifted', engagementId: engagement.id, milestoneId: 'm1', previousDue: '2026-06-01', newDue: '2026-06-15', reason: 'Blog', scopeRequestId: 'abcdef123456',
    };
    const both = () => store.recordAnswer(request, answer, new Date('2026-03-02T10:00:00Z'), [move]);

    const results = await Promise.allSettled([both(), both()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(AlreadyAnswered) });
    const events = await store.listEvents(engagement.id);
    expect(events.filter((e) => e.type === 'scope-decision-answered')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'deadline-shifted')).toEqual([expect.objectContaining({ newDue: '2026-06-15', at: '2026-03-02T10:00:00.000Z' })]);
    expect((await store.getRequest(request.id))).toMatchObject<Partial<ClientRequest>>({ status: 'answered', scopeRequestId: 'abcdef123456' });
  });
});

describe('records of the register', () => {
  it('are appended once per once-marker, whatever the number of submissions', async () => {
    const engagement = await newEngagement();
    const request: NewEvent = { type: 'scope-request-recorded', engagementId: engagement.id, scopeRequestId: 'r1', summary: 'Banner', effortHours: 2, askedBy: 'Maria' };
    const results = await Promise.all([1, 2, 3].map(() => store.appendEventOnce(request, 'scope-request#r1', now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.listEvents(engagement.id)).filter((e) => e.type === 'scope-request-recorded')).toHaveLength(1);
  });
});
