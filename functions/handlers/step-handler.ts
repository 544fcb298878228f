/**
 * The shape every workflow-step Lambda shares: validate the event with zod (a bad event is a
 * named `InvalidStepInput` error the ASL can see, not a crash), build the dependencies once
 * per container from the environment, run the step, log as JSON (lambda-logging.ts).
 *
 * Each step module exports `make…(deps)` for the local runtime and tests, and `handler` for
 * Lambda. `make…` names the parts of `Deps` it uses, and `handler` builds just those with the
 * builders of deps.ts, so a function's bundle holds only the AWS clients it calls.
 */
import type * as z from 'zod';
import { commonEnvSchema, parseEnv, type CommonEnv } from '../env.js';
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
 * A Lambda handler that builds its dependencies on the first call, with `build`, and reuses
 * them after. Steps that send no links don't build the link signer and are not granted the keys.
 */
export function lambdaStep<D, R>(make: (deps: D) => Step<R>, build: (env: CommonEnv) => D | Promise<D>): LambdaHandler<unknown, R> {
  let step: Promise<Step<R>> | undefined;
  return withLogging(async (event) => {
    step ??= Promise.resolve(build(parseEnv(commonEnvSchema))).then(make);
    // A failed start (say, the secret could not be read) must not stick to the container.
    const run = await step.catch((error: unknown) => { step = undefined; throw error; });
    return run(event);
  });
}
