/**
 * Records what SES says became of our emails (delivered, bounced, complained, rejected,
 * opened), from the configuration set's events on EventBridge. "Sent" is not "received": a
 * bounce or a complaint on a client's email alerts the manager and wakes the engagement
 * workflow, so the message it stood for is due again.
 *
 * SES's Send event (the first one of every message it takes) also completes the message's send
 * guard if its step died after SES took the message but before recording the send: the send is
 * logged, and the step's retry does not send it again (email.ts).
 *
 * Events may arrive twice or out of order; each (message, outcome) is recorded once. Events
 * of messages that are not ours (no engagement tag) are ignored.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import type { EmailOutcome } from '../domain/events.js';
import { sentUnderTags } from '../adapters/email.js';
import { sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { recordEmailOutcome } from '../use-cases/record-email-outcome.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const OUTCOME_BY_EVENT_TYPE: Record<string, EmailOutcome> = {
  Delivery: 'delivered',
  Bounce: 'bounced',
  Complaint: 'complained',
  Reject: 'rejected',
  Open: 'opened',
};

const sesEventSchema = z.object({
  source: z.literal('aws.ses'),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({
      messageId: z.string().min(1).max(256),
      timestamp: z.string(),
      destination: z.array(z.string()).default([]),
      tags: z.record(z.string(), z.array(z.string())).default({}),
    }),
    bounce: z.object({ bounceType: z.string() }).optional(),
  }),
  time: z.iso.datetime({ offset: true }),
});

export const makeRecordEmailEvent = (deps: Pick<Deps, 'store' | 'mailer' | 'sfn' | 'publicBaseUrl'>) => async (event: unknown) => {
  const { detail, time } = parseStepInput(sesEventSchema, event);
  const sentUnder = detail.eventType === 'Send' ? sentUnderTags(detail.mail.tags) : undefined;
  if (sentUnder) await deps.store.recordReportedSend({ ...sentUnder, messageId: detail.mail.messageId, at: new Date(time) });
  const engagementId = detail.mail.tags.engagement?.[0];
  const outcome = OUTCOME_BY_EVENT_TYPE[detail.eventType];
  // A transient bounce is retried by SES itself; only a permanent one means "not received".
  const softBounce = detail.eventType === 'Bounce' && detail.bounce?.bounceType !== 'Permanent';
  if (!engagementId || !outcome || softBounce) return { recorded: false };
  const recorded = await recordEmailOutcome(deps, {
    engagementId, messageId: detail.mail.messageId, outcome, at: new Date(time), destination: detail.mail.destination,
  });
  return { recorded };
};

export const handler = lambdaStep(makeRecordEmailEvent, (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps), sfn: new SFNClient({}) };
});
