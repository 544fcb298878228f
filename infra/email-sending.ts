/**
 * Outgoing email through SESv2: the configuration set every message is sent with, its event
 * destination, and the sender identity.
 *
 * Contract:
 * - Handlers send with `ConfigurationSetName` = `configurationSet.configurationSetName` and
 *   `FromEmailAddress` = `senderEmail`.
 * - SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT and OPEN events go to the account's default
 *   EventBridge bus (source `aws.ses`). CLICK is left out on purpose: messages carry signed
 *   links, and click tracking would rewrite them.
 * - With `senderDomain`, the stack creates the domain identity (Easy DKIM; publish the three
 *   CNAME records SES shows). Without it, `senderEmail` must be verified in SES by hand.
 * - `grantSend` allows `ses:SendEmail` (what SESv2 SendEmail authorises) on any identity of the
 *   account, only with `senderEmail` as the From address (`ses:FromAddress`), and on this
 *   configuration set. Any identity, because in the SES sandbox SES also authorises the send
 *   against the identity of each (verified) recipient: a grant on the sender's identity alone
 *   is refused with AccessDenied there, which no retry cures.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { HandlerFunction } from './function.js';

export interface EmailSendingProps {
  /** The From address. */
  readonly senderEmail: string;
  /** The domain to verify as an identity (usually the domain of `senderEmail`). */
  readonly senderDomain?: string;
}

export class EmailSending extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });

    // Events land on the default bus (source "aws.ses", this set's name in
    // detail.mail.tags."ses:configuration-set"); the stack's rule sends them to the recorder.
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.OPEN,
      ],
    });

    if (props.senderDomain) {
      new ses.EmailIdentity(this, 'DomainIdentity', {
        identity: ses.Identity.domain(props.senderDomain),
        configurationSet: this.configurationSet,
      });
    }
  }

  grantSend(grantee: HandlerFunction): void {
    const stack = Stack.of(this);
    // SES checks IAM against the sender's identity (the address's or its domain's) and, in the
    // sandbox, against each recipient's identity too; the condition keeps the From address ours.
    const anyIdentity = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
    grantee.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [anyIdentity],
      conditions: { StringEquals: { 'ses:FromAddress': this.senderEmail } },
    }));
    // Its own statement: the configuration set is authorised in the same request, and needs no condition.
    grantee.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName })],
    }));
    Validations.of(grantee.role).acknowledge({
      // cdk-nag names the resource as the template writes it, pseudo parameters in angle brackets.
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason: 'ses:SendEmail on every identity, but only From the sender address (ses:FromAddress): in the SES sandbox SES also '
        + 'authorises each send against the recipient\'s identity, which the stack cannot list in advance.',
    });
  }
}
