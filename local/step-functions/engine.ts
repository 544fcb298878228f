/**
 * The one door to aws-local-stepfunctions: it loads the engine after its Node 20 polyfill,
 * validates definitions, builds runnable state machines, and exposes the engine's own
 * `States.Timeout` error.
 *
 * Why the timeout error matters: the engine matches `States.TaskFailed` against every Task
 * error except instances of its internal timeout class, exactly as AWS excludes
 * `States.Timeout` from `States.TaskFailed`. We enforce (scaled) task timeouts ourselves, so
 * our timeouts must be instances of that class, which the package does not export. We get
 * it once by letting the engine time out a tiny probe task.
 */
import './promise-with-resolvers.js';
import { ExecutionError, StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';

export type { StateMachine };
export type EngineRun = ReturnType<StateMachine['run']>;
export type EngineEvent = EngineRun['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;
export type JsonValue = Parameters<StateMachine['run']>[0];
export type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** Throws the engine's validation message (asl-validator, with ARN and path checks) when invalid. */
export function assertValidDefinition(definition: object): void {
  new StateMachine(definition as StateMachineDefinition);
}

/** A runnable machine for a definition we rewrote ourselves; its original was validated. */
export function createEngineMachine(definition: object): StateMachine {
  return new StateMachine(definition as StateMachineDefinition, { validationOptions: { noValidate: true } });
}

let timeoutErrorFactory: Promise<() => Error> | undefined;

/** Makes errors that the engine treats as its own `States.Timeout`. */
export function engineTimeoutError(): Promise<() => Error> {
  timeoutErrorFactory ??= probeTimeoutErrorClass();
  return timeoutErrorFactory;
}

async function probeTimeoutErrorClass(): Promise<() => Error> {
  const probe = createEngineMachine({
    StartAt: 'Probe',
    States: { Probe: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 0.001, End: true } },
  });
  const neverAnswers = () => new Promise<JsonValue>(() => {});
  const { result } = probe.run({}, { overrides: { taskResourceLocalHandlers: { Probe: neverAnswers } } });
  try {
    await result;
  } catch (error) {
    const timeout = error instanceof ExecutionError ? error.cause : undefined;
    if (timeout instanceof Error && timeout.name === 'States.Timeout') {
      const TimeoutError = timeout.constructor as new () => Error;
      return () => new TimeoutError();
    }
  }
  throw new Error('aws-local-stepfunctions no longer raises States.Timeout as expected; the local service needs updating');
}
