/**
 * Lints every statemachines/*.asl.json against the house rules for workflows: valid ASL once
 * its placeholders are filled (asl-validator), only placeholders the stack substitutes, every
 * Task bounded by a timeout and retrying Lambda's transient errors with backoff, every Task
 * retrying a crash or a timeout of our own function under each name Step Functions may report it
 * by, no Task retrying the application's own named errors (scanned from functions/), every human
 * step (`.waitForTaskToken`) catching its timeout and never retrying it, and state names a
 * manager can read.
 *
 * A retrier is judged as Step Functions applies it: the first one whose ErrorEquals matches the
 * error (by name, `States.ALL`, or `States.TaskFailed` for anything but `States.Timeout`)
 * decides, and one with `MaxAttempts: 0` does not retry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionTimeoutSeconds } from '../../infra/function-settings.js';
import { STATE_MACHINES } from '../../statemachines/catalog.js';

const ASL_SUBSTITUTIONS: Record<string, string[]> = Object.fromEntries(
  Object.values(STATE_MACHINES).map((machine) => [machine.file, Object.keys(machine.functions)]),
);

interface Retrier { ErrorEquals: string[]; BackoffRate?: number; MaxAttempts?: number }
interface Catcher { ErrorEquals: string[]; Next: string }
interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Parameters?: { FunctionName?: string };
  Retry?: Retrier[];
  Catch?: Catcher[];
  Branches?: { States: Record<string, AslState> }[];
  ItemProcessor?: { States: Record<string, AslState> };
  Iterator?: { States: Record<string, AslState> };
}
interface AslDefinition { States: Record<string, AslState> }

type AslValidator = (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];
/** What the AWS SDK throws for a busy service or a dropped connection (a reset socket is a TimeoutError). */
const SDK_TRANSIENT_ERRORS = ['TimeoutError', 'ThrottlingException', 'TooManyRequestsException', 'ProvisionedThroughputExceededException'];
/**
 * Our function crashed or timed out: `Lambda.Unknown` in the Step Functions docs, and the names
 * current runtimes report (`Sandbox.Timedout` at the function timeout, `Runtime.ExitError` when
 * the runtime dies).
 */
const CRASH_ERRORS = ['Lambda.Unknown', 'Sandbox.Timedout', 'Runtime.ExitError'];
/** Named errors of ours that a Task retries on purpose, and why. */
const RETRIED_ON_PURPOSE: Record<string, string> = {
  InProgress: 'another attempt holds the send guard; the retry finds the email sent or takes over the expired lease',
};
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;
const ASL_DEFAULT_MAX_ATTEMPTS = 3;

