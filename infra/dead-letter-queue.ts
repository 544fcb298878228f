/**
 * A queue where what could not be processed waits to be looked at: encrypted (SSE-SQS), TLS
 * only, kept `DEAD_LETTER_RETENTION_DAYS` days, consumed by nothing.
 *
 * Contract: each queue says what a message in it is (`holds`) and what an operator does with one
 * (`whatToDo`); infra/operations.ts puts both in the description of the queue's alarm, so the
 * page an operator receives tells them how to act on it.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export const DEAD_LETTER_RETENTION_DAYS = 14;

export interface DeadLetterQueueProps {
  /** What a message in the queue is, as a phrase that follows "holds". */
  readonly holds: string;
  /** Where to read why it failed, and how to process it once the cause is fixed. */
  readonly whatToDo: string;
}

export class DeadLetterQueue extends sqs.Queue {
  readonly holds: string;
  readonly whatToDo: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      retentionPeriod: Duration.days(DEAD_LETTER_RETENTION_DAYS),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.holds = props.holds;
    this.whatToDo = props.whatToDo;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (it holds ${props.holds}); nothing consumes it automatically.`,
    });
  }
}
