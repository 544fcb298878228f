/**
 * Lambda entry of the HTTP API (API Gateway HTTP API, payload 2.0): the Hono app, built once
 * per container from the environment.
 */
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { httpEnvSchema, parseEnv } from '../env.js';
import { createApp } from '../http/app.js';
import { createHttpDeps } from '../http/http-deps.js';

let app: Promise<ReturnType<typeof handle>> | undefined;

export const handler = async (event: LambdaEvent, context: LambdaContext) => {
  app ??= createHttpDeps(parseEnv(httpEnvSchema)).then((deps) => handle(createApp(deps)));
  const run = await app.catch((error: unknown) => { app = undefined; throw error; });
  return run(event, context);
};
