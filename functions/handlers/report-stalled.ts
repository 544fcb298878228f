/**
 * A workflow stopped: an execution of the kickoff or engagement workflow FAILED (a step failed
 * beyond its retries) or TIMED_OUT. Invoked by EventBridge with the execution's status change
 * event. Nobody must be left waiting in silence: the failure is logged on the engagement, its
 * status says so, and the manager gets one alert email per failure (a redriven execution that
 * fails again alerts again; the same event delivered twice does not).
 *
 * The workflows do not catch such failures themselves: the execution fails at the step that
 * failed, so a redrive, once the cause is fixed, resumes at that step.
 */
import * as z from 'zod';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const executionInputSchema = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
}).pipe(z.object({ engagementId: z.string().min(1) }));

const statusChangeSchema = z.object({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.object({
    stateMachineArn: z.string().min(1),
    name: z.string().min(1).max(80),
    status: z.enum(['FAILED', 'TIMED_OUT']),
    input: executionInputSchema,
    error: z.string().max(256).nullish().catch(null),
    cause: z.string().nullish().catch(null),
    redriveCount: z.number().int().min(0).default(0),
  }),
});

export const makeReportStalled = (deps: Pick<Deps, 'store' | 'clock' | 'mailer' | 'publicBaseUrl' | 'engagementStateMachineArn'>) => async (event: unknown) => {
  const { detail } = parseStepInput(statusChangeSchema, event);
  const { engagementId } = detail.input;
  const workflow = detail.stateMachineArn === deps.engagementStateMachineArn ? 'engagement' : 'kickoff';
  const error = detail.error ?? (detail.status === 'TIMED_OUT' ? 'States.Timeout' : 'unknown error');
  const cause = detail.cause ?? '';
  const engagement = await deps.store.requireEngagement(engagementId);
  // The alert first, the status after it: a retry after a crash between the two finds the
  // alert sent (its guard) and only records the status.
  await deps.mailer.sendOnce({
    engagementId,
    purpose: 'workflow-stalled',
    sequence: `${detail.name}#${detail.redriveCount}`,
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
  await deps.store.setStatus(engagementId, 'stalled',
    { type: 'workflow-stalled', engagementId, workflow, error, cause: cause.slice(0, 2000) }, deps.clock.now());
  return { reported: true };
};

export const handler = lambdaStep(makeReportStalled, (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps) };
});
