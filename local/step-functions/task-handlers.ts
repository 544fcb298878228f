/**
 * Runs the Task and Wait states of one execution on behalf of the engine (see definition.ts
 * for the arguments each receives).
 *
 * - `lambda:invoke`: invokes the function with `Payload`; the result is shaped as on AWS,
 *   `{ ExecutedVersion, Payload, StatusCode }`.
 * - `lambda:invoke.waitForTaskToken`: registers the entry's token, invokes the function,
 *   ignores its result and waits for SendTaskSuccess/SendTaskFailure.
 * - a Lambda function ARN: invokes it with the input; the result is the function's result.
 * - Wait: sleeps for the scaled duration and returns its input.
 *
 * After a restart, the entry the execution was in continues (`resumedEntry`): a Wait of
 * `Seconds` sleeps only what was left, and a callback whose function was already invoked
 * waits for the same token, without invoking it again, until what was left of its timeout.
 * Any other task runs again from the start, as a retry of the attempt the restart cut short.
 *
 * Payloads and results cross a JSON boundary, as they do on AWS. An error thrown by
 * `invokeLambda` fails the task with the error's `name` as Error and its message as Cause.
 * A timeout fails it with the engine's own `States.Timeout`, so `States.TaskFailed` does not
 * match it. A result over the payload quota (payload-limit.ts) fails it with
 * `States.DataLimitExceeded`, which, as on AWS, no `States.ALL` retries or catches (locally no
 * retrier or catcher applies to it at all). When the execution ends (stop, abort, timeout)
 * every running task rejects with an error the engine can neither retry nor catch, and its
 * token closes.
 */
import type { JsonValue, TaskHandlers } from './engine.js';
import type { LocalTask, TaskArguments, WaitArguments } from './definition.js';
import { isWithinPayloadLimit } from './payload-limit.js';
import type { EntryTokens, PendingTasks, TaskAnswer } from './tokens.js';

export type InvokeLambda = (functionArn: string, payload: unknown) => Promise<unknown>;

export interface ExecutionTaskContext {
  /** Aborted once the execution is over, for whatever reason. */
  executionEnded: AbortSignal;
  timeScale: number;
  invokeLambda: InvokeLambda;
  pendingTasks: PendingTasks;
  entryTokens: EntryTokens;
  timeoutError: () => Error;
  /** The entry a resumed execution was in, once, for the first task of that state. */
  resumedEntry(stateName: string): ResumedEntry | undefined;
  /** A callback's function returned: its task now waits for this token. */
  callbackInvoked(stateName: string, token: string): void;
}

export interface ResumedEntry {
  /** Real milliseconds of the entry already spent (scaled time divided by `timeScale`). */
  elapsedMs: number;
  /** Set when the callback's function was invoked: the answer to its token, registered at restart. */
  waiting?: { token: string; answered: Promise<TaskAnswer> };
}

/** setTimeout fires at once for longer delays; the engine's own task timer ends such states first anyway. */
const LONGEST_TIMER_MS = 2_147_483_647;

export function createTaskHandlers(localTasks: Map<string, LocalTask>, execution: ExecutionTaskContext): TaskHandlers {
  return Object.fromEntries(
    [...localTasks].map(([stateName, task]) => [stateName, (args: JsonValue) => runTask(stateName, task, args, execution)]),
  );
}

