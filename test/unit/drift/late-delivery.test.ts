/**
 * Proves the late-delivery rule: a due date is the end of that day in the client's zone plus
 * their tolerance; at that instant a delivery is on time, one minute after it is late; a date
 * moved before delivery counts, one moved after does not; the finding cites the terms in force.
 */
import { describe, expect, it } from 'vitest';
import { BADLY_LATE_MS, evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, Log, answer, input } from './builders.js';

// m1 is due Thursday 2026-04-30; with 2 days' tolerance, it is on time until the end of
// Saturday 2 May in Berlin (CEST, UTC+2): 2026-05-02T22:00:00Z.
const DEADLINE = '2026-05-02T22:00:00.000Z';
const late = (events: Log, now: string, answers = [answer(1, AGREED)]) =>
  evaluate(input({ now, events: events.events, answers })).findings.filter((f) => f.kind === 'late-delivery');

describe('late delivery', () => {
  it.each([
    ['a day early', 0, '2026-05-01T22:00:00Z'],
    ['exactly at the end of the tolerance', 0, DEADLINE],
    ['one minute past it', 1, '2026-05-02T22:01:00Z'],
    ['a week later', 1, '2026-05-09T10:00:00Z'],
  ])('delivered %s: %i finding(s)', (_, count, deliveredAt) => {
    const log = new Log();
    log.delivered(deliveredAt);
    const found = late(log, '2026-06-01T00:00:00Z');
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatchObject({ id: 'late-delivery:m1', startedAt: DEADLINE, open: false, closedAt: new Date(deliveredAt).toISOString() });
  });

  it.each([
    ['before the deadline', 0, '2026-05-02T21:59:00Z'],
    ['exactly at it', 0, DEADLINE],
    ['one minute past it', 1, '2026-05-02T22:01:00Z'],
  ])('undelivered, evaluated %s: %i open finding(s)', (_, count, now) => {
    const found = late(new Log(), now);
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatchObject({ open: true, severity: 'medium' });
  });

  it('becomes high once more than a week past the deadline', () => {
    expect(BADLY_LATE_MS).toBe(7 * DAY);
    expect(late(new Log(), '2026-05-09T22:00:00Z')[0]?.severity).toBe('medium');
    expect(late(new Log(), '2026-05-09T22:01:00Z')[0]?.severity).toBe('high');
  });

  it('measures against a date moved before delivery, not one moved after', () => {
    const moved = new Log();
    moved.shifted('2026-04-20T09:00:00Z', '2026-04-30', '2026-05-15');
    moved.delivered('2026-05-10T10:00:00Z');
    expect(late(moved, '2026-06-01T00:00:00Z')).toEqual([]);

    const movedAfter = new Log();
    movedAfter.delivered('2026-05-10T10:00:00Z');
    movedAfter.shifted('2026-05-11T09:00:00Z', '2026-04-30', '2026-05-15');
    expect(late(movedAfter, '2026-06-01T00:00:00Z')).toHaveLength(1);
  });

  it('reads the due date in the client\'s zone: New York ends a day five or four hours after UTC, across DST', () => {
    const newYork = [answer(1, AGREED, { workingHours: { timeZone: 'America/New_York' }, pace: { dueDateToleranceDays: 0 } })];
    const onTime = (due: string, deliveredAt: string) => {
      const log = new Log();
      log.delivered(deliveredAt);
      return evaluate({ ...input({ now: '2026-06-01T00:00:00Z', events: log.events, answers: newYork, milestones: [{ due }] }) })
        .findings.filter((f) => f.kind === 'late-delivery').length === 0;
    };
    // Saturday 7 March ends at 00:00 EST = 05:00Z; Sunday 8 March (DST starts) ends at 00:00 EDT = 04:00Z.
    expect(onTime('2026-03-07', '2026-03-08T05:00:00Z')).toBe(true);
    expect(onTime('2026-03-07', '2026-03-08T05:01:00Z')).toBe(false);
    expect(onTime('2026-03-08', '2026-03-09T04:00:00Z')).toBe(true);
    expect(onTime('2026-03-08', '2026-03-09T04:01:00Z')).toBe(false);
  });

  it('cites the tolerance of the version in force when the deadline passed', () => {
    const answers = [answer(1, AGREED), answer(2, '2026-04-10T08:00:00Z', { pace: { dueDateToleranceDays: 0 } })];
    const found = late(new Log(), '2026-05-01T12:00:00Z', answers);
    expect(found[0]?.startedAt).toBe('2026-04-30T22:00:00.000Z');
    expect(found[0]?.cites).toContainEqual({ field: 'pace.dueDateToleranceDays', value: 0, version: 2, statedAt: '2026-04-10T08:00:00Z' });
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.delivered('2026-05-05T22:00:00Z');
    expect(explainEn(late(log, '2026-06-01T00:00:00Z')[0] as never)).toBe('“Milestone 1” was delivered 3 days past its due date of 2026-04-30 plus your 2 days of tolerance');
  });
});
