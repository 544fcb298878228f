/**
 * The events EventBridge receives on AWS when an execution changes status ("Step Functions
 * Execution Status Change", source `aws.states`): RUNNING when it starts or is redriven, then
 * SUCCEEDED, FAILED, TIMED_OUT or ABORTED. Dates are epoch milliseconds, as in those events.
 */
import { randomUUID } from 'node:crypto';
import type { ArnScope } from './arns.js';
import type { ExecutionRecord } from './registry-file.js';

export interface ExecutionStatusChange {
  version: '0';
  id: string;
  'detail-type': 'Step Functions Execution Status Change';
  source: 'aws.states';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    status: ExecutionRecord['status'];
    startDate: number;
    stopDate: number | null;
    input: string;
    inputDetails: { included: true };
    output: string | null;
    outputDetails: { included: true } | null;
    error: string | null;
    cause: string | null;
    redriveCount: number;
    redriveDate?: number;
    redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
    redriveStatusReason?: string;
  };
}

export function statusChangeEvent(
  scope: ArnScope,
  record: ExecutionRecord & { stateMachineArn: string },
  redriveBlocker: string | undefined,
): ExecutionStatusChange {
  const epochMs = (date: string | undefined) => (date === undefined ? null : Date.parse(date));
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: scope.accountId,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: scope.region,
    resources: [record.executionArn],
    detail: {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: Date.parse(record.startDate),
      stopDate: epochMs(record.stopDate),
      input: record.input,
      inputDetails: { included: true },
      output: record.output ?? null,
      outputDetails: record.output === undefined ? null : { included: true },
      error: record.error ?? null,
      cause: record.cause ?? null,
      redriveCount: record.redriveCount ?? 0,
      ...(record.redriveDate !== undefined && { redriveDate: Date.parse(record.redriveDate) }),
      redriveStatus: redriveBlocker === undefined ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
      ...(redriveBlocker !== undefined && { redriveStatusReason: redriveBlocker }),
    },
  };
}
