/**
 * The drift-report plumbing in the synthesised stack: the stream consumer is filtered to the
 * items snapshots are computed from, retries with bisection, reports partial failures and keeps
 * what still fails; the digest runs daily at the configured hour and zone with the scheduled
 * time as input and a dead-letter queue; each function gets only the table actions it uses.
 */
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DRIFT_SOURCE_PREFIXES } from '../../functions/adapters/table-design.js';
import type { DriftReports } from '../../infra/drift-reports.js';
import { ExpectationsStack } from '../../infra/stack.js';

const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new ExpectationsStack(app, 'Expectations', { senderEmail: 'team@agency.example', digestHour: 8, digestTimeZone: 'Europe/Berlin' });
const template = Template.fromStack(stack);
const drift = stack.node.findChild('DriftReports') as DriftReports;
const logicalId = (element: unknown) => Stack.of(stack).getLogicalId(element as CfnElement);

function actionsOf(role: { node: { findChild(id: string): { node: { defaultChild?: unknown } } } }): string[] {
  const policy = template.toJSON().Resources[logicalId(role.node.findChild('DefaultPolicy').node.defaultChild)];
  return (policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe('the drift refresher', () => {
  it('reads the table stream, filtered to engagement items snapshots are computed from', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(drift.refresh.function.node.defaultChild) },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(drift.failedRefreshes.node.defaultChild), 'Arn'] } } },
      FilterCriteria: {
        Filters: DRIFT_SOURCE_PREFIXES.map((prefix) => ({
          Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: 'ENG#' }] }, sk: { S: [{ prefix }] } } } }),
        })),
      },
    });
  });

  it('may only read the engagement\'s items and write its snapshot and totals, besides reading the stream', () => {
    const stream = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
    const table = actionsOf(drift.refresh.role).filter((a) => a.startsWith('dynamodb:') && !stream.includes(a));
    expect(table.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
  });
});

describe('the daily digest', () => {
  it('runs every day at the configured hour in the configured zone, with the scheduled time as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalId(drift.digest.function.node.defaultChild), 'Arn'] },
        Input: JSON.stringify({ scheduledAt: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21_600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(drift.undeliveredDigests.node.defaultChild), 'Arn'] } },
      }),
    });
  });

  it('has time for a whole portfolio, knows its zone, and may send email', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ DIGEST_TIME_ZONE: 'Europe/Berlin' }) },
    });
    expect(actionsOf(drift.digest.role)).toEqual(expect.arrayContaining(['ses:SendEmail', 'dynamodb:Query', 'dynamodb:PutItem']));
  });
});
