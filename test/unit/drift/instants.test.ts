/**
 * Proves the engine's own reading and writing of instants against `Date`, which they replace
 * on the hot path: `instantMs` reads what `Date.parse` reads, `iso` writes what `toISOString`
 * writes (errors included), and `isoOf` hands back the log's own string only when it is
 * already written that way.
 */
import { describe, expect, it } from 'vitest';
import { instantMs, iso, isoOf } from '../../../functions/domain/drift/instants.js';

const DAY = 86_400_000;

/** A fixed sequence of pseudo-random integers in [0, n), so failures reproduce. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (n: number) => Math.floor(((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4_294_967_296) * n);
}

describe('instants', () => {
  it('reads the log\'s instants as Date.parse does, with and without milliseconds', () => {
    const next = sequence(7);
    for (let i = 0; i < 20_000; i += 1) {
      const at = new Date(next(253_402_300_800) * 1000 + next(1000)).toISOString();
      expect(instantMs(at)).toBe(Date.parse(at));
      expect(instantMs(`${at.slice(0, 19)}Z`)).toBe(Date.parse(`${at.slice(0, 19)}Z`));
    }
    for (const at of ['2024-02-29T23:59:59.999Z', '2000-03-01T00:00:00.000Z', '1900-02-28T12:00:00Z', '0099-12-31T23:59:59Z', '2026-03-02T10:00:00+01:00']) {
      expect(instantMs(at)).toBe(Date.parse(at));
    }
  });

  it('writes instants as toISOString does, on the first and last millisecond of days from 1970 to 9999', () => {
    // Every day to 2200, then every 97th (a stride that visits every month and leap year).
    for (let day = 0; day < 2_932_897; day += day < 84_000 ? 1 : 97) {
      if (iso(day * DAY) !== new Date(day * DAY).toISOString() || iso(day * DAY + DAY - 1) !== new Date(day * DAY + DAY - 1).toISOString()) {
        expect(iso(day * DAY)).toBe(new Date(day * DAY).toISOString());
        expect(iso(day * DAY + DAY - 1)).toBe(new Date(day * DAY + DAY - 1).toISOString());
      }
    }
  });

  it('leaves what it does not write itself to Date, errors included', () => {
    for (const ms of [-1, -62_198_755_200_000, 253_402_300_800_000, 8.64e15, 1.5e12 + 0.5]) expect(iso(ms)).toBe(new Date(ms).toISOString());
    expect(() => iso(Number.NaN)).toThrow(RangeError);
    expect(() => iso(8.64e15 + 1)).toThrow(RangeError);
  });

  it('hands back the log\'s own string only when it is written as iso writes it', () => {
    const at = '2026-03-02T10:00:00.000Z';
    expect(isoOf(at, instantMs(at))).toBe(at);
    for (const other of ['2026-03-02T10:00:00Z', '2026-02-29T10:00:00.000Z', '2026-03-02T24:00:00.000Z', '2026-03-02T10:00:00+00:00']) {
      const written = isoOf(other, instantMs(other));
      expect(written).toBe(iso(instantMs(other)));
      expect(written).not.toBe(other);
    }
  });
});
