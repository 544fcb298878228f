/**
 * The local Step Functions service after a restart behaves as AWS does, which never replays an
 * execution: each running execution resumes at the top-level state it was in. A Wait waits only
 * what was left, a callback keeps its token (and its function is not invoked again) and its
 * timeout keeps counting, a Lambda task cut short runs again as a retry, the state machine's
 * TimeoutSeconds keeps counting, and the history goes on. Time stands still while the service
 * is down.
 *
 * Each test stops a service mid-execution and starts a new one on the same data folder.
 * Timings are real: a scale is chosen per test so that the interesting span lasts about a second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand, TaskTimedOut, type HistoryEvent, type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../local/step-functions/index.js';
import { DAY_SECONDS, eventually, finishedOn, fixture, lambdaFunctions, sdkClient } from './local-step-functions-harness.js';

type Lambdas = ReturnType<typeof lambdaFunctions>;

describe('local Step Functions: a restart resumes executions where they were', () => {
  let directory: string;
  const open: Array<{ service: LocalStepFunctions; client: SFNClient }> = [];

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'local-sfn-restart-'));
  });

  afterEach(async () => {
    for (const { service, client } of open.splice(0)) {
      client.destroy();
      await service.stop();
    }
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  /** A service on the test's own data folder, stopped after the test if still running. */
  async function serve(machine: string, dataName: string, lambdas: Lambdas, timeScale: number) {
    const service = await startLocalStepFunctions({
      stateMachines: [fixture(machine)],
      invokeLambda: lambdas.invokeLambda,
      timeScale,
      persistPath: join(directory, dataName, 'executions.json'),
    });
    const client = sdkClient(service.endpoint);
    const handle = { service, client };
    open.push(handle);
    return {
      client,
      stateMachineArn: service.stateMachineArn(machine),
      finished: finishedOn(client),
      history: async (executionArn: string): Promise<HistoryEvent[]> =>
        (await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [],
      stop: async () => {
        open.splice(open.indexOf(handle), 1);
        client.destroy();
        await service.stop();
      },
    };
  }

  const functionNames = (...lambdas: Lambdas[]) => lambdas.flatMap(({ calls }) => calls.map((call) => call.functionName));
  const types = (history: HistoryEvent[]) => history.map((event) => event.type);

  it('resumes at a Wait of Seconds, which then waits only what was left; the Task before it ran once and the history goes on', async () => {
    // Arrange: a day lasts 2 s; the service stops 1 s into the Wait and stays down 0.5 s
    const timeScale = DAY_SECONDS / 2;
    const before = lambdaFunctions();
    const first = await serve('waits', 'wait', before, timeScale);
    const { executionArn } = await first.client.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachineArn, input: JSON.stringify({ kind: 'seconds' }) }),
    );
    await eventually(async () => types(await first.history(executionArn as string)).includes('WaitStateEntered') || undefined, 'the Wait');
    const waitEntered = Date.now();
    await sleep(1_000);
    const beforeRestart = await first.history(executionArn as string);
    await first.stop();
    await sleep(500);

    // Act
    const after = lambdaFunctions();
    const second = await serve('waits', 'wait', after, timeScale);
    const restarted = Date.now();
    const execution = await second.finished(executionArn as string);
    const resumedFor = Date.now() - restarted;
    const history = await second.history(executionArn as string);

    // Assert: about 1 s was left (not 0.5 s, as if time ran while down; not 2 s, as if from the start)
    expect(execution.status).toBe('SUCCEEDED');
    expect(Date.now() - waitEntered).toBeGreaterThan(2_000);
    expect(resumedFor).toBeGreaterThanOrEqual(800);
    expect(resumedFor).toBeLessThan(1_600);
    expect(functionNames(before, after)).toEqual(['note-start']);
    expect(types(history)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskStateExited', 'ChoiceStateEntered', 'ChoiceStateExited',
      'WaitStateEntered', 'WaitStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded',
    ]);
    expect(history.slice(0, beforeRestart.length)).toEqual(beforeRestart);
    expect(history.map((event) => [event.id, event.previousEventId])).toEqual(history.map((_, index) => [index + 1, index]));
  });

  it('keeps a waiting callback on its original token: SendTaskSuccess after the restart reaches it, and its function ran once', async () => {
    // Arrange: the client is asked, the service stops before they answer
    const before = lambdaFunctions();
    const first = await serve('client-answer', 'callback', before, 1_000_000);
    const { executionArn } = await first.client.send(new StartExecutionCommand({
      stateMachineArn: first.stateMachineArn,
      input: JSON.stringify({ requestId: 'kickoff-9', reminderSeconds: 365 * DAY_SECONDS }),
    }));
    const token = await eventually(() => before.calls[0]?.payload.taskToken as string | undefined, 'the token');
    await eventually(async () => (await first.history(executionArn as string)).length >= 2 || undefined, 'the task entry');
    await first.stop();

    // Act: the answer arrives with the token the function handed on, as soon as the new service is up
    const after = lambdaFunctions();
    const second = await serve('client-answer', 'callback', after, 1_000_000);
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ pace: 'weekly' }) }));
    const execution = await second.finished(executionArn as string);
    const history = await second.history(executionArn as string);

    // Assert
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toMatchObject({ requestId: 'kickoff-9', answer: { pace: 'weekly' } });
    expect(functionNames(before, after)).toEqual(['ask-client']);
    expect(types(history)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('times a resumed callback out when its timeout from the original entry runs out, without invoking its function again', async () => {
    // Arrange: the timeout is two days, lasting 1 s; the service stops 0.6 s in and stays down 0.5 s
    const timeScale = DAY_SECONDS * 2;
    const before = lambdaFunctions();
    const first = await serve('client-answer', 'callback-timeout', before, timeScale);
    const { executionArn } = await first.client.send(new StartExecutionCommand({
      stateMachineArn: first.stateMachineArn,
      input: JSON.stringify({ requestId: 'kickoff-10', reminderSeconds: 2 * DAY_SECONDS }),
    }));
    const token = await eventually(() => before.calls[0]?.payload.taskToken as string | undefined, 'the token');
    await sleep(600);
    await first.stop();
    await sleep(500);

    // Act
    const after = lambdaFunctions();
    const second = await serve('client-answer', 'callback-timeout', after, timeScale);
    const restarted = Date.now();
    const execution = await second.finished(executionArn as string);
    const resumedFor = Date.now() - restarted;

    // Assert: about 0.4 s was left of the timeout
    expect(JSON.parse(execution.output as string)).toMatchObject({ outcome: 'reminded', timeout: { Error: 'States.Timeout' } });
    expect(resumedFor).toBeGreaterThanOrEqual(250);
    expect(resumedFor).toBeLessThan(800);
    expect(functionNames(before, after)).toEqual(['ask-client']);
    await expect(second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('runs a Lambda task that was in flight again, as a retry, and not the states before it', async () => {
    // Arrange: the charge hangs until the service stops
    const before = lambdaFunctions();
    before.functions.set('charge', () => new Promise(() => {}));
    const first = await serve('redrive', 'in-flight', before, 1_000_000);
    const { executionArn } = await first.client.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachineArn, input: JSON.stringify({ orderId: 'o-7' }) }),
    );
    await eventually(() => before.calls.find((call) => call.functionName === 'charge'), 'the charge');
    await sleep(100);
    await first.stop();

    // Act
    const after = lambdaFunctions();
    const second = await serve('redrive', 'in-flight', after, 1_000_000);
    const execution = await second.finished(executionArn as string);
    const history = await second.history(executionArn as string);

    // Assert
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: JSON.stringify({ receipt: 'o-7: 42' }) });
    expect(functionNames(before)).toEqual(['note-start', 'charge']);
    expect(functionNames(after)).toEqual(['charge', 'send-receipt']);
    const entered = history.flatMap((event) => (event.type === 'TaskStateEntered' ? [event.stateEnteredEventDetails?.name] : []));
    expect(entered).toEqual(['Note the order', 'Charge the card', 'Send the receipt']);
  });

  it("keeps counting the state machine's TimeoutSeconds from the start, not from the restart", async () => {
    // Arrange: the machine allows a day (1 s) and waits two; the service stops 0.6 s in and stays down 0.5 s
    const timeScale = DAY_SECONDS;
    const first = await serve('execution-timeout', 'timeout', lambdaFunctions(), timeScale);
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn: first.stateMachineArn, input: '{}' }));
    await sleep(600);
    await first.stop();
    await sleep(500);

    // Act
    const second = await serve('execution-timeout', 'timeout', lambdaFunctions(), timeScale);
    const restarted = Date.now();
    const execution = await second.finished(executionArn as string);
    const resumedFor = Date.now() - restarted;

    // Assert: about 0.4 s was left
    expect(execution.status).toBe('TIMED_OUT');
    expect(resumedFor).toBeGreaterThanOrEqual(250);
    expect(resumedFor).toBeLessThan(800);
    expect(types(await second.history(executionArn as string))).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });
});
