/**
 * Workflow steps "Wait for kickoff answers" / "Wait for corrections" (callback pattern): keeps
 * the execution's task token in the request's item, never in a link. If the client answered
 * before this wait began (after a timeout, a retry or a replay), the execution is resumed at
 * once instead of waiting for nothing.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { kickoffRequestId, outcomeOf } from '../domain/client-request.js';
import { resumeWaitingTask } from '../adapters/workflow.js';
import { settingsFrom, tableStore, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  round: z.number().int().min(0).max(1000),
  taskToken: z.string().min(1).max(2048),
});

export const makeWaitForClient = (deps: Pick<Deps, 'store' | 'clock' | 'sfn'>) => async (event: unknown) => {
  const { engagementId, round, taskToken } = parseStepInput(inputSchema, event);
  const now = deps.clock.now();
  const requestId = kickoffRequestId(engagementId, round);
  await deps.store.ensureRequest({ id: requestId, engagementId, purpose: 'kickoff', round, status: 'open', createdAt: now.toISOString() }, now);
  const request = await deps.store.registerTaskToken(requestId, taskToken);
  if (request.status !== 'answered') return { waiting: true };
  await resumeWaitingTask(deps.sfn, taskToken, outcomeOf(request));
  return { waiting: false };
};

export const handler = lambdaStep(makeWaitForClient, (env) => ({ ...settingsFrom(env), store: tableStore(env), sfn: new SFNClient({}) }));
