/**
 * Step Functions' payload quota is 256 KiB of UTF-8 bytes, not characters: the local service
 * refuses what AWS refuses. "é" is two bytes, so 100,000 of them (200,000 bytes) are within the
 * quota and 140,000 (280,000 bytes, though only 140,000 characters) are over it. An execution
 * input or a SendTaskSuccess output over it is a ValidationException; a task result over it fails
 * the task with States.DataLimitExceeded, which neither `States.ALL` retrier nor catcher takes.
 */
import {
  DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, ValidationException,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../local/step-functions/index.js';

const WITHIN = 'é'.repeat(100_000);
const OVER = 'é'.repeat(140_000);
const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

const machines = [
  {
    name: 'echo',
    definition: JSON.stringify({ StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } }),
  },
  {
    name: 'await-answer',
    definition: JSON.stringify({
      StartAt: 'Await answer',
      States: {
        'Await answer': {
          Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', TimeoutSeconds: 60,
          Parameters: { FunctionName: fn('ask'), Payload: { 'token.$': '$$.Task.Token' } }, End: true,
        },
      },
    }),
  },
  {
    name: 'produce',
    definition: JSON.stringify({
      StartAt: 'Produce text',
      States: {
        'Produce text': {
          Type: 'Task', Resource: fn('produce'), TimeoutSeconds: 60,
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    }),
  },
];

let service: LocalStepFunctions;
let client: SFNClient;
const tokens: string[] = [];
const produced: number[] = [];

beforeAll(async () => {
  service = await startLocalStepFunctions({
    stateMachines: machines,
    timeScale: 1_000,
    invokeLambda: async (functionArn, payload) => {
      if (functionArn === fn('ask')) tokens.push((payload as { token: string }).token);
      if (functionArn !== fn('produce')) return null;
      const { length } = payload as { length: number };
      produced.push(length);
      return { text: 'é'.repeat(length) };
    },
  });
  client = new SFNClient({ endpoint: service.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await service?.stop();
});

async function finished(executionArn: string) {
  for (;;) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('payload limits in UTF-8 bytes', () => {
  it('starts an execution whose input is 200,000 bytes, and refuses one of 280,000 bytes in 140,000 characters', async () => {
    // Arrange
    const start = (text: string) => client.send(new StartExecutionCommand({ stateMachineArn: service.stateMachineArn('echo'), input: JSON.stringify({ text }) }));

    // Act
    const within = await start(WITHIN);
    const refused = await start(OVER).catch((error: unknown) => error);

    // Assert
    expect((await finished(within.executionArn as string)).status).toBe('SUCCEEDED');
    expect(refused).toBeInstanceOf(ValidationException);
    expect((refused as Error).message).toMatch(/Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144/);
  });

  it('refuses a SendTaskSuccess output of 280,000 bytes, and takes one of 200,000 bytes', async () => {
    // Arrange: an execution waiting for its task token
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: service.stateMachineArn('await-answer') }));
    const token = await (async () => {
      while (tokens.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      return tokens[0] as string;
    })();

    // Act
    const refused = await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ text: OVER }) })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationException);
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ text: WITHIN }) }));

    // Assert
    const execution = await finished(executionArn as string);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output as string)).toEqual({ text: WITHIN });
  });

  it('fails a task whose result is over the quota with States.DataLimitExceeded, which States.ALL neither retries nor catches', async () => {
    // Act
    const run = async (length: number) => {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: service.stateMachineArn('produce'), input: JSON.stringify({ length }) }));
      return finished(executionArn as string);
    };
    const within = await run(100_000);
    produced.length = 0;
    const over = await run(140_000);

    // Assert
    expect(within.status).toBe('SUCCEEDED');
    expect(over).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'Produce text' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
    expect(produced).toEqual([140_000]);
    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn: over.executionArn as string }));
    expect(events.some((event) => event.type === 'PassStateEntered')).toBe(false);
  });
});
