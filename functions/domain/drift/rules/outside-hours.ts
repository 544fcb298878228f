/**
 * Outside hours (process): a non-emergency contact with the client outside their working days
 * or hours, in their time zone.
 *
 * Contract: the contact's local weekday and time come from the client's IANA zone (DST
 * included). Working hours include both ends: 09:00–18:00 means a contact at 18:00:00 is in
 * hours, at 18:00:01 not. On a working day it is low; on a day off it is medium. One finding per
 * contact, at that instant, judged by the terms in force then. Emergencies are exempt: they are
 * urgent for this client by definition.
 */
import type { RuleContext } from '../context.js';
import { drift, eventEvidence, type Drift } from '../drift.js';
import type { Contact } from '../log.js';
import { cite } from '../terms.js';
import { MINUTE_MS, localTime } from '../../zoned-time.js';

/** `HH:MM` for each minute of a day, written once. */
const CLOCK = Array.from({ length: 24 * 60 }, (_, minute) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);

export function outsideHours(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  const { contacts } = ctx.facts;
  for (let i = 0; i < contacts.length; i += 1) {
    const t = contacts[i] as Contact;
    if (t.e.kind === 'emergency') continue;
    const terms = ctx.timeline.at(t.ms);
    if (!terms) continue;
    const hours = terms.expectations.process.workingHours;
    const local = localTime(hours.timeZone, t.ms);
    const workday = hours.days.includes(local.weekday);
    if (workday && local.msOfDay >= terms.workingDay.startMs && local.msOfDay <= terms.workingDay.endMs) continue;

    const localClock = CLOCK[Math.floor(local.msOfDay / MINUTE_MS)] as string;
    found.push(drift({
      kind: 'outside-hours',
      subject: t.e.id,
      steps: [{ at: t, severity: workday ? 'low' : 'medium' }],
      closedAt: t,
      cites: workday
        ? [cite(terms, 'process.workingHours.start'), cite(terms, 'process.workingHours.end'), cite(terms, 'process.workingHours.timeZone')]
        : [cite(terms, 'process.workingHours.days'), cite(terms, 'process.workingHours.timeZone')],
      evidence: [eventEvidence(t)],
      explanation: workday
        ? { key: 'outside-hours.hours', params: { weekday: local.weekday, localTime: localClock, start: hours.start, end: hours.end, timeZone: hours.timeZone } }
        : { key: 'outside-hours.day-off', params: { weekday: local.weekday, localTime: localClock, timeZone: hours.timeZone } },
    }));
  }
  return found;
}
