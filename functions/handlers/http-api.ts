/**
 * Lambda entry of the HTTP API (API Gateway HTTP API, payload 2.0): the Hono app, built once
 * per container from the environment, logging as JSON (lambda-logging.ts).
 */
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { httpEnvSchema, parseEnv } from '../env.js';
import { createApp } from '../http/app.js';
import { createHttpDeps } from '../http/http-deps.js';
import { withLogging } from './lambda-logging.js';

let app: Promise<ReturnType<typeof handle>> | undefined;

export const handler = withLogging(async (event: LambdaEvent, context) => {
  app ??= createHttpDeps(parseEnv(httpEnvSchema)).then((deps) => handle(createApp(deps)));
  const run = await app.catch((error: unknown) => { app = undefined; throw error; });
  return run(event, context);
});
