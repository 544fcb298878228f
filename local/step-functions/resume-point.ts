/**
 * Where a running execution is, kept so that a restart resumes it there: AWS never replays an
 * execution, so neither does this service. The point is the top-level state entered and not yet
 * exited, the input and service-clock time it was entered with, and, once a callback's function
 * has returned, the task token its task waits for.
 *
 * On a restart the execution runs again from that state with that input, its history going on
 * (no second ExecutionStarted, no second entry event for the state). Time stood still while the
 * service was down (service-clock.ts), so:
 * - a Wait of `Seconds` waits only what was left (a `Timestamp` is an instant: it waits until it);
 * - a `.waitForTaskToken` task whose function was invoked waits for the same token, without a
 *   second invocation; SendTaskSuccess/Failure with it reaches the resumed task (the token is
 *   registered before the service answers any request), and its timeout still counts from the
 *   original entry;
 * - a Lambda task that was in flight runs again from the start of its state. On AWS that
 *   invocation would have ended by itself (succeeded, or failed, e.g. `Sandbox.Timedout` or
 *   `Lambda.Unknown`, and then been retried by the state's Retry); running it again is that
 *   retry, safe because every step is idempotent by contract. Its Retry counts start afresh
 *   and the lost attempt leaves no event;
 * - a callback whose function had not returned runs again the same way, with a new token;
 * - a Map or Parallel state runs again whole (new tokens for callbacks inside it);
 * - the state machine's `TimeoutSeconds` and the one-year limit keep counting from where they
 *   were (execution-limits.ts).
 */
import type { EngineEvent } from './engine.js';
import type { ExecutionRecord } from './registry-file.js';
import type { ServiceClock } from './service-clock.js';
import type { ResumedEntry } from './task-handlers.js';
import type { PendingTasks, TaskAnswer } from './tokens.js';

export interface Whereabouts {
  record: ExecutionRecord;
  /** The entry a restart interrupted, until its state's first task takes it. */
  resumed?: { state: string; enteredAt: number; waiting?: { token: string; answered: Promise<TaskAnswer> } };
  /** The last callback whose function returned, and the token it waits for. */
  callback?: { state: string; token: string };
}

/** For a record read back at start: its interrupted entry, with a waiting token listening at once. */
export function interruptedEntry(record: ExecutionRecord, pendingTasks: PendingTasks): Whereabouts['resumed'] {
  const { current } = record;
  if (record.status !== 'RUNNING' || !current) return undefined;
  return {
    state: current.state,
    enteredAt: current.enteredAt,
    ...(current.token !== undefined && { waiting: { token: current.token, answered: pendingTasks.wait(current.token) } }),
  };
}

/** Follows the engine's top-level entries and exits. */
export function trackCurrentState(
  execution: Whereabouts, event: EngineEvent, topLevel: ReadonlySet<string>, clock: ServiceClock, pendingTasks: PendingTasks,
): void {
  const { record, callback } = execution;
  if (event.type === 'StateEntered' && topLevel.has(event.state.name)) {
    const { name } = event.state;
    // The callback's function may return before this event is read.
    const token = callback?.state === name && pendingTasks.isWaiting(callback.token) ? callback.token : undefined;
    record.current = { state: name, input: JSON.stringify(event.state.input ?? null), enteredAt: clock(), ...(token !== undefined && { token }) };
  } else if (event.type === 'StateExited' && record.current?.state === event.state.name) {
    delete record.current;
  }
}

/** The interrupted entry, once, for the first task of its state. */
export function takeResumedEntry(execution: Whereabouts, stateName: string, clock: ServiceClock, timeScale: number): ResumedEntry | undefined {
  const { resumed } = execution;
  if (resumed?.state !== stateName) return undefined;
  delete execution.resumed;
  const elapsedMs = Math.max(0, clock() - resumed.enteredAt) / timeScale;
  return { elapsedMs, ...(resumed.waiting && { waiting: resumed.waiting }) };
}

/** Notes a callback's token. Returns true when it belongs to the current state, so a restart must keep it. */
export function noteCallbackToken(execution: Whereabouts, stateName: string, token: string): boolean {
  execution.callback = { state: stateName, token };
  if (execution.record.current?.state !== stateName) return false;
  execution.record.current.token = token;
  return true;
}

/** Closes the token a resumed callback never took (the run ended first). */
export function releaseInterruptedEntry(execution: Whereabouts, pendingTasks: PendingTasks): void {
  const waiting = execution.resumed?.waiting;
  if (waiting) pendingTasks.release(waiting.token);
  delete execution.resumed;
}
