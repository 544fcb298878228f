/**
 * Functions that EventBridge invokes (a rule or the Scheduler) are invoked asynchronously, and
 * two different things can fail, each with its own queue:
 *
 * - `undeliveredEventsQueue`: the rule's or schedule's dead-letter queue. It receives only the
 *   events the rule or schedule could not hand to Lambda at all after its own retries (a missing
 *   permission, the function gone, throttling); the function never ran for them.
 * - `keepFailedInvocations`: what Lambda does once it has accepted the event. When the function
 *   throws, Lambda retries it and then sends the invocation record to the function's on-failure
 *   destination, or drops it if there is none. This sets the retries and the maximum event age
 *   from ASYNC_INVOCATIONS (the numbers the local runtime applies too) and makes an encrypted
 *   queue `<function id>Failures` the on-failure destination.
 *
 * Both queues are DeadLetterQueues, so each gets an alarm whose description says how to replay.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { ASYNC_INVOCATIONS, type AsyncHandlerName } from './function-settings.js';
import type { HandlerFunction } from './function.js';

/** The command that hands an event to the function again, as its rule or schedule would. */
const replayCommand = (fn: HandlerFunction) => `aws lambda invoke --function-name <the ${fn.node.id} function> --invocation-type Event `
  + '--cli-binary-format raw-in-base64-out --payload file://event.json /dev/null';

/** The dead-letter queue of the rule or schedule named `sender`, which invokes `fn` with `events`. */
export function undeliveredEventsQueue(scope: Construct, id: string, props: { events: string; sender: string; fn: HandlerFunction }): DeadLetterQueue {
  return new DeadLetterQueue(scope, id, {
    holds: `${props.events} that ${props.sender} could not deliver to the ${props.fn.node.id} function after its retries, so it never ran for them`,
    whatToDo: 'Each message body is the event; its attributes (ERROR_CODE, ERROR_MESSAGE) say why delivery failed, often a '
      + 'permission or throttling. Fix that, save the body as event.json, replay it with '
      + `"${replayCommand(props.fn)}", then delete the message.`,
  });
}

/** Bounded retries and event age for `fn`'s asynchronous invocations, and the queue that keeps what still fails. */
export function keepFailedInvocations(scope: Construct, fn: HandlerFunction<AsyncHandlerName>, events: string): DeadLetterQueue {
  const settings = ASYNC_INVOCATIONS[fn.handler];
  const queue = new DeadLetterQueue(scope, `${fn.node.id}Failures`, {
    holds: `${events} on which the ${fn.node.id} function itself kept failing (after ${settings.retryAttempts} retries, or once `
      + `older than ${settings.maxEventAgeSeconds / 3600} hours): Lambda's records of them, kept instead of dropped`,
    whatToDo: 'Each message is an invocation record: requestContext.condition says why Lambda gave up, responsePayload is the '
      + 'last error, requestContext.requestId finds it in the function\'s logs, requestPayload is the event. Fix the cause, save '
      + `requestPayload as event.json, replay it with "${replayCommand(fn)}", then delete the message.`,
  });
  fn.function.configureAsyncInvoke({
    retryAttempts: settings.retryAttempts,
    maxEventAge: Duration.seconds(settings.maxEventAgeSeconds),
    onFailure: new SendOnlyQueueDestination(queue),
  });
  return queue;
}

/**
 * An SQS on-failure destination granted only what Lambda uses to deliver the record to it,
 * sqs:SendMessage (CDK's SqsDestination also grants GetQueueAttributes and GetQueueUrl). The
 * queue is SSE-SQS encrypted, which needs no KMS permission.
 */
class SendOnlyQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: DeadLetterQueue) {}

  bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
    return { destination: this.queue.queueArn };
  }
}
