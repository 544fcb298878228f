/**
 * What an operator watches: CloudWatch alarms on everything that can fail unseen, an SNS topic
 * they notify, and one dashboard for the whole product.
 *
 * Contract:
 * - Alarms, each with a description that says what it means and what to do:
 *   - per state machine: failed, timed-out and aborted executions (any, in 5 minutes);
 *   - per function: errors in 2 of 3 five-minute periods (a one-off error that the workflow's
 *     Retry absorbed is not worth a page; a step that fails beyond its retries raises the
 *     failed-execution alarm anyway), and any throttle;
 *   - per dead-letter queue: any message visible, described by what the queue holds and what to do
 *     with a message (infra/dead-letter-queue.ts): a rule's or schedule's queue of events it could
 *     not deliver is told apart from a function's on-failure queue of events it kept failing on;
 *   - the HTTP API: any 5xx (the app turns its own exceptions into 500 pages, so this is where
 *     a failing API shows, not in the function's errors).
 *   Missing data (no traffic) is not breaching. Each alarm notifies `topic` when it fires and
 *   when it recovers.
 * - `topic` is encrypted with its own KMS key, whose policy lets CloudWatch publish (the AWS
 *   managed SNS key does not), and refuses publishers without TLS. With `alarmEmail`, that
 *   address is subscribed (AWS sends it a confirmation email first).
 * - The dashboard: executions started/succeeded/failed per state machine; Lambda errors,
 *   duration p99 and throttles; API 4xx/5xx and latency p99; dead-letter queue depth; SES
 *   sends, deliveries, bounces and complaints (the account's AWS/SES metrics); the table's
 *   consumed capacity and throttle events; and the state of every alarm.
 * - Everything is built from the lists given, so a function, workflow or queue added to the
 *   stack is covered by passing it in.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { DEAD_LETTER_RETENTION_DAYS, type DeadLetterQueue } from './dead-letter-queue.js';
import type { HandlerFunction } from './function.js';

export interface OperationsProps {
  readonly stateMachines: readonly IStateMachine[];
  readonly functions: readonly HandlerFunction[];
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  readonly httpApi: IHttpApi;
  readonly table: ITable;
  /** Subscribed to the alarm topic when given. */
  readonly alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The name a person reads for a construct: its id in the stack ("SendKickoffInvite"). */
const labelOf = (construct: IConstruct) => construct.node.id;

