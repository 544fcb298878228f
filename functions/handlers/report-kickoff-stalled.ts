/**
 * Workflow step "Tell the manager the kickoff stalled": a step failed beyond its retries, so
 * the workflow is about to stop. Nobody must be left waiting in silence: the failure is
 * logged on the engagement, its status says so, and the manager gets one alert email.
 */
import { z } from 'zod';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  error: z.string().max(256).catch('unknown error'),
  cause: z.string().catch(''),
});

export const makeReportKickoffStalled = (deps: Deps) => async (event: unknown) => {
  const { engagementId, error, cause } = parseStepInput(inputSchema, event);
  const engagement = await deps.store.requireEngagement(engagementId);
  await deps.store.setStatus(engagementId, 'kickoff-stalled',
    { type: 'kickoff-stalled', engagementId, error, cause: cause.slice(0, 2000) }, deps.clock.now());
  await deps.mailer.sendOnce({
    engagementId,
    purpose: 'kickoff-stalled',
    sequence: 0,
    to: engagement.manager.email,
    recipient: 'manager',
    kind: 'emergency',
    content: renderEmail({
      type: 'kickoff-stalled',
      managerName: engagement.manager.name,
      engagementTitle: engagement.title,
      error,
      engagementUrl: managerEngagementUrl(deps, engagementId),
    }, engagement.locale),
  });
  return { reported: true };
};

export const handler = lambdaStep(makeReportKickoffStalled, { usesLinks: false });
