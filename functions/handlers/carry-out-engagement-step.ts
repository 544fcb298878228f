/**
 * Workflow step "Carry out the step": sends the one email (or records the one checkpoint) the
 * plan called for. Each effect happens at most once, so a retry or a replay is harmless.
 */
import * as z from 'zod';
import { NOTICE_KINDS } from '../domain/client-notices.js';
import { CHANNELS } from '../domain/expectations.js';
import { OWED_MESSAGE_KINDS } from '../domain/owed-messages.js';
import { linkSigner, sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { carryOutEngagementStep } from '../use-cases/engagement-steps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const delivery = { milestoneId: z.string().regex(/^m[0-9]{1,3}$/), delivery: z.number().int().min(1) };
const notice = { notice: z.object({ kind: z.enum(NOTICE_KINDS), id: z.string().regex(/^[a-z0-9-]{1,64}$/) }) };
const owed = z.object({ kind: z.enum(OWED_MESSAGE_KINDS), eventId: z.string().min(1).max(128), ref: z.string().min(1).max(256) });
const stepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('send-owed-message'), message: owed }),
  z.object({ action: z.literal('request-confirmation'), ...delivery }),
  z.object({ action: z.literal('follow-up-confirmation'), ...delivery }),
  z.object({ action: z.literal('alert-unconfirmed'), ...delivery }),
  z.object({ action: z.literal('send-notice'), ...notice }),
  z.object({ action: z.literal('remind-notice'), ...notice }),
  z.object({ action: z.literal('alert-unanswered-notice'), ...notice }),
  z.object({ action: z.literal('checkpoint'), milestoneId: delivery.milestoneId }),
  z.object({ action: z.literal('status-update'), dueAt: z.iso.datetime() }),
  z.object({ action: z.literal('manager-task'), dueAt: z.iso.datetime(), channel: z.enum(CHANNELS).exclude(['email']) }),
  z.object({ action: z.literal('close-out') }),
]);
const inputSchema = z.object({ engagementId: z.string().min(1), step: stepSchema });

export const makeCarryOutEngagementStep = (deps: Omit<Deps, 'sfn'>) => async (event: unknown) => {
  const { engagementId, step } = parseStepInput(inputSchema, event);
  await carryOutEngagementStep(deps, engagementId, step);
  return { done: step.action };
};

export const handler = lambdaStep(makeCarryOutEngagementStep, async (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps), links: await linkSigner(env) };
});
