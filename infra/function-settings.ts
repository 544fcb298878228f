/**
 * How each function runs, as plain data that both worlds read: the CDK stack configures Lambda
 * with it (infra/function.ts, infra/async-invocation.ts) and the local runtime
 * enforces the same limits (local/), so a function that would time out, or an asynchronous
 * event that would be dropped, on AWS does the same on this machine.
 *
 * No CDK import here: the local runtime loads this file.
 */

/** A workflow step's timeout; it must stay below the smallest `TimeoutSeconds` of the Task states that invoke a step (90 s). */
export const STEP_TIMEOUT_SECONDS = 30;

/** Functions that are not workflow steps and need longer (a daily run over every engagement). */
const LONGER_TIMEOUTS: Readonly<Record<string, number>> = {
  'send-drift-digests': 15 * 60,
};

/** The timeout Lambda enforces on one invocation of the handler `functions/handlers/<handler>.ts`. */
export function functionTimeoutSeconds(handler: string): number {
  return LONGER_TIMEOUTS[handler] ?? STEP_TIMEOUT_SECONDS;
}

/**
 * What Lambda does with an asynchronous invocation whose function throws (EventBridge rules and
 * EventBridge Scheduler invoke asynchronously): it retries `retryAttempts` times, drops events
 * older than `maxEventAgeSeconds`, and hands the rest to the function's on-failure destination.
 * A rule's or schedule's own retry policy covers only failures to deliver the event to Lambda.
 */
export interface AsyncInvocation {
  retryAttempts: number;
  maxEventAgeSeconds: number;
}

/** Every function invoked asynchronously, by handler name. */
export const ASYNC_INVOCATIONS = {
  'record-email-event': { retryAttempts: 2, maxEventAgeSeconds: 6 * 3600 },
  'report-stalled': { retryAttempts: 2, maxEventAgeSeconds: 6 * 3600 },
  'send-drift-digests': { retryAttempts: 2, maxEventAgeSeconds: 6 * 3600 },
} as const satisfies Record<string, AsyncInvocation>;

export type AsyncHandlerName = keyof typeof ASYNC_INVOCATIONS;
