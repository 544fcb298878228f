/**
 * The event log, read once into the facts the rules ask about: time-ordered, grouped by what
 * they concern (a milestone, a message, a question, a scope request).
 *
 * Contract: events after "now" have not happened and are left out. Order is by time, then by
 * id, so the facts (and everything computed from them) are the same whatever order the log
 * came in. Every list below is in that order.
 *
 * Cost: one pass; per event, one small object (its instant and the event) and a place in the
 * lists that concern it; per message, question and scope request, one record that joins its
 * events as they are read.
 */
import type { EmailPurpose, EngagementEvent } from '../events.js';
import type { Channel } from '../expectations.js';
import { instantMs } from './instants.js';

export type EventOf<T extends EngagementEvent['type']> = Extract<EngagementEvent, { type: T }>;

/** An event with its instant read once, in ms. */
export interface Timed<E extends EngagementEvent = EngagementEvent> {
  readonly ms: number;
  readonly e: E;
}

/** How `Timed` is made: a class, not a literal (see "Allocation" in index.ts). */
class TimedEvent implements Timed {
  constructor(readonly ms: number, readonly e: EngagementEvent) {}
}

/** A contact with the client: an email to them or a recorded touchpoint; `e.kind` is its kind. */
export type Contact = Timed<EventOf<'email-sent'> | EventOf<'touchpoint-recorded'>>;

/** The channel a contact went by. An email is an email, whatever channel field the event carries. */
export const channelOf = (contact: Contact): Channel => (contact.e.type === 'email-sent' ? 'email' : contact.e.channel);

/** A message to the client: its first send (which counts), its first failure and its first report of arrival. */
export class Message {
  /** Its first bounce, complaint or refusal. */
  failure: Timed<EventOf<'email-outcome'>> | undefined = undefined;
  /** Its first report of delivery or opening. */
  arrival: Timed<EventOf<'email-outcome'>> | undefined = undefined;
  /** Later sends with the same id (a log should have none). */
  resent: Array<Timed<EventOf<'email-sent'>>> | undefined = undefined;
  constructor(readonly send: Timed<EventOf<'email-sent'>>) {}
}

export interface Facts {
  /** Every event up to now, in order. */
  all: Timed[];
  /** Informational touchpoints that reached the client: emails that did not fail, recorded contacts. */
  informational: Timed[];
  /** Contacts with the client whose channel and hour their terms govern. */
  contacts: Contact[];
  /** Messages to the client, each joined with its outcomes, in the order they were first sent. */
  messages: Message[];
  /** Those that failed, in the order they failed. */
  failed: Message[];
  deliveries: Map<string, Timed<EventOf<'milestone-delivered'>>[]>;
  /** The client's verdicts on a milestone: confirmations and rejections, in order. */
  verdicts: Map<string, Timed<EventOf<'outcome-confirmed'> | EventOf<'outcome-rejected'>>[]>;
  shifts: Map<string, Timed<EventOf<'deadline-shifted'>>[]>;
  /** Client questions, each asked and answered, in the order they first appear. */
  questions: Question[];
  /** Scope requests, each recorded, decided and announced, in the order they first appear. */
  scopeRequests: ScopeRequest[];
}

/** Everything the log says about one client question (any of it may be missing). */
export class Question {
  /** When it was first asked. */
  asked: Timed<EventOf<'client-question'>> | undefined = undefined;
  /** Its first answer at or after that. */
  answer: Timed<EventOf<'question-answered'>> | undefined = undefined;
  /** While not asked yet: the first answer at the latest instant so far, which counts if it is asked then. */
  early: Timed<EventOf<'question-answered'>> | undefined = undefined;
}

/** Everything the log says about one scope request (any of it may be missing). */
export class ScopeRequest {
  /** Its first record. */
  recorded: Timed<EventOf<'scope-request-recorded'>> | undefined = undefined;
  decisions: Array<Timed<EventOf<'scope-decision-recorded'>>> | undefined = undefined;
  announcements: Array<Timed<EventOf<'scope-decision-announced'>>> | undefined = undefined;
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
  else map.set(key, listOf(value));
}

/**
 * A new list of one item. A copy of the literal, which has an allocation site: the lists live
 * as long as the evaluation (see "Allocation" in index.ts).
 */
const listOf = <T>(item: T): T[] => [item].slice();

/** The entry for `id`, made on first sight and listed: `make` is a class, for the reason `listOf` copies. */
function entry<T>(byId: Map<string, T>, list: T[], id: string, make: new () => T): T {
  let found = byId.get(id);
  if (!found) {
    found = new make();
    byId.set(id, found);
    list.push(found);
  }
  return found;
}

/** Log order: by time, then by id. */
export const byTime = (a: Timed, b: Timed): number => a.ms - b.ms || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0);

export function factsOf(events: readonly EngagementEvent[], now: number): Facts {
  // Logs are stored in time order, so the events are filed as they are read, in one pass;
  // only a log found out of order is sorted and filed again. Reading events (objects of many
  // shapes) is what costs, so each is read once, in one loop.
  const all = events.map(timed);
  return file(all, now) ?? file(all.sort(byTime), now) as Facts;
}

/** An event with its instant read. */
const timed = (e: EngagementEvent): Timed => new TimedEvent(instantMs(e.at), e);

