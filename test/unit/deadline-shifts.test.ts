/**
 * Proves what the register says of each moved due date: how much notice the client got, in
 * their zone, and whether it was late. "Late" agrees with the drift engine's unannounced slip
 * at the very boundary (the end of the due date minus the client's notice period), so the
 * manager's page, the checkpoint and the drift report never tell different stories. Also each
 * move's state: its notice pending, announced, reminded, awaiting the client, acknowledged, or
 * chosen by the client.
 */
import { describe, expect, it } from 'vitest';
import { deadlineShifts, slipNoticeDeadline, todayIn } from '../../functions/domain/deadline-shifts.js';
import { evaluate } from '../../functions/domain/drift/index.js';
import { checkpointResult } from '../../functions/domain/engagement-plan.js';
import { AGREED, Log, engagement, expectations, input } from './drift/builders.js';

// m1 is due 2026-04-30 (Europe/Berlin, 5 days' notice): notice is in time until the end of 25 April there, 22:00Z.
const DEADLINE = '2026-04-25T22:00:00.000Z';

describe('a move\'s notice', () => {
  it('is due by the end of the due date minus the notice period, where the client is', () => {
    expect(new Date(slipNoticeDeadline('Europe/Berlin', '2026-04-30', 5)).toISOString()).toBe(DEADLINE);
  });

  it.each([
    ['well ahead', '2026-04-20T09:00:00Z', false, 10],
    ['exactly at the end of the notice period', DEADLINE, false, 4],
    ['a millisecond later', '2026-04-25T22:00:00.001Z', true, 4],
    ['on the due date itself', '2026-04-30T08:00:00Z', true, 0],
    ['after the due date', '2026-05-01T08:00:00Z', true, -1],
  ])('told %s: late %s, %i days before the old date; the drift engine agrees', (_, toldAt, late, days) => {
    const log = new Log();
    const shift = log.shifted(toldAt, '2026-04-30', '2026-05-20');
    const [entry] = deadlineShifts({ events: log.events, expectations: expectations(), now: new Date('2026-06-01T00:00:00Z') });
    expect(entry).toMatchObject({ lateNotice: late, noticeDays: days, state: 'chosen-by-client' });

    const findings = evaluate(input({ now: '2026-06-01T00:00:00Z', events: log.events })).findings
      .filter((f) => f.kind === 'unannounced-slip' && f.evidence.some((e) => e.eventId === shift.id));
    expect(findings.length > 0).toBe(late);
    const checkpoint = checkpointResult({ engagement: engagement(), expectations: expectations(), expectationsSince: AGREED, events: log.events, now: new Date('2026-05-21T00:00:00Z') }, 'm1');
    expect(checkpoint?.slipAnnounced).toBe(!late);
  });

  it('judges nothing late before the client stated a notice period', () => {
    const log = new Log();
    log.shifted('2026-04-30T08:00:00Z', '2026-04-30', '2026-05-20');
    expect(deadlineShifts({ events: log.events, expectations: undefined, now: new Date('2026-06-01T00:00:00Z') })[0]?.lateNotice).toBe(false);
  });

  it('reads today in the client\'s zone', () => {
    expect(todayIn('Europe/Berlin', new Date('2026-04-25T22:30:00Z'))).toBe('2026-04-26');
    expect(todayIn('America/New_York', new Date('2026-04-26T02:00:00Z'))).toBe('2026-04-25');
  });
});

describe('a move\'s state', () => {
  const moved = (log: Log) => log.add('2026-04-01T10:00:00Z', {
    type: 'deadline-shifted', milestoneId: 'm1', previousDue: '2026-04-30', newDue: '2026-05-20', reason: 'Photos late', shiftId: 's1',
  });
  const sent = (log: Log, at: string, purpose: string, ref: string) => log.add(at, {
    type: 'email-sent', purpose, recipient: 'client', to: 'maria@example.com', messageId: `msg-${at}`, kind: 'regular', channel: 'email', ref,
  });
  const stateAt = (log: Log, now: string) => deadlineShifts({ events: log.events, expectations: expectations(), now: new Date(now) })[0]?.state;

  it('goes from notice pending to announced, reminded, awaiting the client, and acknowledged', () => {
    const log = new Log();
    moved(log);
    expect(stateAt(log, '2026-04-01T10:00:00Z')).toBe('notice-pending');
    sent(log, '2026-04-01T10:00:01Z', 'deadline-shift-notice', 's1');
    expect(stateAt(log, '2026-04-02T10:00:00Z')).toBe('announced');
    sent(log, '2026-04-03T22:00:00Z', 'deadline-shift-reminder', 's1');
    expect(stateAt(log, '2026-04-04T10:00:00Z')).toBe('reminded');
    expect(stateAt(log, '2026-04-06T10:00:00Z')).toBe('awaiting-client');
    log.add('2026-04-07T09:00:00Z', { type: 'deadline-shift-acknowledged', shiftId: 's1', milestoneId: 'm1' });
    expect(deadlineShifts({ events: log.events, expectations: expectations(), now: new Date('2026-04-08T00:00:00Z') })[0])
      .toMatchObject({ state: 'answered', acknowledgedAt: '2026-04-07T09:00:00Z' });
  });

  it('needs no acknowledgement of a move the client chose for one of their requests', () => {
    const log = new Log();
    log.add('2026-04-01T10:00:00Z', {
      type: 'deadline-shifted', milestoneId: 'm1', previousDue: '2026-04-30', newDue: '2026-05-20', reason: 'Blog section', scopeRequestId: 'r1',
    });
    expect(deadlineShifts({ events: log.events, expectations: expectations(), now: new Date('2026-05-01T00:00:00Z') })[0])
      .toMatchObject({ state: 'chosen-by-client', scopeRequestId: 'r1' });
  });

  it('is listed oldest first, and judged by the notice the client asked for', () => {
    const log = new Log();
    log.shifted('2026-04-20T09:00:00Z', '2026-05-20', '2026-06-01');
    log.shifted('2026-04-01T09:00:00Z', '2026-04-30', '2026-05-20');
    const shifts = deadlineShifts({ events: log.events, expectations: expectations({ pace: { slipNoticeDays: 30 } }), now: new Date('2026-06-01T00:00:00Z') });
    expect(shifts.map((s) => [s.previousDue, s.lateNotice])).toEqual([['2026-04-30', true], ['2026-05-20', false]]);
  });
});
