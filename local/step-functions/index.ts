/**
 * The local Step Functions service: an AWS Step Functions API (JSON 1.0 protocol) on
 * 127.0.0.1 that executes ASL definitions with aws-local-stepfunctions and runs their Lambda
 * tasks in-process. Production code reaches it with the ordinary `@aws-sdk/client-sfn`
 * through `AWS_ENDPOINT_URL_SFN`, as it reaches AWS.
 *
 * Actions: StartExecution, DescribeExecution, StopExecution, RedriveExecution, ListExecutions,
 * GetExecutionHistory, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat,
 * DescribeStateMachine, ListStateMachines. Errors carry AWS's names. Status changes are told to
 * `onStatusChange` as EventBridge receives them on AWS.
 *
 * Time: Wait states, task timeouts, retry intervals and the execution timeout are divided by
 * `timeScale`; AWS's one-year and 25,000-event limits end executions as they do on AWS.
 * Persistence: with `persistPath`, executions and their histories survive a restart; those that
 * were running resume at the state they were in (see executions.ts), just after
 * `startLocalStepFunctions` resolves (so the caller can first publish the endpoint). Their
 * waiting task tokens are answered from the first request on.
 */
import { stepFunctionsActions } from './actions.js';
import { stateMachineArn, type ArnScope } from './arns.js';
import { startAwsJsonServer } from './aws-json-server.js';
import { prepareDefinition } from './definition.js';
import { engineTimeoutError } from './engine.js';
import { Executions, type RegisteredStateMachine } from './executions.js';
import { registryFile } from './registry-file.js';
import type { ExecutionStatusChange } from './status-events.js';

export type { ExecutionStatusChange };

export interface LocalStepFunctionsOptions {
  /** 0 or undefined picks a free port; the server binds 127.0.0.1 only. */
  port?: number;
  /** Default 'us-east-1'. */
  region?: string;
  /** Default '000000000000'. */
  accountId?: string;
  /** ASL JSON text, with `${...}` substitutions already applied. */
  stateMachines: Array<{ name: string; definition: string }>;
  /** Runs a Lambda function in-process. Throwing an Error whose `name` is X makes the task fail with error X (as AWS does with errorType). */
  invokeLambda: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** 1 = real time; 1000 = a thousand times faster. Wait states (Seconds, SecondsPath, Timestamp/TimestampPath relative to now) and task timeouts (TimeoutSeconds and TimeoutSecondsPath) are divided by it. */
  timeScale?: number;
  /** Optional JSON file where the execution registry is kept, so executions survive a restart. */
  persistPath?: string;
  /** Told of every status change (start, redrive, end), as EventBridge is on AWS. */
  onStatusChange?: (event: ExecutionStatusChange) => void;
  /**
   * The time of the world the functions live in (the local runtime's faster clock), from which
   * `$$.Execution.StartTime` is given, so a function comparing it with its own "now" measures the
   * execution's age as the service does. Default: the wall clock.
   */
  now?: () => Date;
}

export interface LocalStepFunctions {
  /** For example http://127.0.0.1:43123 */
  endpoint: string;
  /** arn:aws:states:<region>:<account>:stateMachine:<name> */
  stateMachineArn(name: string): string;
  /** Resolves when no execution is running (useful for tests and shutdown). */
  idle(): Promise<void>;
  /** Closes the server and stops running executions without ending them: with `persistPath`, the next service resumes them. */
  stop(): Promise<void>;
}

export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  const scope: ArnScope = { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '000000000000' };
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  }
  const creationDate = new Date();
  const stateMachines: RegisteredStateMachine[] = options.stateMachines.map(({ name, definition }) => ({
    name,
    arn: stateMachineArn(scope, name),
    definitionText: definition,
    creationDate,
    prepared: prepareDefinition(name, definition, timeScale),
  }));
  const duplicate = stateMachines.find((machine, index) => stateMachines.findIndex((other) => other.name === machine.name) !== index);
  if (duplicate) throw new Error(`State machine ${duplicate.name} is defined twice`);

  const registry = options.persistPath === undefined ? undefined : registryFile(options.persistPath);
  const executions = new Executions({
    ...scope,
    stateMachines,
    timeScale,
    invokeLambda: options.invokeLambda,
    timeoutError: await engineTimeoutError(),
    registry,
    persisted: registry?.load(),
    onStatusChange: options.onStatusChange,
    now: options.now,
  });
  const server = await startAwsJsonServer({
    port: options.port ?? 0,
    targetPrefix: 'AWSStepFunctions',
    dispatch: stepFunctionsActions(executions, stateMachines),
  });
  // Resumed executions run once the caller holds the endpoint: their Lambdas may need to call it.
  const resumed = new Promise<void>((resolve) =>
    setImmediate(() => {
      executions.resume();
      resolve();
    }),
  );

  return {
    endpoint: server.endpoint,
    stateMachineArn: (name) => stateMachineArn(scope, name),
    idle: async () => {
      await resumed;
      await executions.idle();
    },
    stop: async () => {
      await resumed;
      await server.close();
      await executions.shutdown();
    },
  };
}
