/**
 * The local Step Functions service ends executions where AWS's limits on a Standard execution
 * would: at 25,000 history events (FAILED, States.Runtime, the ExecutionFailed being event
 * 25,000) and after a year (TIMED_OUT, States.Timeout in its history), each told as a status
 * change and, as on AWS, not redrivable. A state machine's own TimeoutSeconds stays redrivable.
 */
import {
  ExecutionNotRedrivable, GetExecutionHistoryCommand, RedriveExecutionCommand, StartExecutionCommand, type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStepFunctions, type ExecutionStatusChange, type LocalStepFunctions } from '../../local/step-functions/index.js';
import { finishedOn, fixture, lambdaFunctions, sdkClient } from './local-step-functions-harness.js';

/** A year lasts 31.5 ms. */
const TIME_SCALE = 1_000_000_000;
const YEAR_MS = (365 * 86_400 * 1000) / TIME_SCALE;

describe('local Step Functions: the limits of a Standard execution', () => {
  let service: LocalStepFunctions;
  let client: SFNClient;
  let finished: ReturnType<typeof finishedOn>;
  const statusChanges: ExecutionStatusChange[] = [];

  beforeAll(async () => {
    service = await startLocalStepFunctions({
      stateMachines: ['endless-loop', 'waits'].map(fixture),
      invokeLambda: lambdaFunctions().invokeLambda,
      timeScale: TIME_SCALE,
      onStatusChange: (event) => statusChanges.push(event),
    });
    client = sdkClient(service.endpoint);
    finished = finishedOn(client);
  });

  afterAll(async () => {
    client.destroy();
    await service.stop();
  });

  const start = async (machine: string, input: object) =>
    (await client.send(new StartExecutionCommand({ stateMachineArn: service.stateMachineArn(machine), input: JSON.stringify(input) })))
      .executionArn as string;
  const changesOf = (executionArn: string) =>
    statusChanges.filter((event) => event.detail.executionArn === executionArn).map(({ detail }) => detail);

  it('fails an execution whose history reaches 25,000 events, the failure being event 25,000, and does not redrive it', async () => {
    // Arrange: nothing but the loop

    // Act
    const executionArn = await start('endless-loop', {});
    const execution = await finished(executionArn);
    const lastTwo = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    const redrive = client.send(new RedriveExecutionCommand({ executionArn }));

    // Assert
    const cause = 'The execution reached the maximum number of history events (25000).';
    expect(execution).toMatchObject({
      status: 'FAILED', error: 'States.Runtime', cause,
      redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution history event limit exceeded.',
    });
    expect(lastTwo.events?.map((event) => [event.id, event.previousEventId, event.type])).toEqual([
      [25_000, 24_999, 'ExecutionFailed'],
      [24_999, 24_998, 'PassStateExited'],
    ]);
    expect(lastTwo.events?.[0]?.executionFailedEventDetails).toEqual({ error: 'States.Runtime', cause });
    await expect(redrive).rejects.toBeInstanceOf(ExecutionNotRedrivable);
    expect(changesOf(executionArn).map((detail) => [detail.status, detail.redriveStatus])).toEqual([
      ['RUNNING', 'NOT_REDRIVABLE'], ['FAILED', 'NOT_REDRIVABLE'],
    ]);
  });

  it('times out an execution that runs for a year, as TIMED_OUT with States.Timeout, and does not redrive it', async () => {
    // Arrange: a Wait of ten years

    // Act
    const executionArn = await start('waits', { kind: 'seconds-path', seconds: 10 * 365 * 86_400 });
    const execution = await finished(executionArn);
    const last = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    const redrive = client.send(new RedriveExecutionCommand({ executionArn }));

    // Assert
    expect(execution).toMatchObject({
      status: 'TIMED_OUT', redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution has exceeded the max execution time.',
    });
    expect(execution.error).toBeUndefined();
    const ranForMs = execution.stopDate!.getTime() - execution.startDate!.getTime();
    expect(ranForMs).toBeGreaterThanOrEqual(Math.floor(YEAR_MS));
    expect(ranForMs).toBeLessThan(10 * YEAR_MS);
    expect(last.events?.[0]).toMatchObject({ type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } });
    await expect(redrive).rejects.toBeInstanceOf(ExecutionNotRedrivable);
    expect(changesOf(executionArn).map((detail) => [detail.status, detail.redriveStatusReason])).toEqual([
      ['RUNNING', 'Execution is RUNNING and cannot be redriven.'],
      ['TIMED_OUT', 'Execution has exceeded the max execution time.'],
    ]);
  });

  it("leaves an execution timed out by the state machine's own TimeoutSeconds redrivable", async () => {
    // Arrange: a slower service (here 14 days, the redrivable period, would last a millisecond);
    // the machine allows a day and waits two
    const slower = await startLocalStepFunctions({
      stateMachines: [fixture('execution-timeout')], invokeLambda: lambdaFunctions().invokeLambda, timeScale: 1_000_000,
    });
    const slowerClient = sdkClient(slower.endpoint);

    // Act
    const { executionArn } = await slowerClient.send(
      new StartExecutionCommand({ stateMachineArn: slower.stateMachineArn('execution-timeout'), input: '{}' }),
    );
    const execution = await finishedOn(slowerClient)(executionArn as string);
    slowerClient.destroy();
    await slower.stop();

    // Assert
    expect(execution).toMatchObject({ status: 'TIMED_OUT', redriveStatus: 'REDRIVABLE' });
  });
});
