/**
 * Messages that an event in the log owes someone, and that have not gone out yet.
 *
 * A request that logs something (a client's question, note or "not what I needed", a manager's
 * answer or incident, a bounce SES reported) sends the message it calls for right after. If it
 * dies between the two, or the send fails, the log already holds the fact and nothing would
 * ever send the message. So the engagement workflow asks this module, at every plan, which
 * messages are still owed, and sends them: the log is what happened, and every message follows
 * from it. A message counts as sent once its send is logged (`email-sent` with its purpose and
 * ref, which the send guard logs with the send itself), so a message already on its way
 * elsewhere is sent once, by whichever attempt holds its guard.
 *
 * Each message's purpose, ref and guard sequence are given here, once, for both the request
 * that sends it at once and the workflow that sends it late.
 */
import type { EngagementEvent, EmailOutcome } from './events.js';
import type { Channel } from './expectations.js';
import { deliveryRef } from './milestones.js';

export const OWED_MESSAGE_KINDS = [
  'rejection-alert', 'not-received-alert', 'client-question', 'client-note', 'question-answer', 'incident',
] as const;
export type OwedMessageKind = (typeof OWED_MESSAGE_KINDS)[number];

/** A message owed because of one logged event (`eventId`); `ref` is its ref and guard sequence. */
export interface OwedMessage {
  kind: OwedMessageKind;
  eventId: string;
  ref: string;
}

/** Outcomes that mean a message did not reach its reader. */
export const NOT_RECEIVED: ReadonlySet<EmailOutcome> = new Set(['bounced', 'complained', 'rejected']);

/** The manager's alert about a client's "not received" or "not what I needed" for one delivery. */
export const rejectionAlertRef = (answer: string, milestoneId: string, delivery: number) => `${answer}:${deliveryRef(milestoneId, delivery)}`;
/** The manager's alert about a client email that did not arrive. */
export const notReceivedAlertRef = (messageId: string) => `bounced:${messageId}`;
/** The manager's task to reach the client about an incident, when their emergency channel is not email. */
export const incidentTaskRef = (incidentId: string) => `incident:${incidentId}`;

/** Purpose and ref of the email each owed message is, as logged when it is sent. */
function sentKey(kind: OwedMessageKind, ref: string, emergencyChannel: Channel): string {
  switch (kind) {
    case 'rejection-alert':
    case 'not-received-alert':
      return `manager-alert:${ref}`;
    case 'incident':
      return emergencyChannel === 'email' ? `incident:${ref}` : `manager-task:${incidentTaskRef(ref)}`;
    default:
      return `${kind}:${ref}`;
  }
}

/**
 * Every message the log owes and has not sent, oldest first. `emergencyChannel` is the client's
 * current channel for emergencies (an incident is emailed to them, or given to the manager as a
 * task to call, message or meet them).
 */
export function owedMessages(events: readonly EngagementEvent[], emergencyChannel: Channel): OwedMessage[] {
  const sent = new Set<string>();
  const clientMessages = new Set<string>();
  /** Notes forwarded before notes had a ref: a ref-less forward at or after a note covers it. */
  let lastRefLessNoteForward = '';
  for (const e of events) {
    if (e.type !== 'email-sent') continue;
    if (e.ref) sent.add(`${e.purpose}:${e.ref}`);
    else if (e.purpose === 'client-note' && e.at > lastRefLessNoteForward) lastRefLessNoteForward = e.at;
    if (e.recipient === 'client') clientMessages.add(e.messageId);
  }

  const owed: OwedMessage[] = [];
  const deliveries = new Map<string, number>();
  for (const e of events) {
    const owe = (kind: OwedMessageKind, ref: string) => owed.push({ kind, eventId: e.id, ref });
    switch (e.type) {
      case 'milestone-delivered':
        deliveries.set(e.milestoneId, (deliveries.get(e.milestoneId) ?? 0) + 1);
        break;
      case 'outcome-rejected':
        owe('rejection-alert', rejectionAlertRef(e.reason, e.milestoneId, deliveries.get(e.milestoneId) ?? 0));
        break;
      case 'email-outcome':
        if (NOT_RECEIVED.has(e.outcome) && clientMessages.has(e.messageId)) owe('not-received-alert', notReceivedAlertRef(e.messageId));
        break;
      case 'client-question':
        owe('client-question', e.questionId);
        break;
      case 'client-note':
        if (e.at > lastRefLessNoteForward) owe('client-note', clientNoteRef(e.engagementId, e.page, e.text));
        break;
      case 'question-answered':
        if (e.text) owe('question-answer', e.questionId);
        break;
      case 'incident-opened':
        owe('incident', e.incidentId);
        break;
      default:
        break;
    }
  }
  const seen = new Set<string>();
  return owed.filter(({ kind, ref }) => {
    const key = sentKey(kind, ref, emergencyChannel);
    // Two events may owe one message (a bounce reported twice, the same note sent twice).
    if (sent.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One ref (and guard sequence) per distinct note of an engagement, so the same note sent twice
 * (a double click) is forwarded once: 64 bits of two FNV-1a hashes, so the domain needs no
 * crypto module.
 */
export function clientNoteRef(engagementId: string, page: string, text: string): string {
  const input = `${engagementId}\n${page}\n${text}`;
  return `note-${fnv1a(input, 0x811c9dc5).toString(36)}-${fnv1a(input, 0x9747b28c).toString(36)}`;
}

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (const char of text) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
