/**
 * Workflow step "Escalate to manager": the client has not answered the kickoff after the
 * reminders; the manager gets an email with the facts and a link to the engagement.
 */
import * as z from 'zod';
import { awaitsFirstKickoffAnswer } from '../domain/engagement.js';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  sequence: z.number().int().min(1).max(100),
  remindersSent: z.number().int().min(0).max(100),
});

export const makeEscalateKickoff = (deps: Pick<Deps, 'store' | 'mailer' | 'publicBaseUrl'>) => async (event: unknown) => {
  const { engagementId, sequence, remindersSent } = parseStepInput(inputSchema, event);
  const engagement = await deps.store.requireEngagement(engagementId);
  if (!awaitsFirstKickoffAnswer(engagement)) return { sent: false, reason: 'already answered' };

  const content = renderEmail({
    type: 'kickoff-escalation',
    managerName: engagement.manager.name,
    clientName: engagement.client.name,
    clientEmail: engagement.client.email,
    engagementTitle: engagement.title,
    remindersSent,
    invitedAt: engagement.createdAt,
    engagementUrl: managerEngagementUrl(deps, engagementId),
  }, engagement.locale);
  const result = await deps.mailer.sendOnce({
    engagementId,
    purpose: 'kickoff-escalation',
    sequence,
    to: engagement.manager.email,
    recipient: 'manager',
    kind: 'regular',
    content,
  });
  return { sent: result.sentNow, messageId: result.messageId };
};

export const handler = lambdaStep(makeEscalateKickoff, (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps) };
});
