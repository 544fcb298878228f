/**
 * The event log, read once into the facts the rules ask about: time-ordered, grouped by what
 * they concern (a milestone, a message, a question, a scope request).
 *
 * Contract: events after "now" have not happened and are left out. Order is by time, then by
 * id, so the facts (and everything computed from them) are the same whatever order the log
 * came in. Every list below is in that order.
 */
import type { EngagementEvent } from '../events.js';

export type EventOf<T extends EngagementEvent['type']> = Extract<EngagementEvent, { type: T }>;

export interface Timed<E extends EngagementEvent = EngagementEvent> {
  ms: number;
  e: E;
}

export interface Facts {
  /** Every event up to now, in order. */
  all: Timed[];
  /** Emails to the client, and recorded contacts of any kind. */
  emailsToClient: Timed<EventOf<'email-sent'>>[];
  touchpoints: Timed<EventOf<'touchpoint-recorded'>>[];
  /** The first send of each message to the client, by message id. */
  clientMessages: Map<string, Timed<EventOf<'email-sent'>>>;
  /** The first bounce, complaint or rejection of each message. */
  failedMessages: Map<string, Timed<EventOf<'email-outcome'>>>;
  /** The first delivery or opening of each message. */
  reachedMessages: Map<string, Timed<EventOf<'email-outcome'>>>;
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

const FAILED = new Set(['bounced', 'complained', 'rejected']);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function factsOf(events: readonly EngagementEvent[], now: number): Facts {
  const all: Timed[] = [];
  for (const e of events) {
    const ms = Date.parse(e.at);
    if (ms <= now) all.push({ ms, e });
  }
  all.sort((a, b) => a.ms - b.ms || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));

  const facts: Facts = {
    all, emailsToClient: [], touchpoints: [], clientMessages: new Map(), failedMessages: new Map(), reachedMessages: new Map(),
    deliveries: new Map(), verdicts: new Map(), shifts: new Map(), questions: new Map(), answers: new Map(),
    scopeRequests: new Map(), scopeDecisions: [], decisionsByRequest: new Map(), announcements: new Map(),
  };
  for (const t of all) {
    const { e, ms } = t;
    switch (e.type) {
      case 'email-sent':
        if (e.recipient !== 'client') break;
        facts.emailsToClient.push({ ms, e });
        if (!facts.clientMessages.has(e.messageId)) facts.clientMessages.set(e.messageId, { ms, e });
        break;
      case 'email-outcome': {
        const into = FAILED.has(e.outcome) ? facts.failedMessages : facts.reachedMessages;
        if (!into.has(e.messageId)) into.set(e.messageId, { ms, e });
        break;
      }
      case 'touchpoint-recorded': facts.touchpoints.push({ ms, e }); break;
      case 'milestone-delivered': push(facts.deliveries, e.milestoneId, { ms, e }); break;
      case 'outcome-confirmed':
      case 'outcome-rejected': push(facts.verdicts, e.milestoneId, { ms, e }); break;
      case 'deadline-shifted': push(facts.shifts, e.milestoneId, { ms, e }); break;
      case 'client-question': if (!facts.questions.has(e.questionId)) facts.questions.set(e.questionId, { ms, e }); break;
      case 'question-answered': push(facts.answers, e.questionId, { ms, e }); break;
      case 'scope-request-recorded': if (!facts.scopeRequests.has(e.scopeRequestId)) facts.scopeRequests.set(e.scopeRequestId, { ms, e }); break;
      case 'scope-decision-recorded':
        facts.scopeDecisions.push({ ms, e });
        push(facts.decisionsByRequest, e.scopeRequestId, { ms, e });
        break;
      case 'scope-decision-announced': push(facts.announcements, e.scopeRequestId, { ms, e }); break;
      default: break;
    }
  }
  return facts;
}

/** The first item at or after `ms` in a time-ordered list. */
export function firstFrom<T extends { ms: number }>(list: readonly T[] | undefined, ms: number, where: (item: T) => boolean = () => true): T | undefined {
  if (!list) return undefined;
  for (const item of list) if (item.ms >= ms && where(item)) return item;
  return undefined;
}
