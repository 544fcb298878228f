/**
 * The engagement's event log: append-only facts with times. Drift reports are computed from
 * it, so each event says what happened in the client's terms (who, which channel, which kind
 * of communication), not only what our code did.
 */
import * as z from 'zod';
import { channelSchema, COMMUNICATION_KINDS } from './expectations.js';
import { email, isoDate, isoInstant } from './text.js';

export const EMAIL_PURPOSES = [
  'kickoff-invite',
  'kickoff-reminder',
  'kickoff-escalation',
  'what-we-heard',
  'client-note',
  'workflow-stalled',
  'status-update',
  'confirmation-request',
  'confirmation-follow-up',
  'manager-task',
  'manager-alert',
  'checkpoint-note',
  'client-question',
  'question-answer',
  'incident',
  'close-out-report',
  'close-out-summary',
  'pre-drift-digest',
  'scope-decision',
  'scope-decision-reminder',
  'scope-answer',
  'deadline-shift-notice',
  'deadline-shift-reminder',
] as const;
export const emailPurposeSchema = z.enum(EMAIL_PURPOSES);
export type EmailPurpose = z.infer<typeof emailPurposeSchema>;

const base = { id: z.string().min(1).max(80), engagementId: z.string().min(1).max(64), at: isoInstant };
const milestoneId = z.string().regex(/^m[0-9]{1,3}$/);
const localId = z.string().min(1).max(64);

/**
 * What the engagement's rule (or the manager) decided about a request beyond the contract;
 * `client-chooses` offers the client extra pay or a later date (or to withdraw).
 */
export const SCOPE_DECISIONS = ['bonus', 'extra-pay', 'deadline-shift', 'decline', 'client-chooses'] as const;
export const scopeDecisionSchema = z.enum(SCOPE_DECISIONS);
export type ScopeDecision = z.infer<typeof scopeDecisionSchema>;

/** The client's one-click answer to a decision: noted (a bonus, a decline), a choice, or withdrawing the request. */
export const SCOPE_ANSWERS = ['noted', 'extra-pay', 'later-date', 'withdrawn'] as const;
export const scopeAnswerSchema = z.enum(SCOPE_ANSWERS);
export type ScopeAnswer = z.infer<typeof scopeAnswerSchema>;

/** What SES reported about a message after it left us. */
export const EMAIL_OUTCOMES = ['delivered', 'bounced', 'complained', 'rejected', 'opened'] as const;
export type EmailOutcome = (typeof EMAIL_OUTCOMES)[number];