export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly action: SnsAction;
  private readonly stackName: string;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.stackName = Stack.of(this).stackName;

    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic; CloudWatch may use it to publish alarms',
      enableKeyRotation: true,
    });
    // CloudWatch publishes as a service principal, so the key and the topic must both let it,
    // and only for this stack's alarms (their names start with the stack's name).
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      ArnLike: { 'aws:SourceArn': Stack.of(this).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: `${this.stackName}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    };
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [cloudWatch],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: fromOurAlarms,
    }));
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${this.stackName} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [cloudWatch],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: fromOurAlarms,
    }));
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    for (const machine of props.stateMachines) this.alarmOnStateMachine(machine);
    for (const fn of props.functions) this.alarmOnFunction(fn);
    for (const queue of props.deadLetterQueues) {
      this.alarm(queue, 'MessagesWaiting', {
        metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: FIVE_MINUTES }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        description: `The queue ${labelOf(queue)} holds ${queue.holds}. Read the messages in the SQS console. ${queue.whatToDo} `
          + `Messages expire ${DEAD_LETTER_RETENTION_DAYS} days after they arrive.`,
      });
    }
    this.alarm(props.httpApi, 'ServerErrors', {
      metric: props.httpApi.metricServerError({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      description: 'The HTTP API answered with a 5xx: a client or manager saw an error page. Find the requests with status 5xx in '
        + 'the API access logs (HttpApiAccessLogs), then the "request failed" line with its stack in the HttpApiHandler '
        + 'function\'s logs at the same time. Check the function\'s errors and throttles on the dashboard.',
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${this.stackName}-operations`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(...this.widgets(props));
  }

  private alarmOnStateMachine(machine: IStateMachine): void {
    const name = labelOf(machine);
    const whatToDo = 'Open the execution in the Step Functions console, read the error of the state that stopped it, and '
      + 'check the engagement in the manager pages. Fix the cause, then redrive the execution (it resumes from the failed '
      + 'state) or start the workflow again for that engagement.';
    const metricOptions = { statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES };
    this.alarm(machine, 'ExecutionsFailed', {
      metric: machine.metricFailed(metricOptions),
      threshold: 1,
      evaluationPeriods: 1,
      description: `An execution of ${name} failed: a step failed beyond its retries, so an engagement's workflow stopped at that step. `
        + `The manager was normally told by the ReportStalled function (rule StoppedExecutionsToReport). ${whatToDo}`,
    });
    this.alarm(machine, 'ExecutionsTimedOut', {
      metric: machine.metricTimedOut(metricOptions),
      threshold: 1,
      evaluationPeriods: 1,
      description: `An execution of ${name} timed out as a whole, so an engagement's workflow stopped. `
        + `The manager was normally told by the ReportStalled function (rule StoppedExecutionsToReport). ${whatToDo}`,
    });
    this.alarm(machine, 'ExecutionsAborted', {
      metric: machine.metricAborted(metricOptions),
      threshold: 1,
      evaluationPeriods: 1,
      description: `An execution of ${name} was stopped (StopExecution, by a person or a deployment). If that was not intended, `
        + `the engagement no longer moves: ${whatToDo}`,
    });
  }

  private alarmOnFunction(fn: HandlerFunction): void {
    const name = labelOf(fn);
    this.alarm(fn, 'Errors', {
      metric: fn.function.metricErrors({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description: `The ${name} function keeps failing (errors in 2 of the last 3 five-minute periods). Search its log group for `
        + 'level ERROR ("invocation failed", with the error\'s stack and the request id). A dependency that is down (SES, DynamoDB) '
        + 'shows in several functions at once; a bad deployment shows from its time on.',
    });
    this.alarm(fn, 'Throttles', {
      metric: fn.function.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      description: `Lambda throttled the ${name} function: the account's (or region's) concurrency limit was reached. `
        + 'Workflow steps retry, but HTTP requests fail. Check the account\'s ConcurrentExecutions and what else runs in it; '
        + 'ask for a higher limit or reserve concurrency for this product.',
    });
  }

  private alarm(subject: IConstruct, what: string, props: Omit<cloudwatch.AlarmProps, 'alarmName' | 'alarmDescription' | 'treatMissingData'> & { description: string }): void {
    const { description, ...alarmProps } = props;
    const alarm = new cloudwatch.Alarm(this, `${labelOf(subject)}${what}`, {
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      ...alarmProps,
      alarmName: `${this.stackName}-${labelOf(subject)}-${what}`,
      alarmDescription: description,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }

  private widgets(props: OperationsProps): cloudwatch.IWidget[] {
    const sum = { statistic: cloudwatch.Stats.SUM, period: FIVE_MINUTES };
    const p99 = { statistic: cloudwatch.Stats.p(99), period: FIVE_MINUTES };
    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) => new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    const ses = (metricName: string) => new cloudwatch.Metric({
      namespace: 'AWS/SES', metricName, label: metricName, statistic: cloudwatch.Stats.SUM, period: Duration.hours(1),
    });
    const labelled = <T extends IConstruct>(items: readonly T[], metric: (item: T) => cloudwatch.Metric) =>
      items.map((item) => metric(item).with({ label: labelOf(item) }));

    return [
      new cloudwatch.TextWidget({
        markdown: `# ${this.stackName}\nWorkflows, functions, the HTTP API, dead-letter queues, email and the table. `
          + 'Every alarm says what to do in its description.',
        width: 24,
        height: 2,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
      ...props.stateMachines.map((machine) => graph(`${labelOf(machine)}: executions`, [
        machine.metricStarted({ ...sum, label: 'started' }),
        machine.metricSucceeded({ ...sum, label: 'succeeded' }),
        machine.metricFailed({ ...sum, label: 'failed' }),
        machine.metricTimedOut({ ...sum, label: 'timed out' }),
        machine.metricAborted({ ...sum, label: 'aborted' }),
      ], 12)),
      graph('Lambda errors', labelled(props.functions, (fn) => fn.function.metricErrors(sum))),
      graph('Lambda duration p99', labelled(props.functions, (fn) => fn.function.metricDuration(p99))),
      graph('Lambda throttles', labelled(props.functions, (fn) => fn.function.metricThrottles(sum))),
      graph('HTTP API 4xx / 5xx', [
        props.httpApi.metricClientError({ ...sum, label: '4xx' }),
        props.httpApi.metricServerError({ ...sum, label: '5xx' }),
      ]),
      graph('HTTP API latency p99', [
        props.httpApi.metricLatency({ ...p99, label: 'latency' }),
        props.httpApi.metricIntegrationLatency({ ...p99, label: 'integration latency' }),
      ]),
      graph('Dead-letter queues: messages waiting', labelled(props.deadLetterQueues,
        (queue) => queue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period: FIVE_MINUTES }))),
      graph('SES (account): sends, deliveries, bounces, complaints', ['Send', 'Delivery', 'Bounce', 'Complaint'].map(ses), 12),
      graph('Table: consumed capacity', [
        props.table.metricConsumedReadCapacityUnits({ ...sum, label: 'read units' }),
        props.table.metricConsumedWriteCapacityUnits({ ...sum, label: 'write units' }),
      ], 6),
      graph('Table: throttle events', [
        props.table.metric('ReadThrottleEvents', { ...sum, label: 'read' }),
        props.table.metric('WriteThrottleEvents', { ...sum, label: 'write' }),
      ], 6),
    ];
  }
}
