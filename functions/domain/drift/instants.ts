/**
 * Instants as the log writes them and findings cite them: ISO 8601 strings, read into ms and
 * written back.
 *
 * Contract: `instantMs(at)` reads an ISO instant as `Date.parse` does (a field out of range,
 * which no valid log holds, carries over as `Date.UTC` carries it); `iso(ms)` writes an
 * instant exactly as `new Date(ms).toISOString()` does, a RangeError for an invalid one
 * included; `isoOf(at, ms)` is `iso(ms)`, or the log's own string when that is what `iso`
 * would write. The common cases (instants in UTC from the year 100 on read, from 1970 to 9999
 * written) are done by arithmetic, several times faster than `Date`, which matters: the engine
 * reads every event's instant and writes one or more per finding. Anything else goes to `Date`.
 */
import { DAY_MS } from '../zoned-time.js';

/**
 * An ISO instant in ms, as `Date.parse` reads it. The log's own instants are UTC with or
 * without milliseconds (`2026-03-02T10:00:00.000Z`); those are read digit by digit and
 * counted by `utc` below, several times faster than `Date.parse`, which matters over millions
 * of events. Anything else (an offset, more digits) goes to `Date.parse`.
 */
export function instantMs(at: string): number {
  const n = at.length;
  if ((n === 24 || n === 20) && at.charCodeAt(n - 1) === 90 && at.charCodeAt(10) === 84
    && at.charCodeAt(4) === 45 && at.charCodeAt(7) === 45 && at.charCodeAt(13) === 58 && at.charCodeAt(16) === 58) {
    const year = digit(at, 0) * 1000 + digit(at, 1) * 100 + digit(at, 2) * 10 + digit(at, 3);
    // Date.UTC reads years 0–99 as 1900–1999; leave those to Date.parse.
    if (year >= 100) {
      const time = (digit(at, 11) * 10 + digit(at, 12)) * 3_600_000 + (digit(at, 14) * 10 + digit(at, 15)) * 60_000
        + (digit(at, 17) * 10 + digit(at, 18)) * 1000 + (n === 24 ? digit(at, 20) * 100 + digit(at, 21) * 10 + digit(at, 22) : 0);
      const ms = dayMs(year, digit(at, 5) * 10 + digit(at, 6), digit(at, 8) * 10 + digit(at, 9)) + time;
      return Math.abs(ms) <= 8.64e15 ? ms : Number.NaN;
    }
  }
  return Date.parse(at);
}

/** The value of the digit at `i` (of whatever is there: the caller checked only the separators). */
const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;

// The date read last: a log's events come many to a day.
let lastYear = Number.NaN;
let lastMonth = 0;
let lastDate = 0;
let lastDayMs = 0;

/** `Date.UTC(year, month - 1, date)`, remembered for the date read last. */
function dayMs(year: number, month: number, date: number): number {
  if (year !== lastYear || month !== lastMonth || date !== lastDate) {
    lastDayMs = utc(year, month - 1, date);
    lastYear = year;
    lastMonth = month;
    lastDate = date;
  }
  return lastDayMs;
}

/**
 * `Date.UTC(year, month, date)` for years from 100 on, as the standard defines it (MakeDay,
 * MakeDate; the caller adds the time and clips), without the call into the runtime that
 * `Date.UTC` is: a month past December carries into the year, a date past the month's end
 * into the next month.
 */
function utc(year: number, month: number, date: number): number {
  const y = year + Math.floor(month / 12);
  const m = month - Math.floor(month / 12) * 12;
  // Days from 1970-01-01 to the first of that month, in 400-year eras of 146,097 days, counted
  // in years that start in March, so the leap day comes last.
  const marchYear = m < 2 ? y - 1 : y;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (m < 2 ? m + 10 : m - 2) + 2) / 5);
  const days = era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
  return (days + date - 1) * DAY_MS;
}

/** The first instant of the year 10000: from there on `toISOString` writes six-digit years. */
const FAST_UNTIL = Date.UTC(10_000, 0, 1);

/** The character code of the last decimal digit of the whole part of `n` (n ≥ 0). */
const digitCode = (n: number): number => 48 + (Math.floor(n) % 10);

/**
 * `new Date(ms).toISOString()`, four times faster: the calendar date comes from the day number
 * by the civil-from-days algorithm (proleptic Gregorian, as `Date` counts), and the string is
 * written in one go, with no `Date` and no intermediate strings.
 */
export function iso(ms: number): string {
  if (!(ms >= 0 && ms < FAST_UNTIL && Number.isInteger(ms))) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  // Days since 0000-03-01, counted in 400-year eras of 146,097 days; March-based years put
  // the leap day last.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
  const hour = Math.floor(inDay / 3_600_000);
  const minute = Math.floor(inDay / 60_000) % 60;
  const second = Math.floor(inDay / 1000) % 60;
  const milli = inDay % 1000;
  return String.fromCharCode(
    digitCode(year / 1000), digitCode(year / 100), digitCode(year / 10), digitCode(year), 45, digitCode(month / 10), digitCode(month), 45,
    digitCode(date / 10), digitCode(date), 84, digitCode(hour / 10), digitCode(hour), 58, digitCode(minute / 10), digitCode(minute), 58,
    digitCode(second / 10), digitCode(second), 46, digitCode(milli / 100), digitCode(milli / 10), digitCode(milli), 90,
  );
}

/**
 * `iso(ms)` for the instant an event was logged at, given as the log wrote it (`at`) and as
 * read (`ms`): the log's own string when it is already written that way, as the log's
 * instants are, and no new string.
 */
export const isoOf = (at: string, ms: number): string => (isWrittenAsIso(at) ? at : iso(ms));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `at` is `YYYY-MM-DDTHH:MM:SS.sssZ` with every field in range, so `iso` writes its instant so. */
function isWrittenAsIso(at: string): boolean {
  if (at.length !== 24 || at.charCodeAt(4) !== 45 || at.charCodeAt(7) !== 45 || at.charCodeAt(10) !== 84 || at.charCodeAt(13) !== 58
    || at.charCodeAt(16) !== 58 || at.charCodeAt(19) !== 46 || at.charCodeAt(23) !== 90) return false;
  for (const i of DIGIT_POSITIONS) {
    const code = at.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  const year = digit(at, 0) * 1000 + digit(at, 1) * 100 + digit(at, 2) * 10 + digit(at, 3);
  const month = digit(at, 5) * 10 + digit(at, 6);
  const date = digit(at, 8) * 10 + digit(at, 9);
  if (month < 1 || month > 12 || date < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return date <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1] as number)
    && digit(at, 11) * 10 + digit(at, 12) <= 23 && digit(at, 14) <= 5 && digit(at, 17) <= 5;
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