export const engagementEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('engagement-created'), by: z.string().max(128) }),
  z.object({
    ...base,
    type: z.literal('email-sent'),
    purpose: emailPurposeSchema,
    recipient: z.enum(['client', 'manager']),
    to: email,
    messageId: z.string().max(256),
    kind: z.enum(['regular', 'informational', 'emergency']),
    channel: channelSchema,
    /** What the message is about, when a purpose repeats: `m2#1` (milestone 2, delivery 1), an update's due date… */
    ref: z.string().max(64).optional(),
  }),
  z.object({ ...base, type: z.literal('kickoff-answered'), version: z.number().int().min(1), round: z.number().int().min(0) }),
  z.object({ ...base, type: z.literal('client-note'), text: z.string().max(5000), page: z.string().max(64) }),
  z.object({ ...base, type: z.literal('kickoff-unanswered') }),
  z.object({ ...base, type: z.literal('expectations-agreed'), version: z.number().int().min(1) }),
  /** A step failed beyond its retries: the workflow stopped and the manager was told. */
  z.object({
    ...base, type: z.literal('workflow-stalled'), workflow: z.enum(['kickoff', 'engagement']),
    error: z.string().max(256), cause: z.string().max(2000),
  }),

  // Delivery and its confirmation in the client's world ("sent" is not "received").
  z.object({ ...base, type: z.literal('milestone-delivered'), milestoneId, summary: z.string().max(2000) }),
  z.object({ ...base, type: z.literal('outcome-confirmed'), milestoneId }),
  /** What a milestone's due date found, against the client's expectations. */
  z.object({
    ...base, type: z.literal('checkpoint-recorded'), milestoneId,
    delivered: z.boolean(), onTime: z.boolean(), slipAnnounced: z.boolean().nullable(), cadenceKept: z.boolean(), confirmed: z.boolean(),
  }),
  z.object({
    ...base, type: z.literal('outcome-rejected'), milestoneId,
    reason: z.enum(['not-received', 'not-what-i-needed']), text: z.string().max(5000).optional(),
  }),
  /**
   * A due date moved; `at` is when the client was told (the notice), not when work slipped.
   * `shiftId` names a move the manager recorded (its notice awaits the client's acknowledgement);
   * `scopeRequestId` a move the client chose for one of their requests.
   */
  z.object({
    ...base, type: z.literal('deadline-shifted'), milestoneId, previousDue: isoDate, newDue: isoDate, reason: z.string().max(2000),
    shiftId: localId.optional(), scopeRequestId: localId.optional(), by: z.string().max(128).optional(),
  }),
  /** The client acknowledged the notice of a move, by its link. */
  z.object({ ...base, type: z.literal('deadline-shift-acknowledged'), shiftId: localId, milestoneId }),

  // Communication that is not one of our emails, and what became of our emails.
  z.object({ ...base, type: z.literal('email-outcome'), messageId: z.string().max(256), outcome: z.enum(EMAIL_OUTCOMES) }),
  /** A contact made outside email (a call, a chat, a meeting), recorded by the manager; `at` is when it happened. */
  z.object({
    ...base, type: z.literal('touchpoint-recorded'), kind: z.enum(COMMUNICATION_KINDS), channel: channelSchema,
    summary: z.string().max(2000), by: z.string().max(128),
    /** The recorder's name, for people to read; `by` is their id. */
    byName: z.string().max(200).optional(),
  }),
  z.object({ ...base, type: z.literal('client-question'), questionId: localId, text: z.string().max(5000) }),
  z.object({ ...base, type: z.literal('question-answered'), questionId: localId, by: z.string().max(128), text: z.string().max(5000).optional() }),
  z.object({ ...base, type: z.literal('incident-opened'), incidentId: localId, summary: z.string().max(2000) }),

  // Close-out.
  z.object({ ...base, type: z.literal('engagement-closed'), surveySent: z.boolean() }),
  z.object({
    ...base, type: z.literal('survey-answered'), rating: z.number().int().min(1).max(5),
    recommend: z.enum(['yes', 'maybe', 'no']), keep: z.string().max(5000).optional(), change: z.string().max(5000).optional(),
  }),

  // The scope register. A request's `at` is when the client asked.
  z.object({
    ...base, type: z.literal('scope-request-recorded'), scopeRequestId: localId, summary: z.string().max(2000),
    effortHours: z.number().min(0).max(10_000), askedBy: z.string().max(200),
    /** The manager marked it as of a kind the client's rule always declines. */
    ofDeclinedKind: z.boolean().optional(), by: z.string().max(128).optional(),
  }),
  /**
   * `price` is what extra pay costs the client (extra-pay, client-chooses); `shiftMilestoneId`,
   * `shiftPreviousDue` and `shiftNewDue` the later date a deadline shift offers, against the due
   * date in force when it was decided (deadline-shift, client-chooses).
   */
  z.object({
    ...base, type: z.literal('scope-decision-recorded'), scopeRequestId: localId,
    decision: scopeDecisionSchema, proposed: scopeDecisionSchema, overrideReason: z.string().max(2000).optional(),
    price: z.string().max(40).optional(), shiftMilestoneId: milestoneId.optional(), shiftPreviousDue: isoDate.optional(), shiftNewDue: isoDate.optional(),
    by: z.string().max(128).optional(),
  }),
  z.object({ ...base, type: z.literal('scope-decision-announced'), scopeRequestId: localId, asBonus: z.boolean() }),
  z.object({ ...base, type: z.literal('scope-decision-answered'), scopeRequestId: localId, answer: scopeAnswerSchema }),
]);
export type EngagementEvent = z.infer<typeof engagementEventSchema>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the log gives it an id and a time. */
export type NewEvent = DistributiveOmit<EngagementEvent, 'id' | 'at'>;
