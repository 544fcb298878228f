/**
 * Structured JSON logs for every Lambda entry point, through Powertools Logger. Each line
 * carries the service (`POWERTOOLS_SERVICE_NAME`, the handler's name, set by infra/function.ts)
 * and the invocation's context: cold start, request id, function name, version and memory.
 * An error that escapes a handler is logged once, with its name, message, location and stack,
 * and then rethrown, so Lambda still reports it and the workflow's Retry and Catch still see it.
 *
 * Wrapped once, here: `lambdaStep` (step-handler.ts) for workflow steps and event consumers,
 * and http-api.ts for the HTTP API. The local runtime and tests call the `make…(deps)` steps
 * and the Hono app directly, so nothing is logged through this outside Lambda.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

const logger = new Logger();

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

export function withLogging<E, R>(handler: LambdaHandler<E, R>): LambdaHandler<E, R> {
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await handler(event, context);
    } catch (error) {
      logger.error('invocation failed', error as Error);
      throw error;
    }
  };
}
