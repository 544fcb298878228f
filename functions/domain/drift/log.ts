/**
 * The event log, read once into the facts the rules ask about: time-ordered, grouped by what
 * they concern (a milestone, a message, a question, a scope request).
 *
 * Contract: events after "now" have not happened and are left out. Order is by time, then by
 * id, so the facts (and everything computed from them) are the same whatever order the log
 * came in. Every list below is in that order.
 */
import type { EmailPurpose, EngagementEvent } from '../events.js';
import type { Channel, CommunicationKind } from '../expectations.js';

export type EventOf<T extends EngagementEvent['type']> = Extract<EngagementEvent, { type: T }>;

/** An event with its instant read once, in ms. */
export interface Timed<E extends EngagementEvent = EngagementEvent> {
  ms: number;
  e: E;
}

/** A contact with the client: its kind of communication and the channel it went by. */
export interface Contact {
  t: Timed;
  kind: CommunicationKind;
  channel: Channel;
}

export interface Facts {
  /** Every event up to now, in order. */
  all: Timed[];
  /** Informational touchpoints that reached the client: emails that did not fail, recorded contacts. */
  informational: Timed[];
  /** Contacts with the client whose channel and hour their terms govern. */
  contacts: Contact[];
  /** Emails to the client. */
  clientEmails: Timed<EventOf<'email-sent'>>[];
  /** The first bounce, complaint or rejection of each message. */
  failedMessages: Map<string, Timed<EventOf<'email-outcome'>>>;
  /** Reports of a message delivered or opened. */
  arrivals: Timed<EventOf<'email-outcome'>>[];
  deliveries: Map<string, Timed<EventOf<'milestone-delivered'>>[]>;
  /** The client's verdicts on a milestone: confirmations and rejections, in order. */
  verdicts: Map<string, Timed<EventOf<'outcome-confirmed'> | EventOf<'outcome-rejected'>>[]>;
  shifts: Map<string, Timed<EventOf<'deadline-shifted'>>[]>;
  /** The first time each question was asked. */
  questions: Map<string, Timed<EventOf<'client-question'>>>;
  answers: Map<string, Timed<EventOf<'question-answered'>>[]>;
  /** The first record of each scope request. */
  scopeRequests: Map<string, Timed<EventOf<'scope-request-recorded'>>>;
  scopeDecisions: Timed<EventOf<'scope-decision-recorded'>>[];
  decisionsByRequest: Map<string, Timed<EventOf<'scope-decision-recorded'>>[]>;
  announcements: Map<string, Timed<EventOf<'scope-decision-announced'>>[]>;
}

/**
 * The kickoff is run by email by design (the client has no account, only links), and "what
 * we heard" answers the client's own submission the moment it arrives: holding those to the
 * channel and hours the client chose in that very form would flag the product itself.
 */
const KICKOFF_PURPOSES: ReadonlySet<EmailPurpose> = new Set(['kickoff-invite', 'kickoff-reminder', 'what-we-heard']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * An ISO instant in ms, as `Date.parse` reads it. The log's own instants are UTC with or
 * without milliseconds (`2026-03-02T10:00:00.000Z`); those are read digit by digit, three
 * times faster than `Date.parse`, which matters over millions of events. Anything else (an
 * offset, more digits) goes to `Date.parse`.
 */
export function instantMs(at: string): number {
  const n = at.length;
  if ((n === 24 || n === 20) && at.charCodeAt(n - 1) === 90 && at.charCodeAt(10) === 84
    && at.charCodeAt(4) === 45 && at.charCodeAt(7) === 45 && at.charCodeAt(13) === 58 && at.charCodeAt(16) === 58) {
    const year = number(at, 0, 4);
    // Date.UTC reads years 0–99 as 1900–1999; leave those to Date.parse.
    if (year >= 100) {
      return Date.UTC(year, number(at, 5, 2) - 1, number(at, 8, 2), number(at, 11, 2), number(at, 14, 2), number(at, 17, 2),
        n === 24 ? number(at, 20, 3) : 0);
    }
  }
  return Date.parse(at);
}

/** The decimal number written in `length` digits from `from`. */
function number(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i += 1) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

const byTime = (a: Timed, b: Timed) => a.ms - b.ms || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0);

