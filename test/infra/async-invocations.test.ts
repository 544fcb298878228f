/**
 * Asynchronous invocations in the synthesised stack (bundling skipped). EventBridge rules and
 * the Scheduler invoke Lambda asynchronously; when the function throws, Lambda retries and then
 * drops the event unless the function has an on-failure destination. Proves: each function in
 * ASYNC_INVOCATIONS has an EventInvokeConfig with exactly those retries and that event age, and
 * an encrypted SQS queue as its on-failure destination, granted only sqs:SendMessage, with an
 * alarm that says how to replay; no other function has one; and the rule's or schedule's own
 * dead-letter queue (events it could not deliver) stays, a different queue with its own alarm.
 */
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HandlerFunction } from '../../infra/function.js';
import { ASYNC_INVOCATIONS, type AsyncHandlerName } from '../../infra/function-settings.js';
import { ExpectationsStack } from '../../infra/stack.js';

const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new ExpectationsStack(app, 'Expectations', { senderEmail: 'team@agency.example' });
const template = Template.fromStack(stack);
type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = template.toJSON().Resources as Record<string, Resource>;
const logicalId = (element: unknown) => Stack.of(stack).getLogicalId(element as CfnElement);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

const functions = stack.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
const asyncHandlers = Object.keys(ASYNC_INVOCATIONS) as AsyncHandlerName[];
function functionOf(handler: string): HandlerFunction {
  const fn = functions.find((f) => f.handler === handler);
  expect(fn, `a function runs ${handler}`).toBeDefined();
  return fn as HandlerFunction;
}

interface EventInvokeConfig {
  FunctionName: { Ref: string };
  Qualifier: string;
  MaximumRetryAttempts: number;
  MaximumEventAgeInSeconds: number;
  DestinationConfig?: { OnFailure?: { Destination: { 'Fn::GetAtt': [string, string] } } };
}
const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig').map(([, r]) => r.Properties as unknown as EventInvokeConfig);
function invokeConfigOf(fn: HandlerFunction): EventInvokeConfig {
  const matching = invokeConfigs.filter((c) => c.FunctionName.Ref === logicalId(fn.function.node.defaultChild));
  expect(matching, `one EventInvokeConfig for ${fn.node.id}`).toHaveLength(1);
  return matching[0] as EventInvokeConfig;
}
/** The logical id of the queue `fn` sends its failed invocation records to. */
function onFailureQueueOf(fn: HandlerFunction): string {
  const destination = invokeConfigOf(fn).DestinationConfig?.OnFailure?.Destination['Fn::GetAtt'];
  expect(destination?.[1]).toBe('Arn');
  return destination?.[0] as string;
}
function queueAlarmOf(queueId: string): { AlarmDescription: string; Threshold: number } {
  const alarm = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties)
    .find((p) => p.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(p.Dimensions).includes(`"${queueId}"`));
  expect(alarm, `an alarm on ${queueId}`).toBeDefined();
  return alarm as unknown as { AlarmDescription: string; Threshold: number };
}

describe('functions invoked asynchronously', () => {
  it('are the three that EventBridge invokes: the email-event recorder, the stalled-execution reporter and the daily digest', () => {
    expect(asyncHandlers.sort()).toEqual(['record-email-event', 'report-stalled', 'send-drift-digests']);
  });

  it.each(asyncHandlers)('%s: Lambda retries and ages its events as ASYNC_INVOCATIONS says, on the version the rule invokes', (handler) => {
    const config = invokeConfigOf(functionOf(handler));
    expect(config).toMatchObject({
      Qualifier: '$LATEST',
      MaximumRetryAttempts: ASYNC_INVOCATIONS[handler].retryAttempts,
      MaximumEventAgeInSeconds: ASYNC_INVOCATIONS[handler].maxEventAgeSeconds,
    });
  });

  it.each(asyncHandlers)('%s: an event it keeps failing on goes to an encrypted, TLS-only SQS queue of its own', (handler) => {
    const fn = functionOf(handler);
    const queueId = onFailureQueueOf(fn);
    expect(resources[queueId]?.Type).toBe('AWS::SQS::Queue');
    expect(resources[queueId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    expect(queueId).toMatch(new RegExp(`^(DriftReports)?${fn.node.id}Failures`));
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  it.each(asyncHandlers)('%s may only send messages to its on-failure queue, and to no other queue', (handler) => {
    const fn = functionOf(handler);
    const policy = resources[logicalId(fn.role.node.findChild('DefaultPolicy').node.defaultChild)];
    const statements = (policy?.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement;
    const sqsStatements = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    expect(sqsStatements).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [onFailureQueueOf(fn), 'Arn'] } },
    ]);
  });

  it.each(asyncHandlers)('%s: any message in its on-failure queue raises an alarm that says how to read it and replay it', (handler) => {
    const fn = functionOf(handler);
    const alarm = queueAlarmOf(onFailureQueueOf(fn));
    expect(alarm.Threshold).toBe(0);
    expect(alarm.AlarmDescription).toContain(`the ${fn.node.id} function itself kept failing`);
    expect(alarm.AlarmDescription).toMatch(/requestPayload.*aws lambda invoke --function-name <the \w+ function> --invocation-type Event/);
    expect(alarm.AlarmDescription.length).toBeLessThanOrEqual(1024);
  });

  it('no other function has an asynchronous-invocation configuration: the others are invoked synchronously (workflow tasks, the API, the table stream)', () => {
    const configured = invokeConfigs.map((c) => c.FunctionName.Ref).sort();
    expect(configured).toEqual(asyncHandlers.map((h) => logicalId(functionOf(h).function.node.defaultChild)).sort());
  });
});

describe('events the rule or schedule could not deliver', () => {
  /** The dead-letter queue of the target that invokes `fn`, found in the rule or the schedule. */
  function deliveryQueueOf(fn: HandlerFunction): string {
    const fnArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(fn.function.node.defaultChild), 'Arn'] });
    const targets = [
      ...ofType('AWS::Events::Rule').flatMap(([, r]) => r.Properties.Targets as Array<{ Arn: unknown; DeadLetterConfig?: { Arn: { 'Fn::GetAtt': string[] } } }>),
      ...ofType('AWS::Scheduler::Schedule').map(([, r]) => r.Properties.Target as { Arn: unknown; DeadLetterConfig?: { Arn: { 'Fn::GetAtt': string[] } } }),
    ].filter((t) => JSON.stringify(t.Arn) === fnArn);
    expect(targets, `one rule or schedule invokes ${fn.node.id}`).toHaveLength(1);
    return targets[0]?.DeadLetterConfig?.Arn['Fn::GetAtt'][0] as string;
  }

  it.each(asyncHandlers)('%s: its rule or schedule keeps its own dead-letter queue, apart from the on-failure queue, named so an operator tells them apart', (handler) => {
    const fn = functionOf(handler);
    const delivery = deliveryQueueOf(fn);
    expect(resources[delivery]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    expect(delivery).not.toBe(onFailureQueueOf(fn));
    expect(delivery).toMatch(/Undelivered/);
    expect(onFailureQueueOf(fn)).not.toMatch(/Undelivered/);
    const alarm = queueAlarmOf(delivery);
    expect(alarm.AlarmDescription).toContain(`could not deliver to the ${fn.node.id} function`);
    expect(alarm.AlarmDescription).toMatch(/ERROR_CODE.*aws lambda invoke --function-name <the \w+ function> --invocation-type Event/);
    expect(alarm.AlarmDescription.length).toBeLessThanOrEqual(1024);
  });
});