/** The application's own error names, as thrown in functions/: each means "no", never "try again". */
function applicationErrorNames(): string[] {
  const root = fileURLToPath(new URL('../../functions/', import.meta.url));
  const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
  const declared = /(?:super|new DomainError)\('([A-Z][A-Za-z]+)'|this\.name = '([A-Z][A-Za-z]+)'/g;
  const names = sources.flatMap((file) => [...readFileSync(`${root}${file}`, 'utf8').matchAll(declared)].map((m) => (m[1] ?? m[2]) as string));
  return [...new Set(names)].filter((name) => !Object.hasOwn(RETRIED_ON_PURPOSE, name)).sort();
}
const APPLICATION_ERRORS = applicationErrorNames();

/** Whether the Task retries `error`: the first retrier that matches decides. */
function retries(state: AslState, error: string): boolean {
  const retrier = (state.Retry ?? []).find(({ ErrorEquals: names }) =>
    names.includes(error) || names.includes('States.ALL') || (names.includes('States.TaskFailed') && error !== 'States.Timeout'));
  return retrier !== undefined && (retrier.MaxAttempts ?? ASL_DEFAULT_MAX_ATTEMPTS) > 0;
}

/** The handler a Task invokes, from its substituted `FunctionName` (see `substituted`). */
const HANDLER_OF_PLACEHOLDER: Record<string, string> = Object.assign({}, ...Object.values(STATE_MACHINES).map((machine) => machine.functions));
const handlerOf = (state: AslState) => HANDLER_OF_PLACEHOLDER[state.Parameters?.FunctionName?.split(':').pop() ?? ''];

const dir = fileURLToPath(new URL('../../statemachines/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.asl.json')).sort();
const sources = new Map(files.map((file) => [file, readFileSync(`${dir}${file}`, 'utf8')]));

function placeholdersOf(source: string): string[] {
  return [...new Set([...source.matchAll(PLACEHOLDER)].map((match) => match[1] as string))].sort();
}

/** The definition as deployed, with each placeholder standing in for a function ARN. */
function substituted(file: string): AslDefinition {
  const source = sources.get(file) as string;
  return JSON.parse(source.replace(PLACEHOLDER, (_, name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:${name}`)) as AslDefinition;
}

/** Every state, including those inside Parallel branches and Map processors. */
function statesOf(states: Record<string, AslState>): [string, AslState][] {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, AslState],
    ...(state.Branches ?? []).flatMap((branch) => statesOf(branch.States)),
    ...statesOf(state.ItemProcessor?.States ?? state.Iterator?.States ?? {}),
  ]);
}

const allStates = files.flatMap((file) => statesOf(substituted(file).States).map(([name, state]) => ({ file, name, state })));
const tasks = allStates.filter(({ state }) => state.Type === 'Task');
const callbackTasks = tasks.filter(({ state }) => state.Resource?.endsWith('.waitForTaskToken'));
const invokeTasks = tasks.filter(({ state }) => state.Resource === 'arn:aws:states:::lambda:invoke');

describe('statemachines/*.asl.json', () => {
  it('has workflows to lint', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(callbackTasks.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is deployed by the stack, which fills exactly its placeholders', (file) => {
    expect(ASL_SUBSTITUTIONS, `${file} is not listed in statemachines/catalog.ts`).toHaveProperty([file]);
    expect(placeholdersOf(sources.get(file) as string)).toEqual([...(ASL_SUBSTITUTIONS[file] ?? [])].sort());
  });

  it.each(files)('%s is valid ASL once its placeholders are filled', (file) => {
    const result = aslValidator(substituted(file));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it.each(tasks)('$file › "$name" has TimeoutSeconds or TimeoutSecondsPath', ({ state }) => {
    expect(state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath !== undefined).toBe(true);
  });

  it.each(tasks)('$file › "$name" retries Lambda\'s transient errors with backoff', ({ state }) => {
    for (const error of LAMBDA_TRANSIENT_ERRORS) {
      const retrier = (state.Retry ?? []).find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL'));
      expect(retrier, `no Retry covers ${error}`).toBeDefined();
      expect(retrier?.BackoffRate ?? 2, `${error} is retried without backoff`).toBeGreaterThan(1);
    }
  });

  it.each(tasks)('$file › "$name" retries the AWS SDK\'s transient errors with backoff', ({ state }) => {
    for (const error of SDK_TRANSIENT_ERRORS) {
      const retrier = (state.Retry ?? []).find((r) => r.ErrorEquals.includes(error));
      expect(retrier, `no Retry covers ${error}`).toBeDefined();
      expect(retrier?.BackoffRate ?? 2, `${error} is retried without backoff`).toBeGreaterThan(1);
    }
  });

  it('finds the application\'s own errors to check against', () => {
    expect(APPLICATION_ERRORS).toEqual(expect.arrayContaining(['AnswerArrived', 'InvalidStepInput', 'NotFound']));
  });

  it.each(tasks)('$file › "$name" retries a crash or a timeout of our function, whatever its name, with backoff', ({ state }) => {
    for (const error of CRASH_ERRORS) {
      expect(retries(state, error), `${error} is not retried`).toBe(true);
      const retrier = (state.Retry ?? []).find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL'));
      expect(retrier?.BackoffRate ?? 2, `${error} is retried without backoff`).toBeGreaterThan(1);
    }
  });

  it.each(tasks)('$file › "$name" never retries an application error', ({ state }) => {
    expect(APPLICATION_ERRORS.filter((error) => retries(state, error))).toEqual([]);
  });

  it.each(callbackTasks)('$file › "$name" catches States.Timeout', ({ state }) => {
    expect((state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.Timeout'))).toBe(true);
  });

  it.each(callbackTasks)('$file › "$name" never retries its States.Timeout: waiting for a person ran out, which the Catch handles', ({ state }) => {
    expect(retries(state, 'States.Timeout')).toBe(false);
  });

  it.each(invokeTasks)('$file › "$name" outlasts its function\'s own timeout, and retries its States.Timeout', ({ state }) => {
    // A function that runs too long fails at its own timeout (Sandbox.Timedout) first; the Task's
    // States.Timeout can then only mean the invoke itself hung, which is as transient as a Lambda service error.
    const handler = handlerOf(state);
    expect(handler, 'the Task invokes a function of statemachines/catalog.ts').toBeDefined();
    expect(state.TimeoutSeconds).toBeGreaterThan(functionTimeoutSeconds(handler as string));
    expect(retries(state, 'States.Timeout')).toBe(true);
  });

  it.each(allStates)('$file › "$name" is a name a manager can read', ({ name }) => {
    expect(name).toMatch(/^[A-Z]/);
    expect(name).toContain(' ');
    expect(name).not.toMatch(/^(state|step|task|pass|choice|wait)\s*\d+$/i);
  });
});
