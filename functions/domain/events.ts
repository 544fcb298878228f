/**
 * The engagement's event log: append-only facts with times. Drift reports are computed from
 * it, so each event says what happened in the client's terms (who, which channel, which kind
 * of communication), not only what our code did.
 */
import { z } from 'zod';
import { channelSchema } from './expectations.js';
import { email, isoInstant } from './text.js';

export const EMAIL_PURPOSES = [
  'kickoff-invite',
  'kickoff-reminder',
  'kickoff-escalation',
  'what-we-heard',
  'client-note',
  'kickoff-stalled',
] as const;
export const emailPurposeSchema = z.enum(EMAIL_PURPOSES);
export type EmailPurpose = z.infer<typeof emailPurposeSchema>;

const base = { id: z.string().min(1).max(80), engagementId: z.string().min(1).max(64), at: isoInstant };

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
  }),
  z.object({ ...base, type: z.literal('kickoff-answered'), version: z.number().int().min(1), round: z.number().int().min(0) }),
  z.object({ ...base, type: z.literal('client-note'), text: z.string().max(5000), page: z.string().max(64) }),
  z.object({ ...base, type: z.literal('kickoff-unanswered') }),
  z.object({ ...base, type: z.literal('expectations-agreed'), version: z.number().int().min(1) }),
  /** A step failed beyond its retries: the workflow stopped and the manager was told. */
  z.object({ ...base, type: z.literal('kickoff-stalled'), error: z.string().max(256), cause: z.string().max(2000) }),
]);
export type EngagementEvent = z.infer<typeof engagementEventSchema>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the log gives it an id and a time. */
export type NewEvent = DistributiveOmit<EngagementEvent, 'id' | 'at'>;
