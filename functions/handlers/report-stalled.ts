/**
 * Workflow steps "Tell the manager the kickoff stalled" / "… the engagement stalled": a step
 * failed beyond its retries, so the workflow is about to stop. Nobody must be left waiting in silence: the failure is
 * logged on the engagement, its status says so, and the manager gets one alert email.
 */
import { z } from 'zod';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  workflow: z.enum(['kickoff', 'engagement']),
  error: z.string().max(256).catch('unknown error'),
  cause: z.string().catch(''),
});

export const makeReportStalled = (deps: Deps) => async (event: unknown) => {
  const { engagementId, workflow, error, cause } = parseStepInput(inputSchema, event);
  const engagement = await deps.store.requireEngagement(engagementId);
  await deps.store.setStatus(engagementId, 'stalled',
    { type: 'workflow-stalled', engagementId, workflow, error, cause: cause.slice(0, 2000) }, deps.clock.now());
  await deps.mailer.sendOnce({
    engagementId,
    purpose: 'workflow-stalled',
    sequence: workflow,
    to: engagement.manager.email,
    recipient: 'manager',
    kind: 'emergency',
    content: renderEmail({
      type: 'workflow-stalled',
      workflow,
      managerName: engagement.manager.name,
      engagementTitle: engagement.title,
      error,
      engagementUrl: managerEngagementUrl(deps, engagementId),
    }, engagement.locale),
  });
  return { reported: true };
};

export const handler = lambdaStep(makeReportStalled, { usesLinks: false });
