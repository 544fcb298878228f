/**
 * The Step Functions actions the local service answers, with their request validation.
 *
 * Each action checks its body with zod (wrong shape or length, payloads measured in UTF-8 bytes
 * as AWS measures them: ValidationException), then the
 * values AWS checks itself (InvalidArn, InvalidName, InvalidExecutionInput, InvalidOutput),
 * then calls the execution registry. Answers use AWS's JSON field names, with dates as epoch
 * seconds as the JSON 1.0 protocol carries them. Lists page with `maxResults`/`nextToken`.
 */
import { z } from 'zod';
import { isExecutionArn, isStateMachineArn } from './arns.js';
import type { Executions, RegisteredStateMachine } from './executions.js';
import { executionStatuses, type ExecutionRecord } from './registry-file.js';
import { isWithinPayloadLimit, MAX_PAYLOAD_BYTES } from './payload-limit.js';
import { ServiceError, type ServiceErrorName } from './service-error.js';

export type Dispatch = (action: string, body: unknown) => unknown;

const DEFAULT_PAGE_SIZE = 100;
/** AWS refuses whitespace, brackets, wildcards, these punctuation marks and control characters. */
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

const arn = z.string().min(1).max(2048);
/** AWS words a too-long member this way, in a ValidationException. */
const payload = z.string().refine(isWithinPayloadLimit, `Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`);
const taskToken = z.string().min(1).max(2048);
const pageRequest = {
  maxResults: z.number().int().min(0).max(1000).optional(),
  nextToken: z.string().min(1).max(1024).optional(),
};

