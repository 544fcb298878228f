/**
 * Local wall-clock times in a named IANA time zone, converted to instants. A manager records
 * when a call happened as the client lived it ("Tuesday 10:30, Berlin"); the log stores the
 * instant. Daylight saving is handled by asking Intl for the zone's offset at that moment.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - instant) / 60_000);
}

/** `2026-03-29T10:30` in `Europe/Berlin` → the instant; undefined when it is not such a time. */
export function zonedTimeToInstant(local: string, timeZone: string): Date | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = naive - offsetMinutes(naive, timeZone) * 60_000;
  return new Date(naive - offsetMinutes(first, timeZone) * 60_000);
}
