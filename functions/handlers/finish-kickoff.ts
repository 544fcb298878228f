/**
 * Workflow steps "Record expectations agreed" / "Close unanswered kickoff": closes the last
 * open request, so its link says the form is closed, and records how the kickoff ended; once
 * expectations are agreed, the engagement workflow starts (once, named after the engagement). If
 * the client's answer landed just before the close, the step fails with `AnswerArrived` and
 * the workflow sends "what we heard" for it instead: no answer is dropped.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { kickoffRequestId } from '../domain/client-request.js';
import { DomainError } from '../domain/errors.js';
import { startOnce } from '../adapters/workflow.js';
import { engagementExecutionName, type EngagementExecutionInput } from './continue-engagement.js';
import { settingsFrom, tableStore, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  outcome: z.enum(['agreed', 'unanswered']),
  round: z.number().int().min(0).max(1000),
});

export const makeFinishKickoff = (deps: Pick<Deps, 'store' | 'clock' | 'sfn' | 'engagementStateMachineArn' | 'engagementCyclesPerExecution'>) => async (event: unknown) => {
  const { engagementId, outcome, round } = parseStepInput(inputSchema, event);
  const closed = await deps.store.closeRequest(kickoffRequestId(engagementId, round));
  if (closed === 'answered') throw new DomainError('AnswerArrived', `the client answered request ${round} of ${engagementId} just before it closed`);

  const now = deps.clock.now();
  const engagement = await deps.store.requireEngagement(engagementId);
  if (outcome === 'agreed') {
    // The workflow first, the status after it: "agreed" never stands for an engagement nobody follows.
    const first: EngagementExecutionInput = { engagementId, generation: 1, cycles: 0, cyclesPerExecution: deps.engagementCyclesPerExecution };
    await startOnce(deps.sfn, deps.engagementStateMachineArn, engagementExecutionName(engagementId, 1), first);
    await deps.store.setStatus(engagementId, 'expectations-agreed',
      { type: 'expectations-agreed', engagementId, version: engagement.expectationsVersion }, now);
  } else {
    await deps.store.setStatus(engagementId, 'kickoff-unanswered', { type: 'kickoff-unanswered', engagementId }, now);
  }
  return { outcome };
};

export const handler = lambdaStep(makeFinishKickoff, (env) => ({ ...settingsFrom(env), store: tableStore(env), sfn: new SFNClient({}) }));