const schemas = {
  StartExecution: z.object({
    stateMachineArn: arn,
    name: z.string().min(1).max(80).optional(),
    input: payload.optional(),
  }),
  DescribeExecution: z.object({ executionArn: arn }),
  RedriveExecution: z.object({ executionArn: arn, clientToken: z.string().min(1).max(64).optional() }),
  StopExecution: z.object({
    executionArn: arn,
    error: z.string().max(256).optional(),
    cause: z.string().max(32_768).optional(),
  }),
  ListExecutions: z.object({
    stateMachineArn: arn.optional(),
    statusFilter: z.enum(executionStatuses).optional(),
    ...pageRequest,
  }),
  GetExecutionHistory: z.object({ executionArn: arn, reverseOrder: z.boolean().optional(), ...pageRequest }),
  SendTaskSuccess: z.object({ taskToken, output: payload }),
  SendTaskFailure: z.object({
    taskToken,
    error: z.string().max(256).optional(),
    cause: z.string().max(32_768).optional(),
  }),
  SendTaskHeartbeat: z.object({ taskToken }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  ListStateMachines: z.object(pageRequest),
};

export function stepFunctionsActions(executions: Executions, stateMachines: RegisteredStateMachine[]): Dispatch {
  const actions: { [Action in keyof typeof schemas]: (request: z.infer<(typeof schemas)[Action]>) => unknown } = {
    StartExecution: ({ stateMachineArn, name, input = '{}' }) => {
      requireArn(stateMachineArn, isStateMachineArn);
      if (name !== undefined && !EXECUTION_NAME.test(name)) {
        throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
      }
      requireJson(input, 'InvalidExecutionInput', 'Invalid State Machine Execution Input');
      const record = executions.start(stateMachineArn, name, input);
      return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
    },
    DescribeExecution: ({ executionArn }) => {
      requireArn(executionArn, isExecutionArn);
      const record = executions.describe(executionArn);
      return {
        ...summary(record),
        input: record.input,
        inputDetails: { included: true },
        ...(record.output !== undefined && { output: record.output, outputDetails: { included: true } }),
        ...(record.error !== undefined && { error: record.error }),
        ...(record.cause !== undefined && { cause: record.cause }),
        redriveCount: record.redriveCount ?? 0,
        ...(record.redriveDate !== undefined && { redriveDate: epochSeconds(record.redriveDate) }),
        redriveStatus: record.redriveStatusReason === undefined ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
        ...(record.redriveStatusReason !== undefined && { redriveStatusReason: record.redriveStatusReason }),
      };
    },
    RedriveExecution: ({ executionArn, clientToken }) => {
      requireArn(executionArn, isExecutionArn);
      return { redriveDate: epochSeconds(executions.redrive(executionArn, clientToken)) };
    },
    StopExecution: ({ executionArn, error, cause }) => {
      requireArn(executionArn, isExecutionArn);
      return { stopDate: epochSeconds(executions.stop(executionArn, error, cause)) };
    },
    ListExecutions: ({ stateMachineArn, statusFilter, maxResults, nextToken }) => {
      if (stateMachineArn === undefined) {
        throw new ServiceError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
      }
      requireArn(stateMachineArn, isStateMachineArn);
      const { items, nextToken: next } = page(executions.list(stateMachineArn, statusFilter), maxResults, nextToken);
      return { executions: items.map(summary), ...(next && { nextToken: next }) };
    },
    GetExecutionHistory: ({ executionArn, reverseOrder, maxResults, nextToken }) => {
      requireArn(executionArn, isExecutionArn);
      const history = executions.history(executionArn);
      const ordered = reverseOrder ? [...history].reverse() : history;
      const { items, nextToken: next } = page(ordered, maxResults, nextToken);
      return { events: items, ...(next && { nextToken: next }) };
    },
    SendTaskSuccess: ({ taskToken, output }) => {
      executions.sendTaskSuccess(taskToken, requireJson(output, 'InvalidOutput', 'Invalid Output'));
      return {};
    },
    SendTaskFailure: ({ taskToken, error, cause }) => {
      executions.sendTaskFailure(taskToken, error, cause);
      return {};
    },
    SendTaskHeartbeat: ({ taskToken }) => {
      executions.sendTaskHeartbeat(taskToken);
      return {};
    },
    DescribeStateMachine: ({ stateMachineArn }) => {
      requireArn(stateMachineArn, isStateMachineArn);
      const machine = executions.stateMachine(stateMachineArn);
      return {
        stateMachineArn: machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definitionText,
        roleArn: executions.roleArn,
        type: 'STANDARD',
        creationDate: epochSeconds(machine.creationDate.toISOString()),
      };
    },
    ListStateMachines: ({ maxResults, nextToken }) => {
      const { items, nextToken: next } = page(stateMachines, maxResults, nextToken);
      return {
        stateMachines: items.map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: 'STANDARD',
          creationDate: epochSeconds(machine.creationDate.toISOString()),
        })),
        ...(next && { nextToken: next }),
      };
    },
  };

  return (action, body) => {
    if (!Object.hasOwn(actions, action)) {
      throw new ServiceError('UnknownOperationException', `The action ${action} is not supported locally`);
    }
    const name = action as keyof typeof schemas;
    const handle = actions[name] as (request: unknown) => unknown;
    return handle(validated(schemas[name], body));
  };
}

function validated(schema: z.ZodType, body: unknown): unknown {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `Value at '${issue.path.join('.') || 'body'}' failed to satisfy constraint: ${issue.message}`,
  );
  throw new ServiceError(
    'ValidationException',
    `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

function requireArn(value: string, isWellFormed: (arn: string) => boolean): void {
  if (!isWellFormed(value)) throw new ServiceError('InvalidArn', `Invalid Arn: '${value}'`);
}

function requireJson(text: string, errorName: ServiceErrorName, label: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ServiceError(errorName, `${label}: '${(error as Error).message}'`);
  }
}

function summary(record: ExecutionRecord & { stateMachineArn: string }) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epochSeconds(record.startDate),
    ...(record.stopDate !== undefined && { stopDate: epochSeconds(record.stopDate) }),
    ...(record.redriveCount !== undefined && { redriveCount: record.redriveCount }),
    ...(record.redriveDate !== undefined && { redriveDate: epochSeconds(record.redriveDate) }),
  };
}

/** A `nextToken` is the offset of the next item, opaque to callers. */
function page<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined) {
  const offset = nextToken === undefined ? '0' : Buffer.from(nextToken, 'base64url').toString('utf8');
  if (!/^\d{1,15}$/.test(offset)) throw new ServiceError('InvalidToken', `Invalid Token: '${nextToken}'`);
  const start = Number(offset);
  const end = start + (maxResults || DEFAULT_PAGE_SIZE);
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}

function epochSeconds(isoDate: string): number {
  return Date.parse(isoDate) / 1000;
}
