/**
 * The client's expectations, as data: the five dimensions of the brief. Every field has a unit
 * in its name and bounds in its schema, because drift is measured against these numbers later.
 *
 * `expectationsSchema` validates a whole, stored or submitted set. The kickoff form posts
 * strings; `kickoff.ts` turns those into this shape.
 */
import * as z from 'zod';
import { optionalText, text } from './text.js';

export const CHANNELS = ['email', 'phone', 'chat', 'meeting'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const COMMUNICATION_KINDS = ['regular', 'informational', 'emergency'] as const;
export type CommunicationKind = (typeof COMMUNICATION_KINDS)[number];

export const INVOLVEMENT_LEVELS = ['hands-off', 'informed', 'involved', 'co-creating'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const LARGER_REQUEST_HANDLING = ['client-chooses', 'extra-pay', 'deadline-shift', 'decline'] as const;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24 h)');

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    // Intl accepts some legacy aliases; a real IANA zone has a slash (or is UTC).
    return zone === 'UTC' || zone.includes('/');
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().trim().max(64)
  .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/Berlin');

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const workingHoursSchema = z.object({
  start: clockTime,
  end: clockTime,
  days: z.array(z.enum(WEEKDAYS)).min(1, 'choose at least one working day').max(7)
    .transform((days) => WEEKDAYS.filter((d) => days.includes(d))),
  timeZone: timeZoneSchema,
}).refine((h) => minutesOf(h.end) > minutesOf(h.start), {
  message: 'working hours must end after they start',
  path: ['end'],
});

export const processSchema = z.object({
  involvement: z.enum(INVOLVEMENT_LEVELS),
  milestoneApprovalRequired: z.boolean(),
  workingHours: workingHoursSchema,
  decisionMaker: text(200),
});

export const paceSchema = z.object({
  updateCadenceDays: z.number().int('must be whole days').min(1, 'at least 1 day').max(30, 'at most 30 days'),
  maxSilenceDays: z.number().int('must be whole days').min(1, 'at least 1 day').max(60, 'at most 60 days'),
  responseTimeHours: z.number().int('must be whole hours').min(1, 'at least 1 hour').max(168, 'at most 168 hours'),
  slipNoticeDays: z.number().int('must be whole days').min(0, 'cannot be negative').max(60, 'at most 60 days'),
  dueDateToleranceDays: z.number().int('must be whole days').min(0, 'cannot be negative').max(30, 'at most 30 days'),
}).refine((p) => p.maxSilenceDays >= p.updateCadenceDays, {
  message: 'the longest silence cannot be shorter than the update cadence',
  path: ['maxSilenceDays'],
});

export const channelsSchema = z.object({
  regular: channelSchema,
  informational: channelSchema,
  emergency: channelSchema,
});

export const outcomeSchema = z.object({
  businessResult: text(2000),
  successSignal: text(2000),
  confirmationWindowDays: z.number().int('must be whole days').min(1, 'at least 1 day').max(30, 'at most 30 days'),
});

/** The engagement's own rule for requests beyond the contract. */
export const scopeRuleSchema = z.object({
  bonusUpToHours: z.number().min(0, 'cannot be negative').max(80, 'at most 80 hours'),
  largerRequests: z.enum(LARGER_REQUEST_HANDLING),
  alwaysDeclined: optionalText(1000),
});

export const expectationsSchema = z.object({
  process: processSchema,
  pace: paceSchema,
  channels: channelsSchema,
  outcome: outcomeSchema,
  scope: scopeRuleSchema,
});

export type Expectations = z.infer<typeof expectationsSchema>;
export type WorkingHours = z.infer<typeof workingHoursSchema>;
export type ScopeRule = z.infer<typeof scopeRuleSchema>;
