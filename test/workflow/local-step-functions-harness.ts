/**
 * What the local Step Functions tests share: the fixture state machines
 * (./fixtures/local-sfn-*.asl.json), scriptable in-process Lambda functions that record their
 * calls, an SDK client for the service, and polling for a condition.
 */
import { readFileSync } from 'node:fs';
import { DescribeExecutionCommand, SFNClient, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';

export const DAY_SECONDS = 86_400;

export const fixture = (name: string) => ({
  name,
  definition: readFileSync(new URL(`./fixtures/local-sfn-${name}.asl.json`, import.meta.url), 'utf8'),
});

type LambdaFunction = (payload: any) => unknown;

/** In-process Lambda functions by name; tests replace entries to script failures. */
export function lambdaFunctions() {
  const calls: Array<{ functionName: string; payload: any }> = [];
  const functions = new Map<string, LambdaFunction>([
    ['build-greeting', ({ name }) => ({ greeting: `Hello, ${name}` })],
    ['shout', ({ greeting }) => String(greeting).toUpperCase()],
    ['ask-client', () => ({ ignored: 'the callback result comes from SendTaskSuccess' })],
    ['note-start', () => null],
    ['check-answer', () => ({ answered: true })],
    ['charge', ({ total }) => ({ charged: total })],
    ['send-receipt', ({ orderId, charge }) => ({ receipt: `${orderId}: ${charge.charged}` })],
  ]);
  return {
    calls,
    functions,
    invokeLambda: async (functionArn: string, payload: unknown) => {
      const functionName = functionArn.split(':').pop() as string;
      calls.push({ functionName, payload });
      const run = functions.get(functionName);
      if (!run) throw Object.assign(new Error(`No function ${functionName}`), { name: 'Lambda.ResourceNotFoundException' });
      return run(payload);
    },
  };
}

export function sdkClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Polls until the execution is no longer RUNNING. */
export const finishedOn = (client: SFNClient) => (executionArn: string): Promise<DescribeExecutionCommandOutput> =>
  eventually(async () => {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, `${executionArn} to finish`);
