/**
 * Proves the memo behind the calendar arithmetic (one Intl question per zone and UTC day, the
 * change of offset on a day that has one found once): the local time of every minute around
 * each change of offset in 2026 is what Intl says, whichever zone and day were asked before.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS, localTime, startOfLocalDay } from '../../../functions/domain/zoned-time.js';

const MINUTE = 60_000;

// Changes at 02:00, at midnight (Santiago, Havana, Beirut), by half an hour (Lord Howe), and at
// 02:45 (Chatham).
const ZONES = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe', 'Pacific/Chatham'];

const formats = new Map(ZONES.map((zone) => [zone, new Intl.DateTimeFormat('en-US', {
  timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
})]));

/** The local wall-clock time of an instant as ms since 1970-01-01 local, asked of Intl. */
function intlWall(zone: string, ms: number): number {
  const fields: Record<string, number> = {};
  for (const part of formats.get(zone)?.formatToParts(ms) ?? []) fields[part.type] = Number(part.value);
  return Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0) + (ms % 1000);
}

/** The UTC days of 2026 on which a zone's offset changes. */
function changeDays(zone: string): number[] {
  const days: number[] = [];
  for (let day = Date.UTC(2026, 0, 1) / DAY_MS; day < Date.UTC(2027, 0, 1) / DAY_MS; day += 1) {
    const start = day * DAY_MS;
    if (intlWall(zone, start) - start !== intlWall(zone, start + DAY_MS - 1) - (start + DAY_MS - 1)) days.push(day);
  }
  return days;
}

describe('zoned time memo', () => {
  const changes = ZONES.map((zone) => [zone, changeDays(zone)] as const);

  it('finds each zone\'s changes of offset in 2026', () => {
    for (const [zone, days] of changes) expect(days.length, zone).toBe(2);
  });

  it('reads every minute around each change as Intl does, asked in any order and zone after zone', () => {
    for (const order of [1, -1]) {
      for (const [zone, days] of changes) {
        for (const day of order === 1 ? days : [...days].reverse()) {
          for (let k = 0; k < 24 * 60; k += 1) {
            const minute = order === 1 ? k : 24 * 60 - 1 - k;
            const ms = day * DAY_MS + minute * MINUTE + 1234;
            const local = localTime(zone, ms);
            const wall = intlWall(zone, ms);
            if (local.day * DAY_MS + local.msOfDay !== wall) expect([zone, new Date(ms).toISOString(), local.day * DAY_MS + local.msOfDay]).toEqual([zone, new Date(ms).toISOString(), wall]);
            // Another zone in between, so the memo of the zone asked last is not what answers.
            localTime('UTC', ms);
          }
        }
      }
    }
  });

  it('gives the same first instant of a local day however often it is asked', () => {
    for (const [zone, days] of changes) {
      for (const day of days) {
        const first = startOfLocalDay(zone, day);
        expect(startOfLocalDay(zone, day)).toBe(first);
        expect(intlWall(zone, first) % DAY_MS).toBeLessThan(2 * 3_600_000);
      }
    }
  });
});
