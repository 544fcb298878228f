/**
 * Execution history events shaped as GetExecutionHistory returns them on AWS (`timestamp` in
 * epoch seconds, `type`, `id`, `previousEventId` and the details object the SDK types define).
 *
 * From the engine's event log: ExecutionSucceeded/Failed, `<Type>StateEntered` and
 * `<Type>StateExited` (with the type as written, so a Wait is a Wait), and TaskFailed or
 * TaskTimedOut for Lambda tasks. The engine's retry and catch notices have no AWS
 * counterpart and are left out; so are Map iteration and Parallel branch events.
 *
 * Written by the service itself, because it decides them: ExecutionStarted when an execution
 * starts, ExecutionRedriven when a redrive begins (never a second ExecutionStarted, nor one
 * after a restart), and ExecutionAborted, ExecutionTimedOut or ExecutionFailed when it ends an
 * execution (StopExecution, the timeout or the one-year limit, the history limit).
 *
 * AWS also records TaskScheduled, TaskStarted, TaskSubmitted and TaskSucceeded around each
 * task; they are not recorded here, so a task-heavy execution has fewer events locally.
 */
import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { EngineEvent } from './engine.js';
import type { LocalTask } from './definition.js';

export interface UnnumberedEvent {
  timestamp: number;
  type: HistoryEventType;
  [details: string]: unknown;
}

export interface HistoryEvent extends UnnumberedEvent {
  id: number;
  previousEventId: number;
}

export interface HistorySubject {
  localTasks: Map<string, LocalTask>;
  stateTypes: Map<string, string>;
}

const INCLUDED = { truncated: false };

/** Records an engine event, when it has an AWS counterpart. Returns whether it did. */
export function appendToHistory(history: HistoryEvent[], event: EngineEvent, subject: HistorySubject): boolean {
  const described = describe(event, subject);
  if (described) appendEvent(history, described);
  return described !== undefined;
}

export function appendEvent(history: HistoryEvent[], event: UnnumberedEvent): void {
  history.push({ ...event, id: history.length + 1, previousEventId: history.length });
}

const now = () => Date.now() / 1000;

export function executionStartedEvent(input: string, roleArn: string): UnnumberedEvent {
  return { timestamp: now(), type: 'ExecutionStarted', executionStartedEventDetails: { input, inputDetails: INCLUDED, roleArn } };
}

export function executionRedrivenEvent(redriveCount: number): UnnumberedEvent {
  return { timestamp: now(), type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount } };
}

export function executionAbortedEvent(error: string | undefined, cause: string | undefined): UnnumberedEvent {
  const details = { ...(error !== undefined && { error }), ...(cause !== undefined && { cause }) };
  return { timestamp: now(), type: 'ExecutionAborted', executionAbortedEventDetails: details };
}

export function executionTimedOutEvent(): UnnumberedEvent {
  return { timestamp: now(), type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } };
}

export function executionFailedEvent(error: string, cause: string): UnnumberedEvent {
  return { timestamp: now(), type: 'ExecutionFailed', executionFailedEventDetails: { error, cause } };
}

function describe(event: EngineEvent, subject: HistorySubject): UnnumberedEvent | undefined {
  const timestamp = event.timestamp / 1000;
  switch (event.type) {
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
