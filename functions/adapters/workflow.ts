/**
 * The Step Functions side of the product: starting an engagement's executions, telling a
 * waiting execution that its request was answered, and waking the engagement workflow.
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
    startKickoff: (engagementId: string, schedule: KickoffSchedule) => {
      const input: KickoffExecutionInput = { engagementId, schedule, progress: { reminders: 0, escalations: 0 } };
      return startOnce(deps.sfn, deps.kickoffStateMachineArn, `kickoff-${engagementId}`, input);
    },
  };
}

/**
 * Starts an execution named after what it is for, once: a second start of a running one
 * returns it, and one that already ran is left alone.
 */
export async function startOnce(sfn: SFNClient, stateMachineArn: string, name: string, input: object): Promise<void> {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
  }
}

/** Wakes the engagement workflow if it is waiting, so news (a delivery, an answer) is acted on now. */
export async function wakeEngagement(sfn: SFNClient, wakeToken: string | undefined): Promise<void> {
  if (!wakeToken) return;
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken: wakeToken, output: '{}' }));
  } catch (error) {
    // Not waiting right now: it plans again after its current step and sees the news then.
    if (!(error instanceof Error && ALREADY_RESOLVED.has(error.name))) throw error;
  }
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
