/** Proves the rules a new engagement must meet and the shape it is stored in. */
import { describe, expect, it } from 'vitest';
import { newEngagementSchema, planEngagement } from '../../functions/domain/engagement.js';
import { InvalidInput } from '../../functions/domain/errors.js';

const manager = { id: 'dev-alice', email: 'alice@agency.example', name: 'Alice' };
const kickoff = { reminderEverySeconds: 259200, maxReminders: 2, maxEscalations: 3, correctionWindowSeconds: 604800 };
const now = new Date('2026-03-01T10:00:00Z');
const input = (milestones: Array<{ title: string; due: string }>) => newEngagementSchema.parse({
  title: 'Relaunch', client: { name: 'Maria', email: ' Maria@Example.COM ' }, milestones,
});

describe('planEngagement', () => {
  it('stores milestones in due order with stable ids, awaiting kickoff', () => {
    const engagement = planEngagement({
      input: input([{ title: 'Launch', due: '2026-05-01' }, { title: 'Design', due: '2026-03-15' }]),
      manager, id: 'abcdef12-0000', now, kickoff,
    });
    expect(engagement.milestones).toEqual([{ id: 'm1', title: 'Design', due: '2026-03-15' }, { id: 'm2', title: 'Launch', due: '2026-05-01' }]);
    expect(engagement.client.email).toBe('maria@example.com');
    expect(engagement).toMatchObject({ status: 'awaiting-kickoff', expectationsVersion: 0, locale: 'en', createdAt: now.toISOString() });
  });

  it('accepts a milestone due today and refuses one due yesterday, naming it', () => {
    expect(() => planEngagement({ input: input([{ title: 'Today', due: '2026-03-01' }]), manager, id: 'abcdef12-0000', now, kickoff })).not.toThrow();
    try {
      planEngagement({ input: input([{ title: 'Ok', due: '2026-04-01' }, { title: 'Past', due: '2026-02-28' }]), manager, id: 'abcdef12-0000', now, kickoff });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).issues).toEqual([{ field: 'milestones.1.due', message: 'must not be in the past' }]);
    }
  });

  it.each([
    ['no milestones', { title: 'x', client: { name: 'M', email: 'm@example.com' }, milestones: [] }, 'milestones'],
    ['a bad email', { title: 'x', client: { name: 'M', email: 'not-an-email' }, milestones: [{ title: 'a', due: '2026-04-01' }] }, 'client.email'],
    ['a title with a line break', { title: 'x\r\nBcc: evil@example.com', client: { name: 'M', email: 'm@example.com' }, milestones: [{ title: 'a', due: '2026-04-01' }] }, 'title'],
    ['an impossible date', { title: 'x', client: { name: 'M', email: 'm@example.com' }, milestones: [{ title: 'a', due: '2026-02-30' }] }, 'milestones.0.due'],
    ['an unknown locale', { title: 'x', client: { name: 'M', email: 'm@example.com' }, locale: 'de', milestones: [{ title: 'a', due: '2026-04-01' }] }, 'locale'],
  ])('rejects %s', (_, body, field) => {
    const parsed = newEngagementSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});
