/**
 * Workflow step "Wait for news or the next due date" (callback pattern): keeps the task token
 * on the engagement so a delivery, a client's answer or a recorded contact can wake the
 * workflow at once. If something was logged after the plan was made, it wakes itself: news
 * that landed between planning and waiting is never slept through.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { wakeEngagement } from '../adapters/workflow.js';
import { tableStore, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  plannedAt: z.iso.datetime(),
  taskToken: z.string().min(1).max(2048),
});

export const makeWaitForEngagementNews = (deps: Pick<Deps, 'store' | 'sfn'>) => async (event: unknown) => {
  const { engagementId, plannedAt, taskToken } = parseStepInput(inputSchema, event);
  await deps.store.setWakeToken(engagementId, taskToken);
  if (await deps.store.hasEventsSince(engagementId, plannedAt)) await wakeEngagement(deps.sfn, taskToken);
  return { waiting: true };
};

export const handler = lambdaStep(makeWaitForEngagementNews, (env) => ({ store: tableStore(env), sfn: new SFNClient({}) }));
