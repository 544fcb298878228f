/**
 * The Step Functions side of a human step: starting an engagement's kickoff execution, and
 * telling a waiting execution that its request was answered.
 *
 * `SendTaskSuccess` can find the task already closed (a timeout fired, the other party of a
 * race got there first, or the execution was stopped): that is "already resolved", not an
 * error, because the answer is in the table and the workflow reconciles from there.
 */
import { SendTaskSuccessCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { KickoffSchedule } from '../domain/engagement.js';
import type { RequestOutcome } from '../domain/client-request.js';

const ALREADY_RESOLVED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export interface KickoffExecutionInput {
  engagementId: string;
  schedule: KickoffSchedule;
  progress: { reminders: number; escalations: number };
}

export function createWorkflow(deps: { sfn: SFNClient; kickoffStateMachineArn: string }) {
  return {
    /**
     * Idempotent: the execution is named after the engagement, so a second start returns the
     * running execution, and one that already ran is left alone.
     */
    async startKickoff(engagementId: string, schedule: KickoffSchedule): Promise<void> {
      const input: KickoffExecutionInput = { engagementId, schedule, progress: { reminders: 0, escalations: 0 } };
      try {
        await deps.sfn.send(new StartExecutionCommand({
          stateMachineArn: deps.kickoffStateMachineArn,
          name: `kickoff-${engagementId}`,
          input: JSON.stringify(input),
        }));
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
      }
    },
  };
}

export type Workflow = ReturnType<typeof createWorkflow>;

export async function resumeWaitingTask(sfn: SFNClient, taskToken: string, outcome: RequestOutcome): Promise<'resumed' | 'already-resolved'> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(outcome) }));
    return 'resumed';
  } catch (error) {
    if (error instanceof Error && ALREADY_RESOLVED.has(error.name)) return 'already-resolved';
    throw error;
  }
}
