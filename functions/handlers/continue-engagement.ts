/**
 * Workflow step "Continue in a new execution": a Standard execution may last a year and hold
 * 25,000 history events, an engagement may need more. The next generation starts from the
 * same engagement (its plan comes from the log, its wake token from the table), once.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { startOnce } from '../adapters/workflow.js';
import type { Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  generation: z.number().int().min(1),
  cyclesPerExecution: z.number().int().min(1),
});

export interface EngagementExecutionInput {
  engagementId: string;
  generation: number;
  cycles: number;
  cyclesPerExecution: number;
}

export const engagementExecutionName = (engagementId: string, generation: number) =>
  (generation === 1 ? `engagement-${engagementId}` : `engagement-${engagementId}-g${generation}`);

export const makeContinueEngagement = (deps: Pick<Deps, 'sfn' | 'engagementStateMachineArn'>) => async (event: unknown) => {
  const { engagementId, generation, cyclesPerExecution } = parseStepInput(inputSchema, event);
  const next: EngagementExecutionInput = { engagementId, generation: generation + 1, cycles: 0, cyclesPerExecution };
  await startOnce(deps.sfn, deps.engagementStateMachineArn, engagementExecutionName(engagementId, next.generation), next);
  return { generation: next.generation };
};

export const handler = lambdaStep(makeContinueEngagement, (env) => ({ sfn: new SFNClient({}), engagementStateMachineArn: env.ENGAGEMENT_STATE_MACHINE_ARN }));
