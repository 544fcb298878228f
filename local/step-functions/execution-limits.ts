/**
 * The limits AWS sets on a Standard execution, and the redrive rules that follow from them.
 * Times are service-clock milliseconds (scaled time, see service-clock.ts).
 *
 * - At most one year: "If an execution runs for more than the 1-year maximum, it will fail with a
 *   States.Timeout error". It ends TIMED_OUT, like the state machine's own `TimeoutSeconds`
 *   (no error on the execution, `States.Timeout` in its ExecutionTimedOut event).
 * - At most 25,000 history events: "If the execution history reaches this quota, the execution
 *   will fail". It ends FAILED with `States.Runtime` and "The execution reached the maximum
 *   number of history events (25000).", and that ExecutionFailed is event 25,000.
 * - Redrive needs: not RUNNING or SUCCEEDED, within 14 days of the end, fewer than 1,000
 *   redrives, "not exceeded the maximum open time of one year", and "event history count is
 *   less than 24,999" (room for ExecutionRedriven and one more). The reasons are the
 *   `redriveStatusReason` texts AWS uses.
 * - The state machine's `TimeoutSeconds` counts from the start of the current run (the start,
 *   or the redrive), as the engine counted it before the service took it over.
 */
import type { ExecutionRecord } from './registry-file.js';

const DAY_MS = 86_400_000;
export const MAX_EXECUTION_MS = 365 * DAY_MS;
export const MAX_HISTORY_EVENTS = 25_000;
export const MAX_REDRIVES = 1000;
const REDRIVABLE_FOR_MS = 14 * DAY_MS;

export const HISTORY_LIMIT_FAILURE = {
  error: 'States.Runtime',
  cause: `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
} as const;

export interface RedriveFacts {
  record: ExecutionRecord;
  historyLength: number;
  machineExists: boolean;
  now: number;
}

/** Why the execution cannot be redriven now (AWS's reasons), or undefined when it can. */
export function redriveBlocker({ record, historyLength, machineExists, now }: RedriveFacts): string | undefined {
  if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') return `Execution is ${record.status} and cannot be redriven.`;
  if (!machineExists) return 'State machine is in DELETING status.';
  if (historyLength >= MAX_HISTORY_EVENTS - 1) return 'Execution history event limit exceeded.';
  if (now - startedAt(record, now) >= MAX_EXECUTION_MS) return 'Execution has exceeded the max execution time.';
  if (record.failedAt === undefined) return 'Execution has no state to be redriven from.';
  if ((record.redriveCount ?? 0) >= MAX_REDRIVES) return 'Execution has reached the redrive limit.';
  if (now - (record.stopClock ?? startedAt(record, now)) > REDRIVABLE_FOR_MS) return 'Execution redrivable period exceeded.';
  return undefined;
}

/** When the current run times out: its `TimeoutSeconds` from the run's start, or a year after the start. */
export function runDeadline(record: ExecutionRecord, timeoutSeconds: number | undefined, now: number): number {
  const yearEnds = startedAt(record, now) + MAX_EXECUTION_MS;
  if (timeoutSeconds === undefined) return yearEnds;
  return Math.min(yearEnds, (record.runStartClock ?? startedAt(record, now)) + timeoutSeconds * 1000);
}

export function historyLimitReached(historyLength: number): boolean {
  return historyLength >= MAX_HISTORY_EVENTS - 1;
}

function startedAt(record: ExecutionRecord, now: number): number {
  return record.startClock ?? now;
}
