/**
 * Calendar arithmetic in the client's IANA time zone, daylight saving included: local weekday
 * and time of an instant, the instant a local day begins, and the instant of a local
 * wall-clock time.
 *
 * Contract: pure functions of their arguments. Offsets come from `Intl.DateTimeFormat`; a day
 * is a number (days since 1970-01-01, as a calendar date, not an instant). What Intl answers
 * and what a date means are remembered (see `Zone`), which leaves the functions pure.
 */
import { WEEKDAYS } from './expectations.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock time minus UTC, in ms, asked of Intl (slow: a few µs). */
function intlOffset(formatter: Intl.DateTimeFormat, ms: number): number {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter.formatToParts(ms)) fields[part.type] = Number(part.value);
  const wall = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A day on which a zone changes its offset: the first instant of the new one, and both. */
interface OffsetChange {
  at: number;
  before: number;
  after: number;
}

/**
 * What is known of one zone. A portfolio asks about millions of instants in a handful of
 * zones, and Intl is the slow part, so each UTC day is asked once: if its first and last
 * millisecond share an offset, so does the whole day (zones change offset at most once a day);
 * on a day with a change, the change itself is found once, by bisection. The first instant of
 * each local day is kept too. Memoising pure functions keeps the module pure; the cap bounds
 * memory in a long-lived process.
 */
class Zone {
  readonly formatter: Intl.DateTimeFormat;
  /** Per UTC day: its offset, or NaN on a day with a change. */
  readonly offsets = new Map<number, number>();
  readonly changes = new Map<number, OffsetChange>();
  /** Per local day: its first instant. */
  readonly starts = new Map<number, number>();
  // The day asked last: consecutive instants mostly fall on the same day.
  lastDay = Number.NaN;
  lastOffset = 0;

  constructor(name: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }
}

const zones = new Map<string, Zone>();
const MAX_CACHED_DAYS_PER_ZONE = 20_000;

// The zone asked last: an engagement asks about one zone many times in a row.
let lastZoneName = '';
let lastZone: Zone | undefined;

function zoneNamed(name: string): Zone {
  if (name === lastZoneName && lastZone) return lastZone;
  let zone = zones.get(name);
  if (!zone) {
    zone = new Zone(name);
    zones.set(name, zone);
  }
  lastZoneName = name;
  lastZone = zone;
  return zone;
}

function offsetAt(name: string, ms: number): number {
  const zone = zoneNamed(name);
  const day = Math.floor(ms / DAY_MS);
  if (day === zone.lastDay) return zone.lastOffset;
  let offset = zone.offsets.get(day);
  if (offset === undefined) {
    if (zone.offsets.size >= MAX_CACHED_DAYS_PER_ZONE) {
      zone.offsets.clear();
      zone.changes.clear();
    }
    const first = intlOffset(zone.formatter, day * DAY_MS);
    const last = intlOffset(zone.formatter, day * DAY_MS + DAY_MS - 1);
    offset = first === last ? first : Number.NaN;
    if (first !== last) zone.changes.set(day, changeOn(zone, day, first, last));
    zone.offsets.set(day, offset);
  }
  if (Number.isNaN(offset)) {
    const change = zone.changes.get(day) as OffsetChange;
    return ms < change.at ? change.before : change.after;
  }
  zone.lastDay = day;
  zone.lastOffset = offset;
  return offset;
}

/** The change of offset on a UTC day that starts with `before` and ends with `after`. */
function changeOn(zone: Zone, day: number, before: number, after: number): OffsetChange {
  let low = day * DAY_MS;
  let high = low + DAY_MS - 1;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (intlOffset(zone.formatter, mid) === before) low = mid;
    else high = mid;
  }
  return { at: high, before, after };
}

export interface LocalTime {
  /** The local calendar day, as days since 1970-01-01. */
  day: number;
  weekday: Weekday;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

// 1970-01-01 was a Thursday, index 3 in WEEKDAYS (which starts on Monday).
const weekdayOf = (day: number): Weekday => WEEKDAYS[(((day + 3) % 7) + 7) % 7] as Weekday;

export function localTime(zone: string, ms: number): LocalTime {
  const wall = ms + offsetAt(zone, ms);
  const day = Math.floor(wall / DAY_MS);
  return { day, weekday: weekdayOf(day), msOfDay: wall - day * DAY_MS };
}

/** Day numbers of the dates asked, remembered: the same due dates are asked again and again. */
const dayNumbers = new Map<string, number>();

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function dayNumber(isoDate: string): number {
  let day = dayNumbers.get(isoDate);
  if (day === undefined) {
    if (dayNumbers.size >= MAX_CACHED_DAYS_PER_ZONE) dayNumbers.clear();
    day = Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(isoDate, day);
  }
  return day;
}

export const isoDateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `HH:MM` → milliseconds since midnight. */
export const clockMs = (hhmm: string): number => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * MINUTE_MS;

/**
 * The first instant of a local calendar day. Where the clocks skip local midnight (a spring-
 * forward at 00:00) the day starts at the change; where midnight happens twice, at the first.
 */
export function startOfLocalDay(zone: string, day: number): number {
  const starts = zoneNamed(zone).starts;
  let start = starts.get(day);
  if (start === undefined) {
    if (starts.size >= MAX_CACHED_DAYS_PER_ZONE) starts.clear();
    start = firstInstantOf(zone, day);
    starts.set(day, start);
  }
  return start;
}

function firstInstantOf(zone: string, day: number): number {
  const midnight = day * DAY_MS;
  // Offsets span -12 h…+14 h, so the answer lies within this window.
  const before = offsetAt(zone, midnight - 15 * HOUR_MS);
  const after = offsetAt(zone, midnight + 13 * HOUR_MS);
  if (before === after) return midnight - before;
  const candidates = [midnight - before, midnight - after].filter((t, i) => offsetAt(zone, t) === (i === 0 ? before : after));
  if (candidates.length > 0) return Math.min(...candidates);
  // Local midnight does not exist: find the change itself, the first instant past midnight.
  let low = midnight - before - DAY_MS;
  let high = midnight - after + DAY_MS;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (mid + offsetAt(zone, mid) >= midnight) high = mid;
    else low = mid;
  }
  return high;
}

/** The end of a local day: the instant the next one begins. Anything before it is on that day. */
export const endOfLocalDay = (zone: string, day: number): number => startOfLocalDay(zone, day + 1);

/**
 * The end of the `count`-th working day after the local day of `fromMs` (the day itself does
 * not count, whatever the hour).
 */
export function endOfWorkingDaysAfter(zone: string, workdays: readonly Weekday[], fromMs: number, count: number): number {
  let day = localTime(zone, fromMs).day;
  let found = 0;
  while (found < count) {
    day += 1;
    if (workdays.includes(weekdayOf(day))) found += 1;
  }
  return endOfLocalDay(zone, day);
}

/**
 * A wall-clock time in a zone (`2026-03-29T10:30` in `Europe/Berlin`) as an instant: how a
 * manager records when a call happened, as the client lived it. Undefined when it is not such
 * a time. Two passes settle the offset on either side of a daylight-saving change.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;


export function zonedTimeToInstant(local: string, timeZone: string): Date | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = naive - offsetAt(timeZone, naive);
  return new Date(naive - offsetAt(timeZone, first));
}
