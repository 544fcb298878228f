/**
 * Drift snapshots and the daily digest against DynamoDB Local and the local SES server: a
 * refresh stores what the engine computes and reads back validated; an older refresh never
 * replaces a newer snapshot; the portfolio comes from its index, most drift first; the digest
 * reaches each manager with something due once a day, and nobody else.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../functions/adapters/email.js';
import { createEngagementStore, type EngagementStore } from '../../functions/adapters/table.js';
import { fixedClock } from '../../functions/domain/clock.js';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import { planEngagement } from '../../functions/domain/engagement.js';
import { CorruptItem } from '../../functions/domain/errors.js';
import { driftSnapshot } from '../../functions/domain/drift-snapshot.js';
import { refreshDriftSnapshot } from '../../functions/use-cases/refresh-drift.js';
import { sendDriftDigests } from '../../functions/use-cases/send-drift-digests.js';
import { inbox } from '../../local/ses.js';
import { validExpectations } from '../support/fixtures.js';
import { startServices } from '../support/services.js';

let services: Awaited<ReturnType<typeof startServices>>;
let store: EngagementStore;
const AGREED = new Date('2026-03-02T10:00:00Z');
const clock = fixedClock('2026-03-10T07:00:00Z');

beforeAll(async () => {
  services = await startServices();
  store = createEngagementStore(services.db, services.tableName, 3600);
});
afterAll(() => services?.stop());

const deps = () => ({
  store, clock, publicBaseUrl: 'https://app.example',
  mailer: createMailer({ ses: services.ses, store, clock, sender: 'kickoff@agency.example', configurationSet: 'test' }),
});

/** An engagement whose client agreed expectations on 2 March, with one milestone due `due`. */
async function agreedEngagement(options: { managerId: string; due: string; title?: string }) {
  const engagement = planEngagement({
      input: { title: options.title ?? 'Relaunch', client: { name: 'Maria', email: `c-${randomUUID().slice(0, 6)}@example.com` }, locale: 'en', milestones: [{ title: 'Launch', due: options.due }] },
      manager: { id: options.managerId, email: `${options.managerId}@agency.example`, name: options.managerId },
      id: randomUUID(), now: new Date('2026-03-01T09:00:00Z'),
      kickoff: { reminderEverySeconds: 60, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
  });
  const request = { id: kickoffRequestId(engagement.id, 0), engagementId: engagement.id, purpose: 'kickoff' as const, round: 0, status: 'open' as const, createdAt: engagement.createdAt };
  await store.createEngagement(engagement, request, options.managerId);
  await store.recordKickoffAnswer({
    request, engagement,
    answer: { engagementId: engagement.id, version: 1, round: 0, contactEmail: engagement.client.email, expectations: validExpectations(), submittedAt: AGREED.toISOString() },
  });
  return engagement;
}

describe('drift snapshots', () => {
  it('stores what the engine computes and reads it back', async () => {
    const engagement = await agreedEngagement({ managerId: 'mgr-read', due: '2026-03-05' });
    const stored = await refreshDriftSnapshot(deps(), engagement.id);
    const sources = await store.driftSources(engagement.id);
    expect(sources?.answers).toHaveLength(1);
    expect(stored).toEqual(driftSnapshot(sources!.engagement, sources!.answers, sources!.events, clock.now()));
    expect(await store.getDriftSnapshot(engagement.id)).toEqual(stored);
    expect(stored?.report.findings.some((f) => f.kind === 'late-delivery')).toBe(true);
  });

  it('never replaces a snapshot with one computed earlier', async () => {
    const engagement = await agreedEngagement({ managerId: 'mgr-race', due: '2026-04-30' });
    const sources = (await store.driftSources(engagement.id))!;
    const newer = driftSnapshot(sources.engagement, sources.answers, sources.events, new Date('2026-03-20T00:00:00Z'));
    const older = driftSnapshot(sources.engagement, sources.answers, sources.events, new Date('2026-03-10T00:00:00Z'));
    expect(await store.putDriftSnapshot(newer)).toBe(true);
    expect(await store.putDriftSnapshot(older)).toBe(false);
    expect((await store.getDriftSnapshot(engagement.id))?.summary.at).toBe(newer.summary.at);
  });

  it('has no snapshot for an engagement that does not exist', async () => {
    expect(await refreshDriftSnapshot(deps(), 'no-such-engagement')).toBeUndefined();
    expect(await store.getDriftSnapshot('no-such-engagement')).toBeUndefined();
  });

  it('refuses a stored snapshot whose body is not one', async () => {
    const engagement = await agreedEngagement({ managerId: 'mgr-corrupt', due: '2026-04-30' });
    await refreshDriftSnapshot(deps(), engagement.id);
    await services.db.send(new PutCommand({
      TableName: services.tableName,
      Item: { pk: `ENG#${engagement.id}`, sk: 'DRIFT', computedAt: '2030-01-01T00:00:00Z', summary: { nonsense: true }, body: new Uint8Array([1, 2, 3]) },
    }));
    await expect(store.getDriftSnapshot(engagement.id)).rejects.toBeInstanceOf(CorruptItem);
  });

  it('lists the portfolio most drift first, and a manager\'s own engagements', async () => {
    const managerId = `mgr-${randomUUID().slice(0, 6)}`;
    const fine = await agreedEngagement({ managerId, due: '2026-12-01', title: 'Fine' });
    const late = await agreedEngagement({ managerId, due: '2026-03-03', title: 'Late' });
    await refreshDriftSnapshot(deps(), fine.id);
    await refreshDriftSnapshot(deps(), late.id);
    const { rows } = await store.portfolioPage({ state: 'open', limit: 1000 });
    const scores = rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const firstTwo = await store.portfolioPage({ state: 'open', managerId, limit: 1 });
    expect(firstTwo.rows.map((r) => r.title)).toEqual(['Late']);
    const rest = await store.portfolioPage({ state: 'open', managerId, limit: 1, after: firstTwo.next });
    expect(rest.rows.map((r) => r.title)).toEqual(['Fine']);
    const mine = await store.driftOfManager(managerId);
    expect(mine.map((r) => r.title)).toEqual(['Late', 'Fine']);
    expect(mine[0]!.score).toBeLessThan(mine[1]!.score);
  });
});

describe('managers\' totals', () => {
  const totalsOf = async (managerId: string) => (await store.managerTotals()).find((t) => t.managerId === managerId);

  it('count each engagement once however often, and however concurrently, it is refreshed', async () => {
    const managerId = `mgr-${randomUUID().slice(0, 6)}`;
    const late = await agreedEngagement({ managerId, due: '2026-03-03' });
    const fine = await agreedEngagement({ managerId, due: '2026-12-01' });
    await Promise.all([late, fine, late, fine, late].map((e) => refreshDriftSnapshot(deps(), e.id)));
    clock.advance(60_000);
    await Promise.all([late, fine].map((e) => refreshDriftSnapshot(deps(), e.id)));
    const summaries = await Promise.all([late, fine].map(async (e) => (await store.getDriftSnapshot(e.id))!.summary));
    const withOpen = summaries.filter((s) => Object.values(s.openFindings).some((n) => n > 0)).length;
    expect(await totalsOf(managerId)).toEqual({
      managerId, managerName: managerId,
      open: { engagements: 2, meanScore: Math.round((summaries[0]!.score + summaries[1]!.score) / 2), withOpenFindings: withOpen },
      closed: { engagements: 0, meanScore: 100, withOpenFindings: 0 },
    });
  });

  it('move an engagement from open to closed when it closes, and list it there', async () => {
    const managerId = `mgr-${randomUUID().slice(0, 6)}`;
    const engagement = await agreedEngagement({ managerId, due: '2026-12-01' });
    await refreshDriftSnapshot(deps(), engagement.id);
    await store.setStatus(engagement.id, 'closed', { type: 'engagement-closed', engagementId: engagement.id, surveySent: false }, clock.now());
    clock.advance(60_000);
    await refreshDriftSnapshot(deps(), engagement.id);
    const totals = await totalsOf(managerId);
    expect(totals?.open.engagements).toBe(0);
    expect(totals?.closed.engagements).toBe(1);
    expect((await store.portfolioPage({ state: 'closed', managerId, limit: 10 })).rows.map((r) => r.engagementId)).toEqual([engagement.id]);
    expect((await store.portfolioPage({ state: 'open', managerId, limit: 10 })).rows).toEqual([]);
  });
});

describe('the daily digest', () => {
  const digestsTo = async (to: string) => (await inbox(services.sesEndpoint)).filter((e) => e.destination.to.includes(to));

  it('tells each manager, once a day, what falls due in the next two days', async () => {
    const soon = await agreedEngagement({ managerId: 'mgr-soon', due: '2026-03-09', title: 'Menu <b>page</b>' });
    const later = await agreedEngagement({ managerId: 'mgr-later', due: '2026-09-30' });
    await refreshDriftSnapshot(deps(), soon.id);
    await refreshDriftSnapshot(deps(), later.id);

    const first = await sendDriftDigests(deps(), '2026-03-10', 'UTC');
    const again = await sendDriftDigests(deps(), '2026-03-10', 'UTC');
    expect(first.digestsSent).toBeGreaterThanOrEqual(1);
    expect(again.digestsSent).toBe(0);

    const emails = await digestsTo('mgr-soon@agency.example');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toMatch(/^Due in the next two days/);
    expect(emails[0]!.body.html).toContain('Menu &lt;b&gt;page&lt;/b&gt;');
    expect(emails[0]!.body.html).toContain(`https://app.example/manager/engagements/${soon.id}/drift`);
    expect(emails[0]!.body.text).toContain('Delivery due, with the tolerance: Launch');
    // Nothing of the other engagement is due within two days (only its next status update might be).
    const other = await digestsTo('mgr-later@agency.example');
    for (const email of other) expect(email.body.text).not.toContain('Launch');
  });
});