/** Files each event up to now where the rules will look for it; nothing if they are out of order. */
function file(all: Timed[], now: number): Facts | undefined {
  const facts: Facts = {
    all: [], informational: [], contacts: [], messages: [], failed: [],
    deliveries: new Map(), verdicts: new Map(), shifts: new Map(), questions: [], scopeRequests: [],
  };
  const messages = new Map<string, Message>();
  const failures = new Map<string, Timed<EventOf<'email-outcome'>>>();
  const questions = new Map<string, Question>();
  const scopeRequests = new Map<string, ScopeRequest>();
  // Reports of arrival read before any send of their message to the client: early ones (a log
  // should have none), or of messages to someone else.
  const early: Array<Timed<EventOf<'email-outcome'>>> = [];
  let last: Timed | undefined;
  let later = 0;
  // Indexed, not for…of, as every long loop here: see "Allocation" in index.ts.
  for (let i = 0; i < all.length; i += 1) {
    const t = all[i] as Timed;
    const { ms, e } = t;
    if (!(ms <= now)) {
      later += 1;
      continue;
    }
    if (last && byTime(last, t) > 0) return undefined;
    last = t;
    // Narrowing `e` does not narrow its wrapper: each `t as Timed<typeof e>` below is that step.
    switch (e.type) {
      // Each outcome is joined to its message as it is read, moments after the send it follows.
      case 'email-sent': {
        if (e.recipient !== 'client') break;
        const message = messages.get(e.messageId);
        if (message) (message.resent ??= []).push(t as Timed<typeof e>);
        else {
          const sent = new Message(t as Timed<typeof e>);
          messages.set(e.messageId, sent);
          facts.messages.push(sent);
        }
        if (e.kind === 'informational') facts.informational.push(t);
        if (!KICKOFF_PURPOSES.has(e.purpose)) facts.contacts.push(t as Timed<typeof e>);
        break;
      }
      case 'email-outcome':
        if (e.outcome === 'delivered' || e.outcome === 'opened') {
          const message = messages.get(e.messageId);
          if (!message) early.push(t as Timed<typeof e>);
          else message.arrival ??= t as Timed<typeof e>;
        } else if (!failures.has(e.messageId)) {
          failures.set(e.messageId, t as Timed<typeof e>);
        }
        break;
      case 'touchpoint-recorded':
        if (e.kind === 'informational') facts.informational.push(t);
        facts.contacts.push(t as Timed<typeof e>);
        break;
      case 'milestone-delivered': push(facts.deliveries, e.milestoneId, t as Timed<typeof e>); break;
      case 'outcome-confirmed':
      case 'outcome-rejected': push(facts.verdicts, e.milestoneId, t as Timed<typeof e>); break;
      case 'deadline-shifted': push(facts.shifts, e.milestoneId, t as Timed<typeof e>); break;
      case 'client-question': {
        const question = entry(questions, facts.questions, e.questionId, Question);
        if (question.asked) break;
        question.asked = t as Timed<typeof e>;
        if (question.early?.ms === ms) question.answer = question.early;
        break;
      }
      // An answer logged before its question counts only if given at the same instant.
      case 'question-answered': {
        const question = entry(questions, facts.questions, e.questionId, Question);
        if (question.asked) question.answer ??= t as Timed<typeof e>;
        else if (!question.early || question.early.ms < ms) question.early = t as Timed<typeof e>;
        break;
      }
      case 'scope-request-recorded':
        entry(scopeRequests, facts.scopeRequests, e.scopeRequestId, ScopeRequest).recorded ??= t as Timed<typeof e>;
        break;
      case 'scope-decision-recorded': {
        const request = entry(scopeRequests, facts.scopeRequests, e.scopeRequestId, ScopeRequest);
        if (request.decisions) request.decisions.push(t as Timed<typeof e>);
        else request.decisions = listOf(t as Timed<typeof e>);
        break;
      }
      case 'scope-decision-announced': {
        const request = entry(scopeRequests, facts.scopeRequests, e.scopeRequestId, ScopeRequest);
        if (request.announcements) request.announcements.push(t as Timed<typeof e>);
        else request.announcements = listOf(t as Timed<typeof e>);
        break;
      }
      default: break;
    }
  }
  facts.all = later === 0 ? all : all.filter((t) => t.ms <= now);
  // A report read before its send is still the first: the latest such goes last, the earliest wins.
  for (let i = early.length - 1; i >= 0; i -= 1) {
    const report = early[i] as Timed<EventOf<'email-outcome'>>;
    const message = messages.get(report.e.messageId);
    if (message) message.arrival = report;
  }
  if (failures.size > 0) joinFailures(facts, messages, failures);
  return facts;
}

/** Joins each failure to its message, and forgets the informational emails among those. */
function joinFailures(facts: Facts, messages: Map<string, Message>, failures: Map<string, Timed<EventOf<'email-outcome'>>>): void {
  const failedSends = new Set<Timed>();
  for (const [messageId, failure] of failures) {
    const message = messages.get(messageId);
    if (!message) continue;
    message.failure = failure;
    facts.failed.push(message);
    failedSends.add(message.send);
    for (const send of message.resent ?? []) failedSends.add(send);
  }
  // "Sent" is not "received": a message that bounced or was refused informed nobody.
  if (failedSends.size > 0) facts.informational = facts.informational.filter((t) => !failedSends.has(t));
}

const anything = () => true;

/** The first item at or after `ms` in a time-ordered list (that also meets `where`). */
export function firstFrom<T extends { ms: number }>(list: readonly T[] | undefined, ms: number, where: (item: T) => boolean = anything): T | undefined {
  if (!list) return undefined;
  for (const item of list) if (item.ms >= ms && where(item)) return item;
  return undefined;
}
