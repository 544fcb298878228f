/**
 * Proves the calendar arithmetic in the client's zone against Intl itself: the first instant
 * of every local day of 2026 in zones with DST at 02:00, at midnight (Santiago, Havana,
 * Beirut), half-hour DST (Lord Howe), and the extreme offsets; local weekday and time; and the
 * count of working days.
 */
import { describe, expect, it } from 'vitest';
import {
  DAY_MS, dayNumber, endOfWorkingDaysAfter, isoDateOf, localTime, startOfLocalDay,
} from '../../../functions/domain/zoned-time.js';

const ZONES = [
  'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Beirut',
  'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC',
];

const formats = new Map(ZONES.map((zone) => [zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })]));
const intlDate = (zone: string, ms: number) => formats.get(zone)?.format(ms);

describe('zoned time', () => {
  it.each(ZONES)('finds the first instant of every local day of 2026 in %s', (zone) => {
    for (let day = dayNumber('2026-01-01'); day <= dayNumber('2026-12-31'); day += 1) {
      const start = startOfLocalDay(zone, day);
      expect(intlDate(zone, start), `${zone} ${isoDateOf(day)}`).toBe(isoDateOf(day));
      expect(intlDate(zone, start - 1), `${zone} ${isoDateOf(day)} − 1 ms`).toBe(isoDateOf(day - 1));
    }
  });

  it.each([
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z', 23],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z', 25],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z', 23],
    // Santiago springs forward at midnight: the day starts at 01:00 local.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', 23],
  ])('%s on %s begins at %s and lasts %i hours', (zone, date, begins, hours) => {
    const start = startOfLocalDay(zone, dayNumber(date));
    expect(new Date(start).toISOString()).toBe(begins);
    expect((startOfLocalDay(zone, dayNumber(date) + 1) - start) / 3_600_000).toBe(hours);
  });

  it.each([
    ['2026-03-29T00:59:00Z', 'Europe/Berlin', 'sun', '01:59'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', 'sun', '03:00'],
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', 'sun', '02:30'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', 'sun', '02:30'],
    ['2026-03-07T03:00:00Z', 'America/New_York', 'fri', '22:00'],
    ['2026-01-01T10:00:00Z', 'Pacific/Kiritimati', 'fri', '00:00'],
  ])('reads %s in %s as %s %s', (at, zone, weekday, clock) => {
    const local = localTime(zone, Date.parse(at));
    const minutes = local.msOfDay / 60_000;
    expect([local.weekday, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`]).toEqual([weekday, clock]);
  });

  it.each([
    ['a Wednesday, Mon–Fri', '2026-03-04T10:00:00Z', ['mon', 'tue', 'wed', 'thu', 'fri'], '2026-03-06T23:00:00.000Z'],
    ['a Friday, Mon–Fri', '2026-03-06T10:00:00Z', ['mon', 'tue', 'wed', 'thu', 'fri'], '2026-03-10T23:00:00.000Z'],
    ['a Friday, Sun–Thu', '2026-03-06T10:00:00Z', ['sun', 'mon', 'tue', 'wed', 'thu'], '2026-03-09T23:00:00.000Z'],
    ['a Monday, Mondays only', '2026-03-02T10:00:00Z', ['mon'], '2026-03-16T23:00:00.000Z'],
  ] as const)('counts two working days after %s', (_, from, days, deadline) => {
    expect(new Date(endOfWorkingDaysAfter('Europe/Berlin', days, Date.parse(from), 2)).toISOString()).toBe(deadline);
  });

  it('keeps days as calendar dates', () => {
    expect(isoDateOf(dayNumber('2026-02-28') + 1)).toBe('2026-03-01');
    expect(dayNumber('1970-01-02') * DAY_MS).toBe(DAY_MS);
  });
});