export function factsOf(events: readonly EngagementEvent[], now: number): Facts {
  // Logs are stored in time order, so the events are filed as they are read, in one pass;
  // only a log found out of order is sorted and filed again. Reading events (objects of many
  // shapes) is what costs, so each is read once, in one loop.
  const facts = file(events, now);
  if (facts) return facts;
  const ordered = events.map((e) => ({ ms: instantMs(e.at), e })).sort(byTime).map((t) => t.e);
  return file(ordered, now) as Facts;
}

/** Files each event up to now where the rules will look for it; nothing if the log is out of order. */
function file(events: readonly EngagementEvent[], now: number): Facts | undefined {
  const facts: Facts = {
    all: [], informational: [], contacts: [], clientEmails: [], failedMessages: new Map(), arrivals: [],
    deliveries: new Map(), verdicts: new Map(), shifts: new Map(), questions: new Map(), answers: new Map(),
    scopeRequests: new Map(), scopeDecisions: [], decisionsByRequest: new Map(), announcements: new Map(),
  };
  let last: Timed | undefined;
  for (const e of events) {
    const ms = instantMs(e.at);
    if (!(ms <= now)) continue;
    const t: Timed = { ms, e };
    if (last && byTime(last, t) > 0) return undefined;
    facts.all.push(t);
    last = t;
    // Narrowing `e` does not narrow its wrapper: each `t as Timed<typeof e>` below is that step.
    switch (e.type) {
      case 'email-sent':
        if (e.recipient !== 'client') break;
        facts.clientEmails.push(t as Timed<typeof e>);
        if (e.kind === 'informational') facts.informational.push(t);
        // An email is an email, whatever channel field the event carries.
        if (!KICKOFF_PURPOSES.has(e.purpose)) facts.contacts.push({ t, kind: e.kind, channel: 'email' });
        break;
      // Failures are rare and always joined; arrivals matter only once something failed.
      case 'email-outcome':
        if (e.outcome === 'delivered' || e.outcome === 'opened') facts.arrivals.push(t as Timed<typeof e>);
        else if (!facts.failedMessages.has(e.messageId)) facts.failedMessages.set(e.messageId, t as Timed<typeof e>);
        break;
      case 'touchpoint-recorded':
        if (e.kind === 'informational') facts.informational.push(t);
        facts.contacts.push({ t, kind: e.kind, channel: e.channel });
        break;
      case 'milestone-delivered': push(facts.deliveries, e.milestoneId, t as Timed<typeof e>); break;
      case 'outcome-confirmed':
      case 'outcome-rejected': push(facts.verdicts, e.milestoneId, t as Timed<typeof e>); break;
      case 'deadline-shifted': push(facts.shifts, e.milestoneId, t as Timed<typeof e>); break;
      case 'client-question': if (!facts.questions.has(e.questionId)) facts.questions.set(e.questionId, t as Timed<typeof e>); break;
      case 'question-answered': push(facts.answers, e.questionId, t as Timed<typeof e>); break;
      case 'scope-request-recorded':
        if (!facts.scopeRequests.has(e.scopeRequestId)) facts.scopeRequests.set(e.scopeRequestId, t as Timed<typeof e>);
        break;
      case 'scope-decision-recorded':
        facts.scopeDecisions.push(t as Timed<typeof e>);
        push(facts.decisionsByRequest, e.scopeRequestId, t as Timed<typeof e>);
        break;
      case 'scope-decision-announced': push(facts.announcements, e.scopeRequestId, t as Timed<typeof e>); break;
      default: break;
    }
  }
  // "Sent" is not "received": a message that bounced or was refused informed nobody.
  if (facts.failedMessages.size > 0) {
    facts.informational = facts.informational.filter((t) => t.e.type !== 'email-sent' || !facts.failedMessages.has(t.e.messageId));
  }
  return facts;
}

const anything = () => true;

/** The first item at or after `ms` in a time-ordered list (that also meets `where`). */
export function firstFrom<T extends { ms: number }>(list: readonly T[] | undefined, ms: number, where: (item: T) => boolean = anything): T | undefined {
  if (!list) return undefined;
  for (const item of list) if (item.ms >= ms && where(item)) return item;
  return undefined;
}
