/** Proves that a wall-clock time in a client's zone becomes the right instant, across DST. */
import { describe, expect, it } from 'vitest';
import { zonedTimeToInstant } from '../../functions/domain/zoned-time.js';

describe('zonedTimeToInstant', () => {
  it.each([
    ['2026-01-15T10:30', 'Europe/Berlin', '2026-01-15T09:30:00.000Z'],
    ['2026-07-15T10:30', 'Europe/Berlin', '2026-07-15T08:30:00.000Z'],
    ['2026-03-29T03:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25T12:00', 'Europe/Berlin', '2026-10-25T11:00:00.000Z'],
    ['2026-03-08T09:00', 'America/New_York', '2026-03-08T13:00:00.000Z'],
    ['2026-06-01T09:00', 'Asia/Kolkata', '2026-06-01T03:30:00.000Z'],
    ['2026-06-01T09:00', 'UTC', '2026-06-01T09:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, instant) => {
    expect(zonedTimeToInstant(local, zone)?.toISOString()).toBe(instant);
  });

  it.each(['2026-02-30T10:00', '2026-13-01T10:00', 'yesterday', '2026-01-01 10:00', ''])('refuses %j', (local) => {
    expect(zonedTimeToInstant(local, 'Europe/Berlin')).toBeUndefined();
  });
});
