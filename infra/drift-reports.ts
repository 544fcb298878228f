/**
 * What keeps the drift reports current and warns managers before drift happens:
 * - the table's stream → `refresh-drift`, which recomputes the snapshot of each engagement
 *   whose log changed (an event source mapping filtered to the items snapshots are computed
 *   from, so writes of snapshots and send guards never invoke it);
 * - EventBridge Scheduler → `send-drift-digests` once a day at `digestHour` in
 *   `digestTimeZone`: every open snapshot refreshed (time alone moves deadlines), then one
 *   digest per manager with something due.
 *
 * Contract: nothing is lost quietly. A stream batch that still fails after its retries (and
 * bisection) is described in `failedRefreshes`. A digest run the scheduler could not hand to
 * Lambda lands in `undeliveredDigests`; a run that Lambda accepted but the function kept failing
 * on (after Lambda's own retries) lands in `digestFailures` (infra/async-invocation.ts). All
 * three are dead-letter queues the operations alarms watch.
 */
import { Duration, Stack, TimeZone, Validations, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { keepFailedInvocations, undeliveredEventsQueue } from './async-invocation.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { DRIFT_SOURCE_PREFIXES } from '../functions/adapters/table-design.js';
import type { CommonEnvInput } from '../functions/env.js';
import type { EmailSending } from './email-sending.js';
import { HandlerFunction, type LambdaEnvironment } from './function.js';

export interface DriftReportsProps {
  readonly table: dynamodb.Table;
  readonly environment: LambdaEnvironment<CommonEnvInput>;
  readonly email: EmailSending;
  /** The hour (0–23) the digest goes out, in `digestTimeZone`. */
  readonly digestHour: number;
  /** An IANA zone: when the day starts for "one digest a day", and how deadlines are shown. */
  readonly digestTimeZone: string;
}

export class DriftReports extends Construct {
  readonly refresh: HandlerFunction<'refresh-drift'>;
  readonly digest: HandlerFunction<'send-drift-digests'>;
  readonly failedRefreshes: DeadLetterQueue;
  readonly undeliveredDigests: DeadLetterQueue;
  readonly digestFailures: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: DriftReportsProps) {
    super(scope, id);
    const { table } = props;

    this.refresh = new HandlerFunction(this, 'RefreshDrift', {
      handler: 'refresh-drift',
      description: 'Drift: recomputes the stored drift snapshot of each engagement whose log changed',
      environment: props.environment,
    });
    // Reads the engagement's items, then replaces its snapshot and moves its manager's totals
    // in one transaction (PutItem and UpdateItem inside TransactWriteItems).
    this.refresh.grantTableActions(table, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    this.failedRefreshes = new DeadLetterQueue(this, 'FailedRefreshes', {
      holds: 'descriptions of table-stream batches on which the RefreshDrift function kept failing (shard and sequence numbers, no data)',
      whatToDo: 'Find the error in the RefreshDrift function\'s logs at the time in the message and fix its cause. Nothing needs '
        + 'replaying: the next change of each engagement, or the next daily digest run, recomputes its snapshot. Then delete the message.',
    });
    this.refresh.function.addEventSource(new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 100,
      // Writes of one request (an answer, its event, the engagement's status) arrive together.
      maxBatchingWindow: Duration.seconds(2),
      retryAttempts: 5,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.failedRefreshes),
      filters: DRIFT_SOURCE_PREFIXES.map((prefix) => lambda.FilterCriteria.filter({
        dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith('ENG#') }, sk: { S: lambda.FilterRule.beginsWith(prefix) } } },
      })),
    }));
    Validations.of(this.refresh.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Reading the table stream needs dynamodb:ListStreams, which supports only Resource "*"; X-Ray tracing likewise.',
    });

    this.digest = new HandlerFunction(this, 'SendDriftDigests', {
      handler: 'send-drift-digests',
      description: 'Drift: the daily digest of promises coming due, one email per manager with something due',
      environment: { ...props.environment, DIGEST_TIME_ZONE: props.digestTimeZone },
    });
    // Reads the portfolio and each engagement, stores snapshots, and guards each send
    // (claim: PutItem/GetItem; mark: UpdateItem; release after a refusal: DeleteItem).
    this.digest.grantTable(table, 'read-write');
    props.email.grantSend(this.digest);
    this.digestFailures = keepFailedInvocations(this, this.digest, 'daily digest runs');
    this.undeliveredDigests = undeliveredEventsQueue(this, 'DailyDigestUndelivered', {
      events: 'daily digest runs', sender: 'the schedule DailyDigest', fn: this.digest,
    });
    const schedulerRole = new iam.Role(this, 'DigestSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler start the daily digest run',
    });
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.digest.function.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on this one function\'s versions and aliases, as grantInvoke grants it; no other function.',
    });
    new scheduler.Schedule(this, 'DailyDigest', {
      description: 'The daily pre-drift digest for managers',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: String(props.digestHour), timeZone: TimeZone.of(props.digestTimeZone) }),
      target: new LambdaInvoke(this.digest.function, {
        role: schedulerRole,
        // The run's day comes from the scheduled time, so a late retry is still that day's digest.
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledAt: scheduler.ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.undeliveredDigests,
      }),
    });
  }
}
