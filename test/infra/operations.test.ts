/**
 * Operations in the synthesised stack (bundling skipped): every function logs JSON through
 * Powertools into a retained log group; every function, state machine and dead-letter queue
 * found in the stack, and the HTTP API, has its alarms, each telling what to do and notifying
 * one encrypted, TLS-only topic that CloudWatch may publish to; `alarmEmail` subscribes an
 * address; one dashboard shows the whole product. Found, not listed: a function added to the
 * stack later must be covered without touching these tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, it } from 'vitest';
import { DeadLetterQueue } from '../../infra/dead-letter-queue.js';
import { HandlerFunction } from '../../infra/function.js';
import { handlerEntry } from '../../infra/bundling.js';
import type { Operations } from '../../infra/operations.js';
import { ExpectationsStack, type ExpectationsStackProps } from '../../infra/stack.js';

const SENDER = 'team@agency.example';

function synth(props: ExpectationsStackProps = { senderEmail: SENDER }) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ExpectationsStack(app, 'Expectations', props);
  return { stack, template: Template.fromStack(stack) };
}

const { stack, template } = synth();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const logicalId = (construct: { node: { defaultChild?: unknown } }) => Stack.of(stack).getLogicalId(construct.node.defaultChild as CfnElement);
const operations = stack.node.findChild('Operations') as Operations;
const topicRef = { Ref: logicalId(operations.topic) };

const found = stack.node.findAll();
const functions = found.filter((c): c is HandlerFunction => c instanceof HandlerFunction);
const machines = found.filter((c): c is sfn.StateMachine => c instanceof sfn.StateMachine);
const queues = found.filter((c): c is sqs.Queue => c instanceof sqs.Queue);

interface AlarmProperties {
  AlarmName: string;
  AlarmDescription: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Array<{ Name: string; Value: unknown }>;
  Statistic: string;
  Period: number;
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
}
const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties as unknown as AlarmProperties);

function alarmOn(metricName: string, dimension: unknown): AlarmProperties {
  const matching = alarms.filter((a) => a.MetricName === metricName && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)));
  expect(matching, `one ${metricName} alarm on ${JSON.stringify(dimension)}`).toHaveLength(1);
  return matching[0] as AlarmProperties;
}

describe('function logs', () => {
  it('finds every function of the stack, the drift ones nested in their construct included', () => {
    expect(functions.length).toBeGreaterThanOrEqual(13);
    expect(functions.map((fn) => fn.node.path)).toEqual(expect.arrayContaining(['Expectations/SendKickoffInvite', 'Expectations/HttpApiHandler']));
  });

  it.each(functions.map((fn) => [fn.node.path, fn] as const))('%s logs JSON through Powertools, named after its handler, into a one-month log group', (_path, fn) => {
    const properties = resources[logicalId(fn.function)]?.Properties as { Handler: string; LoggingConfig: unknown; Environment: { Variables: Record<string, string> } };
    const variables = properties.Environment.Variables;
    expect(variables).toMatchObject({ POWERTOOLS_LOG_LEVEL: 'INFO', NODE_OPTIONS: '--enable-source-maps' });
    // The service name is the handler file the function runs, and that file exports `handler`.
    const service = variables.POWERTOOLS_SERVICE_NAME ?? '';
    expect(existsSync(handlerEntry(service))).toBe(true);
    expect(readFileSync(handlerEntry(service), 'utf8')).toMatch(/^export const handler = /m);
    expect(properties.Handler).toBe('index.handler');
    expect(properties.LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logicalId(fn.logGroup) } });
    expect(resources[logicalId(fn.logGroup)]?.Properties).toMatchObject({ RetentionInDays: 30 });
  });

  it('gives each function its own service name', () => {
    const names = functions.map((fn) => (resources[logicalId(fn.function)]?.Properties as { Environment: { Variables: Record<string, string> } }).Environment.Variables.POWERTOOLS_SERVICE_NAME);
    expect(new Set(names).size).toBe(functions.length);
  });
});

describe('alarms', () => {
  it.each(functions.map((fn) => [fn.node.id, fn] as const))('%s: errors in 2 of 3 five-minute periods, and any throttle', (_id, fn) => {
    const dimension = { Name: 'FunctionName', Value: { Ref: logicalId(fn.function) } };
    expect(alarmOn('Errors', dimension)).toMatchObject({
      Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 300, Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 2,
    });
    expect(alarmOn('Throttles', dimension)).toMatchObject({
      Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1,
    });
  });

  it('finds both workflows', () => {
    expect(machines.map((machine) => machine.node.id).sort()).toEqual(['EngagementWorkflow', 'KickoffWorkflow']);
  });

  it.each(machines.map((machine) => [machine.node.id, machine] as const))('%s: any failed, timed-out or aborted execution', (_id, machine) => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect(alarmOn(metric, { Name: 'StateMachineArn', Value: { Ref: logicalId(machine) } })).toMatchObject({
        Namespace: 'AWS/States', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1,
      });
    }
  });

  it.each(queues.map((queue) => [queue.node.path, queue] as const))('dead-letter queue %s: any message visible', (_path, queue) => {
    const alarm = alarmOn('ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } });
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
  });

  it('watches the queues of events a rule or schedule could not deliver and those of events a function kept failing on', () => {
    expect(queues.map((queue) => queue.node.id)).toEqual(expect.arrayContaining([
      'EmailEventsUndelivered', 'RecordEmailEventFailures',
      'StoppedExecutionsUndelivered', 'ReportStalledFailures',
      'DailyDigestUndelivered', 'SendDriftDigestsFailures',
      'FailedRefreshes',
    ]));
  });

  it.each(queues.map((queue) => [queue.node.id, queue] as const))('the alarm on %s says what the queue holds and what to do with a message', (_id, queue) => {
    const { AlarmDescription } = alarmOn('ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } });
    expect(queue).toBeInstanceOf(DeadLetterQueue);
    const { holds, whatToDo } = queue as DeadLetterQueue;
    expect(AlarmDescription).toContain(`The queue ${queue.node.id} holds ${holds}.`);
    expect(AlarmDescription).toContain(whatToDo);
    // CloudWatch refuses a longer description.
    expect(AlarmDescription.length).toBeLessThanOrEqual(1024);
  });

  it('HTTP API: any 5xx', () => {
    const api = stack.node.findChild('HttpApi') as { node: { defaultChild?: unknown } };
    expect(alarmOn('5xx', { Name: 'ApiId', Value: { Ref: logicalId(api) } })).toMatchObject({
      Namespace: 'AWS/ApiGateway', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('has exactly those alarms, nothing unaccounted for', () => {
    expect(alarms).toHaveLength(functions.length * 2 + machines.length * 3 + queues.length + 1);
  });

  it.each(alarms.map((alarm) => [alarm.AlarmName, alarm] as const))('%s treats missing data as fine, says what to do, and notifies the topic when it fires and recovers', (name, alarm) => {
    expect(name).toMatch(/^Expectations-/);
    expect(alarm.TreatMissingData).toBe('notBreaching');
    expect(alarm.AlarmDescription.length).toBeGreaterThan(80);
    expect(alarm.AlarmActions).toEqual([topicRef]);
    expect(alarm.OKActions).toEqual([topicRef]);
  });
});

describe('alarm topic', () => {
  it('is encrypted with a rotated key of its own and refuses publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(operations.topic.masterKey!), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('lets CloudWatch publish through the key and the topic, for this stack\'s alarms only', () => {
    const fromOurAlarms = Match.objectLike({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: { 'aws:SourceArn': Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':alarm:Expectations-*'])] }) },
    });
    const cloudWatch = { Service: 'cloudwatch.amazonaws.com' };
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: cloudWatch, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: fromOurAlarms })]) },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: cloudWatch, Action: 'sns:Publish', Condition: fromOurAlarms })]) },
    });
  });

  it('has no subscription without alarmEmail, and an email subscription with it', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    synth({ senderEmail: SENDER, alarmEmail: 'ops@agency.example' }).template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email', Endpoint: 'ops@agency.example', TopicArn: topicRef,
    });
  });
});

/** The dashboard's widgets, with each CloudFormation reference in the body written as `{Ref:Id}` or `{Fn::GetAtt:Id.Attr}`. */
function dashboardWidgets(): Array<{ type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: string[] } }> {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  const parts = (dashboard?.Properties as { DashboardBody: { 'Fn::Join': [string, unknown[]] } }).DashboardBody['Fn::Join'][1];
  const text = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part).replace(/["[\]]/g, ''))).join('');
  return (JSON.parse(text) as { widgets: ReturnType<typeof dashboardWidgets> }).widgets;
}

describe('dashboard', () => {
  const widgets = dashboardWidgets();
  const graph = (title: string) => {
    const widget = widgets.find((w) => w.properties.title === title);
    expect(widget, `a graph titled "${title}"`).toBeDefined();
    return (widget?.properties.metrics ?? []).map((metric) => metric.filter((part) => typeof part === 'string').join(' '));
  };

  it('is one dashboard named after the stack', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Expectations-operations' });
  });

  it.each(machines.map((machine) => [machine.node.id, machine] as const))('shows %s\'s executions started, succeeded and failed', (id, machine) => {
    const lines = graph(`${id}: executions`);
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed']) {
      expect(lines).toContainEqual(`AWS/States ${metric} StateMachineArn {Ref:${logicalId(machine)}}`);
    }
  });

  it.each([
    ['Lambda errors', 'Errors'],
    ['Lambda duration p99', 'Duration'],
    ['Lambda throttles', 'Throttles'],
  ])('shows %s for every function', (title, metric) => {
    const lines = graph(title);
    for (const fn of functions) expect(lines).toContainEqual(`AWS/Lambda ${metric} FunctionName {Ref:${logicalId(fn.function)}}`);
  });

  it('shows the duration as p99', () => {
    const widget = widgets.find((w) => w.properties.title === 'Lambda duration p99');
    expect(widget?.properties.metrics?.every((metric) => JSON.stringify(metric.at(-1)).includes('"stat":"p99"'))).toBe(true);
  });

  it('shows the depth of every dead-letter queue', () => {
    const lines = graph('Dead-letter queues: messages waiting');
    for (const queue of queues) expect(lines).toContainEqual(`AWS/SQS ApproximateNumberOfMessagesVisible QueueName {Fn::GetAtt:${logicalId(queue)},QueueName}`);
  });

  it('shows the API\'s 4xx, 5xx and latency p99', () => {
    expect(graph('HTTP API 4xx / 5xx').map((line) => line.split(' ')[1])).toEqual(['4xx', '5xx']);
    expect(graph('HTTP API latency p99').map((line) => line.split(' ')[1])).toContain('Latency');
  });

  it('shows SES sends, bounces and complaints, and the table\'s consumed capacity and throttles', () => {
    expect(graph('SES (account): sends, deliveries, bounces, complaints')).toEqual(expect.arrayContaining(['AWS/SES Send', 'AWS/SES Bounce', 'AWS/SES Complaint']));
    const table = `TableName {Ref:${logicalId(stack.node.findChild('Table') as { node: { defaultChild?: unknown } })}}`;
    expect(graph('Table: consumed capacity')).toEqual([`AWS/DynamoDB ConsumedReadCapacityUnits ${table}`, `AWS/DynamoDB ConsumedWriteCapacityUnits ${table}`]);
    expect(graph('Table: throttle events')).toEqual([`AWS/DynamoDB ReadThrottleEvents ${table}`, `AWS/DynamoDB WriteThrottleEvents ${table}`]);
  });

  it('shows the state of every alarm', () => {
    const shown = widgets.find((w) => w.type === 'alarm')?.properties.alarms ?? [];
    expect(shown).toEqual(operations.alarms.map((alarm) => `{Fn::GetAtt:${logicalId(alarm)},Arn}`));
  });
});