async function runTask(stateName: string, task: LocalTask, args: unknown, execution: ExecutionTaskContext): Promise<JsonValue> {
  // Taken before anything awaits: the engine has just put this very token in the entry's Parameters.
  const entryToken = task.kind === 'lambda-callback' ? execution.entryTokens.take() : undefined;
  if (execution.executionEnded.aborted) throw executionEndedError();
  const resumed = execution.resumedEntry(stateName);
  const waiting = resumed?.waiting;
  const token = waiting?.token ?? entryToken;
  const elapsedMs = task.kind === 'wait' || waiting ? resumed?.elapsedMs ?? 0 : 0;
  // Waiting for a person runs on scaled time; a function's own run does not speed up, so its
  // timeout stays in real seconds (scaling 90 s by 20,000 would time out every invoke).
  const timeoutMs = task.kind === 'wait' ? undefined
    : scaledTimeoutMs(args as TaskArguments, task.kind === 'lambda-callback' ? execution.timeScale : 1);
  const taskOver = new AbortController();
  try {
    const outcomes = [
      perform({ stateName, task, args, execution, token, waiting, elapsedMs }, taskOver.signal),
      rejectWhenAborted(execution.executionEnded, taskOver.signal),
    ];
    if (timeoutMs !== undefined) {
      outcomes.push(
        sleep(Math.max(0, timeoutMs - elapsedMs), taskOver.signal).then(() => {
          throw execution.timeoutError();
        }),
      );
    }
    const result = await Promise.race(outcomes);
    if (task.kind !== 'wait' && !isWithinPayloadLimit(JSON.stringify(result))) {
      // AWS's own words for it.
      throw uncatchableError('States.DataLimitExceeded',
        `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
    }
    return result;
  } finally {
    taskOver.abort();
    if (token !== undefined) execution.pendingTasks.release(token);
  }
}

interface TaskEntry {
  stateName: string;
  task: LocalTask;
  args: unknown;
  execution: ExecutionTaskContext;
  token: string | undefined;
  waiting: ResumedEntry['waiting'];
  elapsedMs: number;
}

async function perform(
  { stateName, task, args, execution, token, waiting, elapsedMs }: TaskEntry,
  taskOver: AbortSignal,
): Promise<JsonValue> {
  switch (task.kind) {
    case 'lambda-invoke': {
      const { FunctionName, Payload } = lambdaParameters(args as TaskArguments);
      const result = await invoke(execution, FunctionName, Payload);
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    }
    case 'lambda-callback': {
      let answered = waiting?.answered;
      if (!answered) {
        const { FunctionName, Payload } = lambdaParameters(args as TaskArguments);
        // Registered first: the function may answer (SendTaskSuccess) before it returns.
        answered = execution.pendingTasks.wait(token as string);
        await invoke(execution, FunctionName, Payload);
        execution.callbackInvoked(stateName, token as string);
      }
      const answer = await answered;
      if ('output' in answer) return answer.output as JsonValue;
      throw taskError(answer.error, answer.cause ?? '');
    }
    case 'lambda-function':
      return invoke(execution, task.functionArn, (args as TaskArguments).payload);
    case 'wait': {
      const wait = args as WaitArguments;
      // A Timestamp is an instant: only Seconds count from the entry.
      const alreadyWaitedMs = wait.seconds === undefined ? 0 : elapsedMs;
      await sleep(Math.max(0, scaledWaitMs(wait, execution.timeScale) - alreadyWaitedMs), taskOver);
      return wait.input as JsonValue;
    }
  }
}

async function invoke(execution: ExecutionTaskContext, functionArn: string, payload: unknown): Promise<JsonValue> {
  try {
    return throughJson(await execution.invokeLambda(functionArn, throughJson(payload)));
  } catch (error) {
    throw error instanceof Error ? taskError(error.name, error.message) : taskError('Error', String(error));
  }
}

function lambdaParameters({ payload }: TaskArguments): { FunctionName: string; Payload: unknown } {
  const parameters = (payload ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  if (typeof parameters.FunctionName !== 'string') {
    throw runtimeError('A lambda:invoke task needs Parameters.FunctionName (a string)');
  }
  return { FunctionName: parameters.FunctionName, Payload: parameters.Payload ?? {} };
}

function scaledTimeoutMs({ timeoutSeconds }: TaskArguments, timeScale: number): number | undefined {
  if (timeoutSeconds === undefined) return undefined;
  if (!Number.isInteger(timeoutSeconds) || (timeoutSeconds as number) < 1) {
    throw runtimeError(`The task timeout must be a positive integer of seconds, got ${JSON.stringify(timeoutSeconds)}`);
  }
  return ((timeoutSeconds as number) * 1000) / timeScale;
}

function scaledWaitMs({ seconds, timestamp }: WaitArguments, timeScale: number): number {
  if (seconds !== undefined) {
    if (!Number.isInteger(seconds) || (seconds as number) < 0) {
      throw runtimeError(`A Wait needs a non-negative integer of seconds, got ${JSON.stringify(seconds)}`);
    }
    return ((seconds as number) * 1000) / timeScale;
  }
  const until = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(until)) throw runtimeError(`A Wait needs an ISO 8601 timestamp, got ${JSON.stringify(timestamp)}`);
  return Math.max(0, until - Date.now()) / timeScale;
}

/** Resolves after `ms`; rejects as soon as `signal` aborts, so a cancelled timer does not linger. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', cancel);
      resolve();
    }, Math.min(ms, LONGEST_TIMER_MS));
    const cancel = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', cancel, { once: true });
  });
}

function rejectWhenAborted(signal: AbortSignal, stopListening: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const end = () => reject(executionEndedError());
    if (signal.aborted) return end();
    signal.addEventListener('abort', end, { once: true });
    stopListening.addEventListener('abort', () => signal.removeEventListener('abort', end), { once: true });
  });
}

function throughJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/** Like the engine's own States.Runtime: neither `Retry` nor `Catch` (not even `States.ALL`) applies. */
function runtimeError(message: string): Error {
  return uncatchableError('States.Runtime', message);
}

function executionEndedError(): Error {
  return uncatchableError('ExecutionEnded', 'The execution is over');
}

function uncatchableError(name: string, message: string): Error {
  return Object.assign(taskError(name, message), { isRetryable: false, isCatchable: false });
}
