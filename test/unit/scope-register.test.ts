/**
 * Proves the scope register's rule and bookkeeping, without AWS: the decision the client's own
 * rule proposes at every effort boundary and for every way of handling larger requests; what a
 * manager's decision must carry (a reason to override, a price, a later date that really is
 * later); and each request's state as the log grows, from recorded to answered or "awaiting the
 * client".
 */
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../functions/domain/errors.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { LARGER_REQUEST_HANDLING, type ScopeRule } from '../../functions/domain/expectations.js';
import type { MilestoneStatus } from '../../functions/domain/milestones.js';
import {
  answersFor, checkDecision, proposeDecision, ruleReason, sameDecision, scopeRegister, type DecisionInput,
} from '../../functions/domain/scope-register.js';

const rule = (change: Partial<ScopeRule> = {}): ScopeRule => ({ bonusUpToHours: 4, largerRequests: 'client-chooses', alwaysDeclined: 'Print design', ...change });

describe('the decision the rule proposes', () => {
  describe.each(LARGER_REQUEST_HANDLING)('with larger requests handled as "%s", a bonus up to 4 hours', (largerRequests) => {
    it.each([
      [0, 'bonus'],
      [0.5, 'bonus'],
      [4, 'bonus'],
      [4.01, largerRequests],
      [4 + 1 / 60, largerRequests],
      [80, largerRequests],
      [10_000, largerRequests],
    ])('proposes for %s hours: %s', (effortHours, expected) => {
      expect(proposeDecision(rule({ largerRequests }), { effortHours, ofDeclinedKind: false })).toBe(expected);
    });

    it('declines a request of a kind the client always declines, however small', () => {
      expect(proposeDecision(rule({ largerRequests }), { effortHours: 0.25, ofDeclinedKind: true })).toBe('decline');
    });
  });

  it.each([0, 0.5, 3])('gives no bonus at all when the client allows none (%s hours)', (effortHours) => {
    expect(proposeDecision(rule({ bonusUpToHours: 0, largerRequests: 'extra-pay' }), { effortHours, ofDeclinedKind: false })).toBe('extra-pay');
  });

  it('says which part of the rule applies', () => {
    expect(ruleReason(rule(), { effortHours: 4, ofDeclinedKind: false })).toBe('within-bonus');
    expect(ruleReason(rule(), { effortHours: 4.01, ofDeclinedKind: false })).toBe('larger');
    expect(ruleReason(rule(), { effortHours: 1, ofDeclinedKind: true })).toBe('declined-kind');
  });
});

describe('what the client may answer', () => {
  it.each([
    ['bonus', ['noted']],
    ['decline', ['noted']],
    ['extra-pay', ['extra-pay', 'withdrawn']],
    ['deadline-shift', ['later-date', 'withdrawn']],
    ['client-chooses', ['extra-pay', 'later-date', 'withdrawn']],
  ] as const)('to %s: %j', (decision, answers) => {
    expect(answersFor(decision)).toEqual(answers);
  });
});

const milestones: MilestoneStatus[] = [
  { milestone: { id: 'm1', title: 'Design', due: '2026-03-20' }, due: '2026-03-20', state: 'in-progress', deliveries: 0 },
  { milestone: { id: 'm2', title: 'Launch', due: '2026-04-30' }, due: '2026-05-07', state: 'planned', deliveries: 0 },
  { milestone: { id: 'm3', title: 'Handover', due: '2026-02-27' }, due: '2026-02-27', state: 'awaiting-confirmation', deliveries: 1 },
];
const TODAY = '2026-03-02';

function issuesOf(proposed: Parameters<typeof checkDecision>[0]['proposed'], input: DecisionInput): Array<{ field: string; message: string }> {
  try {
    checkDecision({ proposed, input, milestones, today: TODAY });
    return [];
  } catch (error) {
    if (error instanceof InvalidInput) return error.issues;
    throw error;
  }
}

