/**
 * Lints every statemachines/*.asl.json against the house rules for workflows: valid ASL once
 * its placeholders are filled (asl-validator), only placeholders the stack substitutes, every
 * Task bounded by a timeout and retrying Lambda's transient errors with backoff, every human
 * step (`.waitForTaskToken`) catching its timeout, and state names a manager can read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STATE_MACHINES } from '../../statemachines/catalog.js';

const ASL_SUBSTITUTIONS: Record<string, string[]> = Object.fromEntries(
  Object.values(STATE_MACHINES).map((machine) => [machine.file, Object.keys(machine.functions)]),
);

interface Retrier { ErrorEquals: string[]; BackoffRate?: number }
interface Catcher { ErrorEquals: string[]; Next: string }
interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
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
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

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

  it.each(callbackTasks)('$file › "$name" catches States.Timeout', ({ state }) => {
    expect((state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.Timeout'))).toBe(true);
  });

  it.each(allStates)('$file › "$name" is a name a manager can read', ({ name }) => {
    expect(name).toMatch(/^[A-Z]/);
    expect(name).toContain(' ');
    expect(name).not.toMatch(/^(state|step|task|pass|choice|wait)\s*\d+$/i);
  });
});
