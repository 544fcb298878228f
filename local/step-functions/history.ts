/**
 * Turns the engine's event log into execution history events shaped as GetExecutionHistory
 * returns them on AWS (`timestamp` in epoch seconds, `type`, `id`, `previousEventId` and the
 * details object the SDK types define).
 *
 * Covered: ExecutionStarted/Succeeded/Failed/Aborted/TimedOut (a redriven run begins with
 * ExecutionRedriven instead of a second ExecutionStarted), `<Type>StateEntered` and
 * `<Type>StateExited` (with the type as written, so a Wait is a Wait), and TaskFailed or
 * TaskTimedOut for Lambda tasks. The engine's retry and catch notices have no AWS
 * counterpart and are left out; so are Map iteration and Parallel branch events.
 */
import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { EngineEvent } from './engine.js';
import type { LocalTask } from './definition.js';

interface UnnumberedEvent {
  timestamp: number;
  type: HistoryEventType;
  [details: string]: unknown;
}

export interface HistoryEvent extends UnnumberedEvent {
  id: number;
  previousEventId: number;
}

export interface HistorySubject {
  roleArn: string;
  localTasks: Map<string, LocalTask>;
  stateTypes: Map<string, string>;
  /** What StopExecution said, for the ExecutionAborted details. */
  abortReason(): { error?: string; cause?: string };
  /** Set when this run is a redrive: its start is recorded as ExecutionRedriven. */
  redriveCount?: number;
}

const INCLUDED = { truncated: false };

export function appendToHistory(history: HistoryEvent[], event: EngineEvent, subject: HistorySubject): void {
  const described = describe(event, subject);
  if (described) history.push({ ...described, id: history.length + 1, previousEventId: history.length });
}

function describe(event: EngineEvent, subject: HistorySubject): UnnumberedEvent | undefined {
  const timestamp = event.timestamp / 1000;
  switch (event.type) {
    case 'ExecutionStarted':
      if (subject.redriveCount) {
        return { timestamp, type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: subject.redriveCount } };
      }
      return {
        timestamp,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: json(event.input), inputDetails: INCLUDED, roleArn: subject.roleArn },
      };
    case 'ExecutionSucceeded':
      return {
        timestamp,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: json(event.output), outputDetails: INCLUDED },
      };
    case 'ExecutionFailed':
      return {
        timestamp,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error, cause: causeText(event.Cause) },
      };
    case 'ExecutionAborted':
      return { timestamp, type: 'ExecutionAborted', executionAbortedEventDetails: subject.abortReason() };
    case 'ExecutionTimeout':
      return { timestamp, type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } };
    case 'StateEntered': {
      const type = stateEventType(subject.stateTypes.get(event.state.name) ?? event.state.type, 'Entered');
      return type && {
        timestamp,
        type,
        stateEnteredEventDetails: { name: event.state.name, input: json(event.state.input), inputDetails: INCLUDED },
      };
    }
    case 'StateExited': {
      const type = stateEventType(subject.stateTypes.get(event.state.name) ?? event.state.type, 'Exited');
      return type && {
        timestamp,
        type,
        stateExitedEventDetails: { name: event.state.name, output: json(event.state.output), outputDetails: INCLUDED },
      };
    }
    case 'StateFailed': {
      const resource = lambdaResource(subject.localTasks.get(event.state.name));
      if (resource === undefined) return undefined;
      const details = { resourceType: 'lambda', resource, error: event.Error, cause: causeText(event.Cause) };
      return event.Error === 'States.Timeout'
        ? { timestamp, type: 'TaskTimedOut', taskTimedOutEventDetails: details }
        : { timestamp, type: 'TaskFailed', taskFailedEventDetails: details };
    }
    default:
      return undefined;
  }
}

const STATE_EVENT_TYPES: Record<string, { Entered: HistoryEventType; Exited?: HistoryEventType }> = {
  Task: { Entered: 'TaskStateEntered', Exited: 'TaskStateExited' },
  Choice: { Entered: 'ChoiceStateEntered', Exited: 'ChoiceStateExited' },
  Wait: { Entered: 'WaitStateEntered', Exited: 'WaitStateExited' },
  Pass: { Entered: 'PassStateEntered', Exited: 'PassStateExited' },
  Succeed: { Entered: 'SucceedStateEntered', Exited: 'SucceedStateExited' },
  Fail: { Entered: 'FailStateEntered' },
  Map: { Entered: 'MapStateEntered', Exited: 'MapStateExited' },
  Parallel: { Entered: 'ParallelStateEntered', Exited: 'ParallelStateExited' },
};

function stateEventType(stateType: string, moment: 'Entered' | 'Exited'): HistoryEventType | undefined {
  return STATE_EVENT_TYPES[stateType]?.[moment];
}

/** The `resource` AWS reports for a Lambda task; undefined for states that are not Lambda tasks. */
function lambdaResource(task: LocalTask | undefined): string | undefined {
  switch (task?.kind) {
    case 'lambda-invoke':
      return 'invoke';
    case 'lambda-callback':
      return 'invoke.waitForTaskToken';
    case 'lambda-function':
      return task.functionArn;
    default:
      return undefined;
  }
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** The engine passes a thrown error's `cause` through as is; AWS always reports text. */
export function causeText(cause: unknown): string | undefined {
  return typeof cause === 'string' || cause === undefined ? cause : JSON.stringify(cause);
}