describe('a manager\'s decision', () => {
  it('confirms the proposal with nothing more for a bonus or a decline', () => {
    expect(checkDecision({ proposed: 'bonus', input: {}, milestones, today: TODAY })).toEqual({ decision: 'bonus', proposed: 'bonus' });
  });

  it('keeps the price and the later date a choice offers, against the due date in force', () => {
    expect(checkDecision({ proposed: 'client-chooses', input: { price: '€400', shift: { milestoneId: 'm2', days: 7 } }, milestones, today: TODAY })).toEqual({
      decision: 'client-chooses', proposed: 'client-chooses', price: '€400', shiftMilestoneId: 'm2', shiftPreviousDue: '2026-05-07', shiftNewDue: '2026-05-14',
    });
  });

  it('keeps an override with its reason', () => {
    expect(checkDecision({ proposed: 'extra-pay', input: { decision: 'bonus', overrideReason: 'Long-standing client' }, milestones, today: TODAY }))
      .toEqual({ decision: 'bonus', proposed: 'extra-pay', overrideReason: 'Long-standing client' });
  });

  it.each([
    ['an override without a reason', 'extra-pay', { decision: 'bonus' }, 'overrideReason', 'required to override the rule'],
    ['a reason when following the rule', 'bonus', { overrideReason: 'Goodwill' }, 'overrideReason', 'only when overriding the rule'],
    ['extra pay without a price', 'extra-pay', {}, 'price', 'required for extra pay'],
    ['a price on a bonus', 'bonus', { price: '€10' }, 'price', 'only for extra pay'],
    ['a shift without a milestone', 'deadline-shift', {}, 'milestoneId', 'required for a deadline shift'],
    ['a later date on a decline', 'decline', { shift: { milestoneId: 'm1', days: 3 } }, 'milestoneId', 'only for a deadline shift'],
    ['a milestone of another engagement', 'deadline-shift', { shift: { milestoneId: 'm9', days: 3 } }, 'milestoneId', 'must be a milestone of this engagement'],
    ['a delivered milestone', 'deadline-shift', { shift: { milestoneId: 'm3', days: 3 } }, 'milestoneId', 'already delivered'],
    ['a date in the past', 'deadline-shift', { shift: { milestoneId: 'm1', newDue: '2026-03-01' } }, 'newDue', 'must be after today'],
    ['today', 'deadline-shift', { shift: { milestoneId: 'm1', newDue: TODAY } }, 'newDue', 'must be after today'],
    ['a date not later than the one in force', 'deadline-shift', { shift: { milestoneId: 'm2', newDue: '2026-05-07' } }, 'newDue', 'must be later than the current due date'],
    ['a date more than two years ahead', 'deadline-shift', { shift: { milestoneId: 'm1', newDue: '2028-03-03' } }, 'newDue', 'at most two years ahead'],
    ['days that end more than two years ahead', 'deadline-shift', { shift: { milestoneId: 'm1', days: 730 } }, 'shiftDays', 'at most two years ahead'],
  ] as const)('refuses %s', (_, proposed, input, field, message) => {
    expect(issuesOf(proposed, input as DecisionInput)).toContainEqual({ field, message });
  });

  it('tells a repeat of the same decision from a different one', () => {
    const standing = checkDecision({ proposed: 'extra-pay', input: { price: '€400' }, milestones, today: TODAY });
    expect(sameDecision(standing, checkDecision({ proposed: 'extra-pay', input: { price: '€400' }, milestones, today: TODAY }))).toBe(true);
    expect(sameDecision(standing, checkDecision({ proposed: 'extra-pay', input: { price: '€500' }, milestones, today: TODAY }))).toBe(false);
  });
});

describe('the register, from the log', () => {
  let n = 0;
  const event = (at: string, fields: Record<string, unknown>): EngagementEvent => {
    n += 1;
    return engagementEventSchema.parse({ id: `e${n}`, engagementId: 'abcdef12-3456', at, ...fields });
  };
  const recorded = event('2026-03-02T09:00:00Z', { type: 'scope-request-recorded', scopeRequestId: 'r1', summary: 'Banner', effortHours: 2, askedBy: 'Maria' });
  const decided = event('2026-03-02T10:00:00Z', { type: 'scope-decision-recorded', scopeRequestId: 'r1', decision: 'extra-pay', proposed: 'extra-pay', price: '€400' });
  const announced = event('2026-03-02T10:00:01Z', { type: 'scope-decision-announced', scopeRequestId: 'r1', asBonus: false });
  const sent = (at: string, purpose: string, ref: string, recipient = 'client') =>
    event(at, { type: 'email-sent', purpose, recipient, to: 'x@example.com', messageId: `m-${at}`, kind: 'regular', channel: 'email', ref });
  const reminded = sent('2026-03-04T22:00:01Z', 'scope-decision-reminder', 'r1');
  const alerted = sent('2026-03-07T10:00:02Z', 'manager-alert', 'scope-unanswered:r1', 'manager');
  const answered = event('2026-03-03T08:00:00Z', { type: 'scope-decision-answered', scopeRequestId: 'r1', answer: 'extra-pay' });
  const stateAt = (now: string, events: EngagementEvent[]) => scopeRegister({ events, windowDays: 5, now: new Date(now) })[0]?.state;

  it.each([
    ['undecided, once recorded', [recorded], '2026-03-02T09:30:00Z', 'undecided'],
    ['decided, before it is announced', [recorded, decided], '2026-03-02T10:00:00Z', 'decided'],
    ['announced', [recorded, decided, announced], '2026-03-03T10:00:00Z', 'announced'],
    ['reminded', [recorded, decided, announced, reminded], '2026-03-05T10:00:00Z', 'reminded'],
    ['awaiting the client once their 5-day window closed', [recorded, decided, announced, reminded], '2026-03-07T10:00:01Z', 'awaiting-client'],
    ['awaiting the client once the manager was alerted', [recorded, decided, announced, reminded, alerted], '2026-03-07T10:00:02Z', 'awaiting-client'],
    ['answered', [recorded, decided, announced, answered], '2026-03-09T10:00:00Z', 'answered'],
  ] as const)('is %s', (_, events, now, state) => {
    expect(stateAt(now, [...events])).toBe(state);
  });

  it('counts the first decision of a request, whatever order the log comes in', () => {
    const later = event('2026-03-02T11:00:00Z', { type: 'scope-decision-recorded', scopeRequestId: 'r1', decision: 'bonus', proposed: 'extra-pay', overrideReason: 'x' });
    const [entry] = scopeRegister({ events: [later, announced, decided, recorded], windowDays: 5, now: new Date('2026-03-03T00:00:00Z') });
    expect(entry?.decision).toMatchObject({ decision: 'extra-pay', price: '€400', decidedAt: '2026-03-02T10:00:00Z' });
    expect(entry?.announcedAt).toBe('2026-03-02T10:00:01Z');
  });

  it('ignores decisions and answers about requests it never recorded', () => {
    expect(scopeRegister({ events: [decided, answered], windowDays: 5, now: new Date('2026-03-03T00:00:00Z') })).toEqual([]);
  });
});
