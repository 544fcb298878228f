/**
 * Workflow step "Send kickoff invite" / "Send kickoff reminder": emails the client a fresh
 * signed link to the kickoff form. Sent at most once per sequence (0 = invite, n = reminder n),
 * and not at all once the client has answered.
 */
import * as z from 'zod';
import { kickoffRequestId } from '../domain/client-request.js';
import { awaitsFirstKickoffAnswer } from '../domain/engagement.js';
import { renderEmail } from '../emails/render-email.js';
import { clientLink, linkSigner, sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { statusLink } from '../use-cases/status-link.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  message: z.enum(['invite', 'reminder']),
  sequence: z.number().int().min(0).max(100),
});

export const makeSendKickoffInvite = (deps: Pick<Deps, 'store' | 'clock' | 'mailer' | 'links' | 'publicBaseUrl' | 'linkTtlSeconds'>) => async (event: unknown) => {
  const { engagementId, message, sequence } = parseStepInput(inputSchema, event);
  const engagement = await deps.store.requireEngagement(engagementId);
  if (!awaitsFirstKickoffAnswer(engagement)) return { sent: false, reason: 'already answered' };

  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.linkTtlSeconds * 1000);
  const link = clientLink(deps, kickoffRequestId(engagementId, 0), expiresAt);
  const common = {
    clientName: engagement.client.name,
    managerName: engagement.manager.name,
    engagementTitle: engagement.title,
    link,
    expiresAt: expiresAt.toISOString(),
    statusLink: await statusLink(deps, engagementId),
  };
  const content = message === 'invite'
    ? renderEmail({ type: 'kickoff-invite', ...common }, engagement.locale)
    : renderEmail({ type: 'kickoff-reminder', ...common, reminderNumber: sequence }, engagement.locale);
  const result = await deps.mailer.sendOnce({
    engagementId,
    purpose: message === 'invite' ? 'kickoff-invite' : 'kickoff-reminder',
    sequence,
    to: engagement.client.email,
    recipient: 'client',
    kind: 'regular',
    content,
  });
  return { sent: result.sentNow, messageId: result.messageId };
};

export const handler = lambdaStep(makeSendKickoffInvite, async (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps), links: await linkSigner(env) };
});
