/**
 * The local Step Functions service, driven through the real `SFNClient` as production code
 * drives it: the AWS JSON 1.0 protocol, AWS error names as SDK exceptions, ASL executed with
 * Lambda tasks run in-process, task tokens, scaled time, redrive from the state that failed,
 * status change events, and persistence across a restart (resuming in detail:
 * local-step-functions-restart.test.ts; AWS's execution limits: local-step-functions-limits.test.ts).
 * Fixture state machines live in ./fixtures/local-sfn-*.asl.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionNotRedrivable,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidExecutionInput,
  InvalidOutput,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ValidationException,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStepFunctions, type ExecutionStatusChange, type LocalStepFunctions } from '../../local/step-functions/index.js';
import { issueTaskToken } from '../../local/step-functions/tokens.js';
import { DAY_SECONDS, eventually, fixture, lambdaFunctions, namedError, sdkClient } from './local-step-functions-harness.js';

/** A day lasts 86 ms: long waits and timeouts finish well within a test. */
const TIME_SCALE = 1_000_000;

const stateMachines = ['greeting', 'client-answer', 'map-answers', 'waits', 'retry', 'execution-timeout', 'redrive', 'caught-failure'].map(fixture);

describe('local Step Functions service', () => {
  let service: LocalStepFunctions;
  let client: SFNClient;
  let lambdas: ReturnType<typeof lambdaFunctions>;
  const statusChanges: ExecutionStatusChange[] = [];

  beforeAll(async () => {
    lambdas = lambdaFunctions();
    service = await startLocalStepFunctions({
      stateMachines,
      invokeLambda: (functionArn, payload) => lambdas.invokeLambda(functionArn, payload),
      timeScale: TIME_SCALE,
      onStatusChange: (event) => statusChanges.push(event),
    });
    client = sdkClient(service.endpoint);
  });

  afterEach(() => {
    lambdas = lambdaFunctions();
  });

  afterAll(async () => {
    client.destroy();
    await service.stop();
  });

  const start = async (machine: string, input: object, name?: string) =>
    client.send(
      new StartExecutionCommand({ stateMachineArn: service.stateMachineArn(machine), input: JSON.stringify(input), name }),
    );

  const finished = (executionArn: string): Promise<DescribeExecutionCommandOutput> =>
    eventually(async () => {
      const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    }, `${executionArn} to finish`);

  const historyOf = async (executionArn: string): Promise<HistoryEvent[]> =>
    (await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];

  /** The token the ask-client function received for this request. */
  const tokenFor = (requestId: string): Promise<string> =>
    eventually(
      () => lambdas.calls.find((call) => call.functionName === 'ask-client' && call.payload.requestId === requestId)?.payload
        .taskToken as string | undefined,
      `the token of ${requestId}`,
    );

  it('starts an execution, runs it to success and describes it as AWS does', async () => {
    // Arrange
    const input = { name: 'Ada' };

    // Act
    const started = await start('greeting', input);
    const execution = await finished(started.executionArn as string);

    // Assert
    expect(started.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:greeting:[0-9a-f-]{36}$/);
    expect(started.startDate).toBeInstanceOf(Date);
    expect(execution).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:greeting',
      status: 'SUCCEEDED',
      input: JSON.stringify(input),
    });
    expect(execution.stopDate!.getTime()).toBeGreaterThanOrEqual(execution.startDate!.getTime());
    expect(JSON.parse(execution.output as string)).toMatchObject({ name: 'Ada', shouted: 'HELLO, ADA' });
    expect(execution.error).toBeUndefined();
  });

  it('gives lambda:invoke the Payload and returns the AWS-shaped result; a plain function ARN gets its input', async () => {
    // Arrange
    const input = { name: 'Grace' };

    // Act
    const { executionArn } = await start('greeting', input);
    const execution = await finished(executionArn as string);

    // Assert
    expect(lambdas.calls).toEqual([
      { functionName: 'build-greeting', payload: { name: 'Grace' } },
      { functionName: 'shout', payload: { greeting: 'Hello, Grace' } },
    ]);
    expect(JSON.parse(execution.output as string).invocation).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { greeting: 'Hello, Grace' },
      StatusCode: 200,
    });
  });

  it('waits for the task token and continues with the SendTaskSuccess output', async () => {
    // Arrange
    const { executionArn } = await start('client-answer', { requestId: 'kickoff-1', reminderSeconds: 365 * DAY_SECONDS });
    const token = await tokenFor('kickoff-1');

    // Act
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ pace: 'weekly' }) }));
    const execution = await finished(executionArn as string);

    // Assert
    expect(token).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toEqual({
      requestId: 'kickoff-1',
      reminderSeconds: 365 * DAY_SECONDS,
      answer: { pace: 'weekly' },
    });
  });

  it('gives each concurrent Map iteration its own task token', async () => {
    // Arrange
    const { executionArn } = await start('map-answers', { requestIds: ['milestone-1', 'milestone-2'] });
    const tokens = [await tokenFor('milestone-1'), await tokenFor('milestone-2')];

    // Act
    for (const [index, taskToken] of tokens.entries()) {
      await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ confirmed: index + 1 }) }));
    }
    const execution = await finished(executionArn as string);

    // Assert
    expect(new Set(tokens).size).toBe(2);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toEqual([{ confirmed: 1 }, { confirmed: 2 }]);
  });

  it('answers TaskTimedOut to a second SendTaskSuccess for the same token', async () => {
    // Arrange
    const { executionArn } = await start('client-answer', { requestId: 'kickoff-2', reminderSeconds: 365 * DAY_SECONDS });
    const token = await tokenFor('kickoff-2');
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    // Act
    const second = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    // Assert
    await expect(second).rejects.toBeInstanceOf(TaskTimedOut);
    await finished(executionArn as string);
  });

  it('routes SendTaskFailure to a Catch on States.TaskFailed with its error and cause', async () => {
    // Arrange
    const { executionArn } = await start('client-answer', { requestId: 'kickoff-3', reminderSeconds: 365 * DAY_SECONDS });
    const token = await tokenFor('kickoff-3');

    // Act
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'ClientDeclined', cause: 'Not now' }));
    const execution = await finished(executionArn as string);

    // Assert
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toMatchObject({
      outcome: 'declined',
      failure: { Error: 'ClientDeclined', Cause: 'Not now' },
    });
  });

  it('answers TaskDoesNotExist to a well-formed token that was never issued', async () => {
    // Arrange
    const token = issueTaskToken('arn:aws:states:us-east-1:000000000000:execution:client-answer:never-started');

    // Act
    const answer = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    // Assert
    await expect(answer).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it.each([
    ['plain text', 'not-a-token'],
    ['base64 without the token layout', Buffer.from('x'.repeat(120)).toString('base64')],
  ])('answers InvalidToken to a malformed token (%s)', async (_, token) => {
    // Arrange: nothing, the token is garbage

    // Act
    const answer = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    // Assert
    await expect(answer).rejects.toBeInstanceOf(InvalidToken);
  });

  it.each([
    ['DescribeExecution', (executionArn: string) => new DescribeExecutionCommand({ executionArn })],
    ['StopExecution', (executionArn: string) => new StopExecutionCommand({ executionArn })],
    ['GetExecutionHistory', (executionArn: string) => new GetExecutionHistoryCommand({ executionArn })],
  ])('answers ExecutionDoesNotExist to %s of an unknown execution', async (_, command) => {
    // Arrange
    const unknown = 'arn:aws:states:us-east-1:000000000000:execution:greeting:nobody';

    // Act
    const answer = client.send(command(unknown) as DescribeExecutionCommand);

    // Assert
    await expect(answer).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });

  it('times out a callback task after a scaled 3-day TimeoutSecondsPath, into the Catch on States.Timeout, not States.TaskFailed', async () => {
    // Arrange
    const began = Date.now();

    // Act
    const { executionArn } = await start('client-answer', { requestId: 'kickoff-4', reminderSeconds: 3 * DAY_SECONDS });
    const token = await tokenFor('kickoff-4');
    const execution = await finished(executionArn as string);
    const elapsedMs = Date.now() - began;

    // Assert
    expect(elapsedMs).toBeLessThan(1_000);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toMatchObject({
      outcome: 'reminded',
      timeout: { Error: 'States.Timeout' },
    });
    expect((await historyOf(executionArn as string)).map((event) => event.type)).toContain('TaskTimedOut');
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it.each([
    ['seconds', {}],
    ['seconds-path', { seconds: DAY_SECONDS }],
    ['timestamp-path', { until: new Date(Date.now() + DAY_SECONDS * 1000).toISOString() }],
  ])('waits a scaled day in a Wait state given by %s', async (kind, extra) => {
    // Arrange
    const began = Date.now();

    // Act
    const { executionArn } = await start('waits', { kind, ...extra });
    const execution = await finished(executionArn as string);

    // Assert
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(execution.status).toBe('SUCCEEDED');
    const types = (await historyOf(executionArn as string)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['WaitStateEntered', 'WaitStateExited']));
  });

  it.each(['InProgress', 'Lambda.ServiceException'])(
    'retries a task that fails with %s, with hour-long intervals scaled, then succeeds',
    async (errorName) => {
      // Arrange
      let failuresLeft = 2;
      lambdas.functions.set('check-answer', () => {
        if (failuresLeft-- > 0) throw namedError(errorName, 'not yet');
        return { answered: true };
      });
      const began = Date.now();

      // Act
      const { executionArn } = await start('retry', { requestId: 'r-1' });
      const execution = await finished(executionArn as string);

      // Assert
      expect(Date.now() - began).toBeLessThan(1_000);
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output as string)).toEqual({ answered: true });
      expect(lambdas.calls.filter((call) => call.functionName === 'check-answer')).toHaveLength(3);
    },
  );

  it('fails the execution with the error name and message once retries are exhausted', async () => {
    // Arrange
    lambdas.functions.set('check-answer', () => {
      throw namedError('InProgress', 'still thinking');
    });

    // Act
    const { executionArn } = await start('retry', { requestId: 'r-2' });
    const execution = await finished(executionArn as string);

    // Assert
    expect(execution).toMatchObject({ status: 'FAILED', error: 'InProgress', cause: 'still thinking' });
    expect(lambdas.calls).toHaveLength(4);
    expect((await historyOf(executionArn as string)).at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'InProgress', cause: 'still thinking' },
    });
  });

  it('stops a running execution: ABORTED with the given error and cause, and its token closed', async () => {
    // Arrange
    const { executionArn } = await start('client-answer', { requestId: 'kickoff-5', reminderSeconds: 365 * DAY_SECONDS });
    const token = await tokenFor('kickoff-5');

    // Act
    const stopped = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Engagement.Cancelled', cause: 'The client left' }),
    );
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));

    // Assert
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Engagement.Cancelled', cause: 'The client left' });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
    const lastEvent = await eventually(async () => {
      const last = (await historyOf(executionArn as string)).at(-1);
      return last?.type === 'ExecutionAborted' ? last : undefined;
    }, 'the ExecutionAborted event');
    expect(lastEvent.executionAbortedEventDetails).toEqual({ error: 'Engagement.Cancelled', cause: 'The client left' });
  });

  it('ends an execution that outlives its own TimeoutSeconds as TIMED_OUT', async () => {
    // Arrange: the machine allows one day and waits two

    // Act
    const { executionArn } = await start('execution-timeout', {});
    const execution = await finished(executionArn as string);

    // Assert
    expect(execution.status).toBe('TIMED_OUT');
    expect(execution.error).toBeUndefined();
  });

  it('lists the executions of one state machine, newest first, filtered by status', async () => {
    // Arrange
    const succeeded = await start('greeting', { name: 'Lin' });
    await finished(succeeded.executionArn as string);
    const running = await start('client-answer', { requestId: 'kickoff-6', reminderSeconds: 365 * DAY_SECONDS });
    await tokenFor('kickoff-6');

    // Act
    const all = await client.send(new ListExecutionsCommand({ stateMachineArn: service.stateMachineArn('greeting') }));
    const runningOnly = await client.send(
      new ListExecutionsCommand({ stateMachineArn: service.stateMachineArn('client-answer'), statusFilter: 'RUNNING' }),
    );

    // Assert
    expect(all.executions?.[0]).toMatchObject({ executionArn: succeeded.executionArn, status: 'SUCCEEDED', name: expect.any(String) });
    expect(all.executions?.every((execution) => execution.stateMachineArn === service.stateMachineArn('greeting'))).toBe(true);
    expect(runningOnly.executions?.map((execution) => execution.executionArn)).toEqual([running.executionArn]);
    await client.send(new StopExecutionCommand({ executionArn: running.executionArn }));
  });

  it('returns the history of the states entered and exited, in order, reversible and paged', async () => {
    // Arrange
    const { executionArn } = await start('greeting', { name: 'Ada' });
    await finished(executionArn as string);

    // Act
    const history = await eventually(async () => {
      const events = await historyOf(executionArn as string);
      return events.at(-1)?.type === 'ExecutionSucceeded' ? events : undefined;
    }, 'the complete history');
    const reversed = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
    const nextPage = await client.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2, nextToken: reversed.nextToken }),
    );

    // Assert
    expect(history.map((event) => [event.type, event.stateEnteredEventDetails?.name])).toEqual([
      ['ExecutionStarted', undefined],
      ['TaskStateEntered', 'Build greeting'],
      ['TaskStateExited', undefined],
      ['TaskStateEntered', 'Shout greeting'],
      ['TaskStateExited', undefined],
      ['ChoiceStateEntered', 'Greeting shouted?'],
      ['ChoiceStateExited', undefined],
      ['SucceedStateEntered', 'Greeted'],
      ['SucceedStateExited', undefined],
      ['ExecutionSucceeded', undefined],
    ]);
    expect(history.map((event) => event.id)).toEqual(history.map((_, index) => index + 1));
    expect(history[1]).toMatchObject({ previousEventId: 1, timestamp: expect.any(Date) });
    expect(history[0]?.executionStartedEventDetails?.input).toBe(JSON.stringify({ name: 'Ada' }));
    expect(reversed.events?.map((event) => event.id)).toEqual([10, 9]);
    expect(nextPage.events?.map((event) => event.id)).toEqual([8, 7]);
  });

  it('treats a second StartExecution with the same name and input as the same execution, and refuses other input', async () => {
    // Arrange
    const input = { requestId: 'kickoff-7', reminderSeconds: 365 * DAY_SECONDS };
    const first = await start('client-answer', input, 'engagement-42-kickoff');

    // Act
    const again = await start('client-answer', input, 'engagement-42-kickoff');
    const otherInput = start('client-answer', { ...input, requestId: 'other' }, 'engagement-42-kickoff');

    // Assert
    expect(again).toMatchObject({ executionArn: first.executionArn, startDate: first.startDate });
    await expect(otherInput).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(start('client-answer', input, 'engagement-42-kickoff')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it.each([
    ['an unknown state machine', () => start('no-such-machine', {}), StateMachineDoesNotExist],
    [
      'a malformed state machine ARN',
      () => client.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:lambda:nope' })),
      InvalidArn,
    ],
    [
      'input that is not JSON',
      () => client.send(new StartExecutionCommand({ stateMachineArn: service.stateMachineArn('greeting'), input: '{nope' })),
      InvalidExecutionInput,
    ],
    [
      'task output that is not JSON',
      () =>
        client.send(
          new SendTaskSuccessCommand({ taskToken: issueTaskToken('arn:aws:states:us-east-1:000000000000:execution:a:b'), output: 'nope' }),
        ),
      InvalidOutput,
    ],
    [
      'a task token longer than AWS allows',
      () => client.send(new SendTaskHeartbeatCommand({ taskToken: 'A'.repeat(3000) })),
      ValidationException,
    ],
  ])('rejects %s with the error AWS uses', async (_, send, ErrorClass) => {
    // Arrange: the request itself is the faulty input

    // Act
    const answer = send();

    // Assert
    await expect(answer).rejects.toBeInstanceOf(ErrorClass);
  });

  describe('redrive', () => {
    const declineCard = () => lambdas.functions.set('charge', () => {
      throw namedError('Card.Declined', 'insufficient funds');
    });
    const acceptCard = () => lambdas.functions.set('charge', ({ total }) => ({ charged: total }));
    const callsOf = (functionName: string) => lambdas.calls.filter((call) => call.functionName === functionName);

    it('continues a failed execution from the state that failed, with its input, and not before it', async () => {
      // Arrange: the card is declined beyond the one retry
      declineCard();
      const { executionArn } = await start('redrive', { orderId: 'o-1' });
      const failed = await finished(executionArn as string);
      acceptCard();

      // Act
      const { redriveDate } = await client.send(new RedriveExecutionCommand({ executionArn }));
      const execution = await finished(executionArn as string);

      // Assert
      expect(failed).toMatchObject({ status: 'FAILED', error: 'Card.Declined', redriveCount: 0, redriveStatus: 'REDRIVABLE' });
      expect(redriveDate).toBeInstanceOf(Date);
      expect(execution).toMatchObject({
        executionArn, status: 'SUCCEEDED', output: JSON.stringify({ receipt: 'o-1: 42' }),
        redriveCount: 1, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven.',
      });
      expect(execution.error).toBeUndefined();
      expect(callsOf('note-start')).toHaveLength(1);
      expect(callsOf('charge').map((call) => call.payload)).toEqual([
        { orderId: 'o-1', total: 42 }, { orderId: 'o-1', total: 42 }, { orderId: 'o-1', total: 42 },
      ]);
      const types = (await historyOf(executionArn as string)).map((event) => event.type);
      expect(types.filter((type) => type === 'ExecutionStarted')).toHaveLength(1);
      expect(types.slice(types.indexOf('ExecutionFailed'))).toEqual([
        'ExecutionFailed', 'ExecutionRedriven', 'TaskStateEntered', 'TaskStateExited', 'TaskStateEntered', 'TaskStateExited', 'ExecutionSucceeded',
      ]);
    });

    it('starts the retries of the redriven state afresh', async () => {
      // Arrange: declined twice (the attempt and its retry), then declined once more after the redrive
      declineCard();
      const { executionArn } = await start('redrive', { orderId: 'o-2' });
      await finished(executionArn as string);
      let declines = 1;
      lambdas.functions.set('charge', ({ total }) => {
        if (declines-- > 0) throw namedError('Card.Declined', 'try again');
        return { charged: total };
      });

      // Act
      await client.send(new RedriveExecutionCommand({ executionArn }));
      const execution = await finished(executionArn as string);

      // Assert
      expect(execution.status).toBe('SUCCEEDED');
      expect(callsOf('charge')).toHaveLength(4);
    });

    it('redrives an execution that ended in a Fail state from that Fail state, so it fails again, as on AWS', async () => {
      // Arrange: the decline is caught, the shop told, and the execution ends in "Order failed"
      declineCard();
      const { executionArn } = await start('caught-failure', {});
      await finished(executionArn as string);
      acceptCard();

      // Act
      await client.send(new RedriveExecutionCommand({ executionArn }));
      const execution = await eventually(async () => {
        const described = await client.send(new DescribeExecutionCommand({ executionArn }));
        return described.status !== 'RUNNING' && described.redriveCount === 1 ? described : undefined;
      }, 'the redriven execution to end');

      // Assert
      expect(execution).toMatchObject({ status: 'FAILED', error: 'OrderFailed', redriveStatus: 'REDRIVABLE' });
      expect(callsOf('charge')).toHaveLength(1);
      expect(callsOf('note-start')).toHaveLength(1);
    });

    it('redrives a stopped execution into the task it was waiting in, with a new token', async () => {
      // Arrange
      const { executionArn } = await start('client-answer', { requestId: 'kickoff-r1', reminderSeconds: 365 * DAY_SECONDS });
      const firstToken = await tokenFor('kickoff-r1');
      await client.send(new StopExecutionCommand({ executionArn }));

      // Act
      await client.send(new RedriveExecutionCommand({ executionArn }));
      const secondToken = await eventually(
        () => callsOf('ask-client').filter((call) => call.payload.requestId === 'kickoff-r1')[1]?.payload.taskToken as string | undefined,
        'the second token',
      );
      await client.send(new SendTaskSuccessCommand({ taskToken: secondToken, output: JSON.stringify({ answer: 'yes' }) }));
      const execution = await finished(executionArn as string);

      // Assert
      expect(secondToken).not.toBe(firstToken);
      expect(execution).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
      expect(JSON.parse(execution.output as string)).toMatchObject({ answer: { answer: 'yes' } });
      await expect(client.send(new SendTaskSuccessCommand({ taskToken: firstToken, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    });

    it('refuses to redrive a running or succeeded execution, and one that does not exist', async () => {
      // Arrange
      const running = await start('client-answer', { requestId: 'kickoff-r2', reminderSeconds: 365 * DAY_SECONDS });
      await tokenFor('kickoff-r2');
      const succeeded = await start('greeting', { name: 'Ines' });
      await finished(succeeded.executionArn as string);
      const missing = (running.executionArn as string).replace(/:[^:]+$/, ':never-started');

      // Act
      const attempts = [running, succeeded, { executionArn: missing }].map(({ executionArn }) =>
        client.send(new RedriveExecutionCommand({ executionArn })));

      // Assert
      await expect(attempts[0]).rejects.toMatchObject({ name: 'ExecutionNotRedrivable', message: 'Execution is RUNNING and cannot be redriven.' });
      await expect(attempts[1]).rejects.toBeInstanceOf(ExecutionNotRedrivable);
      await expect(attempts[2]).rejects.toBeInstanceOf(ExecutionDoesNotExist);
      await client.send(new StopExecutionCommand({ executionArn: running.executionArn }));
    });

    it('treats a second request with the same client token as the same redrive', async () => {
      // Arrange
      declineCard();
      const { executionArn } = await start('redrive', { orderId: 'o-3' });
      await finished(executionArn as string);
      lambdas.functions.set('charge', () => new Promise(() => {}));

      // Act
      const first = await client.send(new RedriveExecutionCommand({ executionArn, clientToken: 'redrive-o-3' }));
      const second = await client.send(new RedriveExecutionCommand({ executionArn, clientToken: 'redrive-o-3' }));
      const third = await client.send(new RedriveExecutionCommand({ executionArn, clientToken: 'another-token' })).catch((error: unknown) => error);

      // Assert
      expect(second.redriveDate).toEqual(first.redriveDate);
      expect((await client.send(new DescribeExecutionCommand({ executionArn }))).redriveCount).toBe(1);
      expect(third).toBeInstanceOf(ExecutionNotRedrivable);
      await client.send(new StopExecutionCommand({ executionArn }));
    });

    it('tells every status change as EventBridge would: start, failure, redrive, success', async () => {
      // Arrange
      declineCard();
      const { executionArn } = await start('redrive', { orderId: 'o-4' });
      await finished(executionArn as string);
      acceptCard();

      // Act
      await client.send(new RedriveExecutionCommand({ executionArn }));
      await finished(executionArn as string);

      // Assert
      const changes = statusChanges.filter((event) => event.detail.executionArn === executionArn);
      expect(changes.map((event) => [event.detail.status, event.detail.redriveCount])).toEqual([
        ['RUNNING', 0], ['FAILED', 0], ['RUNNING', 1], ['SUCCEEDED', 1],
      ]);
      expect(changes[1]).toMatchObject({
        source: 'aws.states',
        'detail-type': 'Step Functions Execution Status Change',
        resources: [executionArn],
        detail: {
          stateMachineArn: service.stateMachineArn('redrive'), name: executionArn?.split(':').pop(), error: 'Card.Declined',
          input: JSON.stringify({ orderId: 'o-4' }), redriveStatus: 'REDRIVABLE',
        },
      });
      expect(changes[1]?.detail.stopDate).toBeGreaterThanOrEqual(changes[1]?.detail.startDate as number);
    });
  });

  it('answers an unknown action with UnknownOperationException in the AWS error shape', async () => {
    // Arrange
    const request = {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.CreateActivity' },
      body: JSON.stringify({ name: 'activity' }),
    };

    // Act
    const response = await fetch(service.endpoint, request);

    // Assert
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException', message: expect.any(String) });
  });

  it('describes and lists the state machines it was given', async () => {
    // Arrange
    const stateMachineArn = service.stateMachineArn('greeting');

    // Act
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const listed = await client.send(new ListStateMachinesCommand({}));

    // Assert
    expect(described).toMatchObject({ stateMachineArn, name: 'greeting', status: 'ACTIVE', type: 'STANDARD' });
    expect(described.definition).toBe(fixture('greeting').definition);
    expect(listed.stateMachines?.map((machine) => machine.name)).toEqual(stateMachines.map((machine) => machine.name));
  });

  it('refuses to start with a state machine it cannot run, naming it', async () => {
    // Arrange
    const definition = JSON.stringify({
      StartAt: 'Publish',
      States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
    });

    // Act
    const starting = startLocalStepFunctions({ stateMachines: [{ name: 'notifier', definition }], invokeLambda: async () => null });

    // Assert
    await expect(starting).rejects.toThrow(/notifier.*Publish.*not supported/);
  });
});

describe('local Step Functions persistence', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'local-step-functions-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('resumes an execution that was running when the service stopped, with the same ARN, at its Wait, until it completes', async () => {
    // Arrange: a real-time service stopped while the execution waits a day
    const persistPath = join(directory, 'executions.json');
    const waits = fixture('waits');
    const registryStatus = () => JSON.parse(readFileSync(persistPath, 'utf8')).executions[0].status as string;
    const before = lambdaFunctions();
    const first = await startLocalStepFunctions({ stateMachines: [waits], invokeLambda: before.invokeLambda, timeScale: 1, persistPath });
    const firstClient = sdkClient(first.endpoint);
    const { executionArn } = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachineArn('waits'), input: JSON.stringify({ kind: 'seconds' }) }),
    );
    await eventually(async () => {
      const events = (await firstClient.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
      return events.some((event) => event.type === 'WaitStateEntered') || undefined;
    }, 'the execution to start waiting');
    firstClient.destroy();
    await first.stop();
    const statusAfterStop = registryStatus();

    // Act: a fast service on the same registry
    const after = lambdaFunctions();
    const second = await startLocalStepFunctions({
      stateMachines: [waits],
      invokeLambda: after.invokeLambda,
      timeScale: TIME_SCALE,
      persistPath,
    });
    await second.idle();
    const secondClient = sdkClient(second.endpoint);
    const execution = await secondClient.send(new DescribeExecutionCommand({ executionArn }));
    secondClient.destroy();
    await second.stop();

    // Assert
    expect(statusAfterStop).toBe('RUNNING');
    expect(execution).toMatchObject({ executionArn, status: 'SUCCEEDED', input: JSON.stringify({ kind: 'seconds' }) });
    expect(before.calls.map((call) => call.functionName)).toEqual(['note-start']);
    expect(after.calls).toEqual([]);
    expect(registryStatus()).toBe('SUCCEEDED');
  });

  it('keeps what a redrive needs: a failed execution is redriven after a restart', async () => {
    // Arrange: an execution that failed on a service that has since stopped
    const persistPath = join(directory, 'redrive.json');
    const redrive = fixture('redrive');
    const before = lambdaFunctions();
    before.functions.set('charge', () => {
      throw namedError('Card.Declined', 'insufficient funds');
    });
    const first = await startLocalStepFunctions({ stateMachines: [redrive], invokeLambda: before.invokeLambda, timeScale: TIME_SCALE, persistPath });
    await first.idle();
    const firstClient = sdkClient(first.endpoint);
    const { executionArn } = await firstClient.send(
      new StartExecutionCommand({ stateMachineArn: first.stateMachineArn('redrive'), input: JSON.stringify({ orderId: 'o-9' }) }),
    );
    await first.idle();
    firstClient.destroy();
    await first.stop();

    // Act
    const after = lambdaFunctions();
    const second = await startLocalStepFunctions({ stateMachines: [redrive], invokeLambda: after.invokeLambda, timeScale: TIME_SCALE, persistPath });
    const secondClient = sdkClient(second.endpoint);
    await secondClient.send(new RedriveExecutionCommand({ executionArn }));
    await second.idle();
    const execution = await secondClient.send(new DescribeExecutionCommand({ executionArn }));
    secondClient.destroy();
    await second.stop();

    // Assert
    expect(execution).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, output: JSON.stringify({ receipt: 'o-9: 42' }) });
    expect(after.calls.map((call) => call.functionName)).toEqual(['charge', 'send-receipt']);
  });
});
