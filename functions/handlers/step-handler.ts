/**
 * The shape every workflow-step Lambda shares: validate the event with zod (a bad event is a
 * named `InvalidStepInput` error the ASL can see, not a crash), build the dependencies once
 * per container from the environment, run the step, log as JSON (lambda-logging.ts).
 *
 * Each step module exports `make…(deps)` for the local runtime and tests, and `handler` for
 * Lambda.
 */
import type { z } from 'zod';
import { createDeps, type Deps } from '../deps.js';
import { commonEnvSchema, parseEnv } from '../env.js';
import { withLogging, type LambdaHandler } from './lambda-logging.js';

export class InvalidStepInput extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidStepInput';
  }
}

export function parseStepInput<S extends z.ZodType>(schema: S, event: unknown): z.infer<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidStepInput(parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

export type Step<R> = (event: unknown) => Promise<R>;

/**
 * A Lambda handler that builds its dependencies on the first call and reuses them after.
 * Steps that send no links say `usesLinks: false` and are not granted the link keys.
 */
export function lambdaStep<R>(make: (deps: Deps) => Step<R>, options: { usesLinks: boolean }): LambdaHandler<unknown, R> {
  let step: Promise<Step<R>> | undefined;
  return withLogging(async (event) => {
    step ??= createDeps(parseEnv(commonEnvSchema), options).then(make);
    // A failed start (say, the secret could not be read) must not stick to the container.
    const run = await step.catch((error: unknown) => { step = undefined; throw error; });
    return run(event);
  });
}
