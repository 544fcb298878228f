/**
 * Proves the outside-hours rule: a non-emergency contact is judged by the client's local
 * weekday and time in their IANA zone, DST included (Berlin on the last Sundays of March and
 * October 2026, New York on 8 March 2026); working hours include both ends.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, Log, answer, input } from './builders.js';

const BERLIN = [answer(1, '2026-01-05T08:00:00Z')];
const NEW_YORK = [answer(1, '2026-01-05T08:00:00Z', { workingHours: { timeZone: 'America/New_York' } })];

const outside = (at: string, answers = BERLIN, kind = 'regular') => {
  const log = new Log();
  log.touchpoint(at, kind, 'meeting');
  return evaluate(input({ now: '2026-12-31T00:00:00Z', events: log.events, answers })).findings.filter((f) => f.kind === 'outside-hours');
};

describe('outside hours', () => {
  it.each([
    // Winter in Berlin is UTC+1.
    ['Fri 27 Mar 08:00Z, 09:00 CET', '2026-03-27T08:00:00Z', BERLIN, []],
    ['Fri 27 Mar 07:59Z, 08:59 CET', '2026-03-27T07:59:00Z', BERLIN, ['low']],
    ['Fri 27 Mar 17:00Z, 18:00 CET', '2026-03-27T17:00:00Z', BERLIN, []],
    ['Fri 27 Mar 17:01Z, 18:01 CET', '2026-03-27T17:01:00Z', BERLIN, ['low']],
    // Sunday 29 March: clocks go forward at 01:00Z; the same UTC hour is an hour later locally.
    ['Sun 29 Mar 10:00Z, a day off', '2026-03-29T10:00:00Z', BERLIN, ['medium']],
    ['Mon 30 Mar 07:00Z, 09:00 CEST', '2026-03-30T07:00:00Z', BERLIN, []],
    ['Mon 30 Mar 06:59Z, 08:59 CEST', '2026-03-30T06:59:00Z', BERLIN, ['low']],
    ['Mon 30 Mar 16:00Z, 18:00 CEST', '2026-03-30T16:00:00Z', BERLIN, []],
    ['Mon 30 Mar 16:01Z, 18:01 CEST', '2026-03-30T16:01:00Z', BERLIN, ['low']],
    // Sunday 25 October: clocks go back at 01:00Z.
    ['Fri 23 Oct 07:00Z, 09:00 CEST', '2026-10-23T07:00:00Z', BERLIN, []],
    ['Sat 24 Oct 22:30Z, Sunday 00:30 CEST', '2026-10-24T22:30:00Z', BERLIN, ['medium']],
    ['Mon 26 Oct 07:59Z, 08:59 CET', '2026-10-26T07:59:00Z', BERLIN, ['low']],
    ['Mon 26 Oct 08:00Z, 09:00 CET', '2026-10-26T08:00:00Z', BERLIN, []],
    ['Fri 23 Oct 22:30Z, 00:30 Saturday', '2026-10-23T22:30:00Z', BERLIN, ['medium']],
    // New York moves to EDT (UTC-4) on Sunday 8 March.
    ['Fri 6 Mar 13:59Z, 08:59 EST', '2026-03-06T13:59:00Z', NEW_YORK, ['low']],
    ['Fri 6 Mar 14:00Z, 09:00 EST', '2026-03-06T14:00:00Z', NEW_YORK, []],
    ['Mon 9 Mar 12:59Z, 08:59 EDT', '2026-03-09T12:59:00Z', NEW_YORK, ['low']],
    ['Mon 9 Mar 13:00Z, 09:00 EDT', '2026-03-09T13:00:00Z', NEW_YORK, []],
    ['Mon 9 Mar 22:01Z, 18:01 EDT', '2026-03-09T22:01:00Z', NEW_YORK, ['low']],
    ['Sat 7 Mar 03:00Z, still Friday 22:00 EST', '2026-03-07T03:00:00Z', NEW_YORK, ['low']],
  ])('%s: %j', (_, at, answers, severities) => {
    expect(outside(at, answers).map((f) => f.severity)).toEqual(severities);
  });

  it('lets emergencies through at any hour', () => {
    expect(outside('2026-03-29T02:00:00Z', BERLIN, 'emergency')).toEqual([]);
  });

  it('cites the hours for a late contact and the days for a day off', () => {
    expect(outside('2026-03-27T17:01:00Z')[0]?.cites.map((c) => c.field))
      .toEqual(['process.workingHours.start', 'process.workingHours.end', 'process.workingHours.timeZone']);
    expect(outside('2026-03-29T10:00:00Z')[0]?.cites[0]).toEqual(
      { field: 'process.workingHours.days', value: ['mon', 'tue', 'wed', 'thu', 'fri'], version: 1, statedAt: '2026-01-05T08:00:00Z' });
  });

  it('uses the working hours of the version in force at the contact', () => {
    const answers = [answer(1, AGREED), answer(2, '2026-03-10T08:00:00Z', { workingHours: { start: '07:00' } })];
    expect(outside('2026-03-09T06:30:00Z', answers)).toHaveLength(1);
    expect(outside('2026-03-11T06:30:00Z', answers)).toHaveLength(0);
  });

  it('explains itself in English', () => {
    expect(explainEn(outside('2026-03-30T16:01:00Z')[0] as never))
      .toBe('A contact on Monday at 18:01 (Europe/Berlin) fell outside your working hours of 09:00–18:00');
  });
});
